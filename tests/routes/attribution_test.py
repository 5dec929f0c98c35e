"""Every log line of a request names the user, and the admin while impersonating; writes made while
impersonating are audited."""

import logging
from typing import Any

import pytest

from app.models import User
from tests.api_client import ApiClient
from tests.assertions import assert_status


def _events(caplog: pytest.LogCaptureFixture, logger: str) -> list[dict[str, Any]]:
    return [r.msg for r in caplog.records if r.name == logger and isinstance(r.msg, dict)]


async def test_request_lines_carry_the_user_id(
    signed_in: ApiClient, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    assert_status(await signed_in.get("/api/notes"), 200)
    (line,) = [e for e in _events(caplog, "app.request") if e["path"] == "/api/notes"]
    assert line["user_id"] == str(user.id)
    assert "impersonator_id" not in line
    assert line["request_id"]


async def test_impersonated_writes_name_the_admin_and_are_audited(
    as_admin: ApiClient, admin: User, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    assert_status(await as_admin.post(f"/api/admin/impersonation/{user.id}"), 200)
    caplog.set_level(logging.INFO)
    assert_status(await as_admin.post("/api/notes", json={"title": "Written by the admin"}), 201)
    assert_status(await as_admin.get("/api/notes"), 200)

    lines = [e for e in _events(caplog, "app.request") if e["path"] == "/api/notes"]
    assert [(e["method"], e["user_id"], e["impersonator_id"]) for e in lines] == [
        ("POST", str(user.id), str(admin.id)),
        ("GET", str(user.id), str(admin.id)),
    ]
    (audited,) = [
        e for e in _events(caplog, "app.audit") if e["event"] == "write while impersonating"
    ]
    assert (audited["admin_id"], audited["user_id"], audited["method"], audited["path"]) == (
        str(admin.id),
        str(user.id),
        "POST",
        "/api/notes",
    )
    assert audited["status"] == 201


async def test_nothing_leaks_into_the_next_request(
    signed_in: ApiClient, client: ApiClient, caplog: pytest.LogCaptureFixture
) -> None:
    assert_status(await signed_in.get("/api/notes"), 200)
    caplog.set_level(logging.INFO)
    await client.get("/healthcheck")
    (line,) = [e for e in _events(caplog, "app.request") if e["path"] == "/healthcheck"]
    assert "user_id" not in line
