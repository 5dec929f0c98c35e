"""Assertions that read as the API's contract."""

from typing import Any

import httpx


def assert_status(response: httpx.Response, status: int) -> Any:
    """Checks the status (showing the body when it differs) and returns the parsed JSON body."""
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.text}"
    )
    return response.json() if response.content else None


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Checks the API's error body: status, code, a message and the request id."""
    body = assert_status(response, status)
    error = body["error"]
    assert error["code"] == code, error
    assert error["message"]
    assert error["request_id"] == response.headers["x-request-id"]
    return error


def assert_field_errors(response: httpx.Response, *fields: str) -> None:
    error = assert_error(response, 422, "validation_error")
    assert sorted(f["field"] for f in error["fields"]) == sorted(fields), error["fields"]
