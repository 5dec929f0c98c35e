"""Answers serialized straight to JSON bytes, for the hot reads.

A route that returns a model has FastAPI validate it against the response model again and encode
it in two steps; pydantic's serializer writes the same JSON (compact, UTF-8, datetimes in ISO 8601)
in one. The route still declares `response_model`, so the OpenAPI schema stays the same.
"""

from fastapi import Response
from pydantic import BaseModel


def json_response(body: BaseModel) -> Response:
    return Response(body.__pydantic_serializer__.to_json(body), media_type="application/json")
