"""Keyset pagination: a page of rows newest first, and an opaque cursor to the next one.

A cursor names the last row a client has seen by its (created_at, id), so the next page starts
right after it whatever was inserted or deleted in between, and PostgreSQL reads only the page
from an index on (owner, created_at DESC, id DESC), never sorting all of a user's rows. The cursor
is opaque to clients (base64url of JSON) but not secret: it only says where to resume, and every
query is still scoped to its owner.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import Field

from app.api.errors import AppError
from app.ids import parse_typeid

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_CURSOR_LENGTH = 200

Limit = Annotated[
    int,
    Query(ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}"),
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=MAX_CURSOR_LENGTH,
        description="`next_cursor` of the previous page; omit it for the first page",
    ),
]
NextCursor = Annotated[
    str | None,
    Field(description="Pass as `cursor` to get the next page; null on the last page"),
]


@dataclass(frozen=True)
class Position:
    """Where a page ended: the created_at and id of its last row."""

    created_at: datetime
    id: str


def encode_cursor(position: Position) -> str:
    created_at = position.created_at.astimezone(UTC).isoformat()
    raw = json.dumps([created_at, position.id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, id_prefix: str) -> Position:
    """The position a cursor names; a 400 for anything the API did not give out."""
    try:
        raw: Any = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        created_at, row_id = raw
        position = Position(
            datetime.fromisoformat(created_at), str(parse_typeid(row_id, id_prefix))
        )
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise invalid_cursor() from error
    if position.created_at.tzinfo is None:
        raise invalid_cursor()
    return position


def invalid_cursor() -> AppError:
    return AppError(400, "invalid_cursor", "This cursor is not one the API gave out")
