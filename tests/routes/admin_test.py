import logging

import pytest

from app.models import User
from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_status
from tests.factories import DEFAULT_PASSWORD, AdminFactory, NoteFactory, UserFactory


async def test_admin_lists_users(as_admin: ApiClient, admin: User, user: User) -> None:
    body = assert_status(await as_admin.get("/api/admin/users"), 200)
    assert {u["id"] for u in body} >= {str(admin.id), str(user.id)}


async def test_users_cannot_use_admin_routes(signed_in: ApiClient, user: User) -> None:
    assert_error(await signed_in.get("/api/admin/users"), 403, "forbidden")
    assert_error(await signed_in.post(f"/api/admin/impersonation/{user.id}"), 403, "forbidden")


async def test_admin_routes_need_a_session(client: ApiClient, user: User) -> None:
    assert_error(await client.get("/api/admin/users"), 401, "unauthenticated")
    assert_error(await client.post(f"/api/admin/impersonation/{user.id}"), 401, "unauthenticated")
    assert_error(await client.delete("/api/admin/impersonation"), 401, "unauthenticated")


async def test_impersonation_acts_as_the_user_and_is_audited(
    as_admin: ApiClient, admin: User, user: User, caplog: pytest.LogCaptureFixture
) -> None:
    note = await NoteFactory.create_async(owner_id=user.id)
    with caplog.at_level(logging.INFO, logger="app.audit"):
        body = assert_status(await as_admin.post(f"/api/admin/impersonation/{user.id}"), 200)
    assert (body["user"]["id"], body["impersonator"]["id"]) == (str(user.id), str(admin.id))
    assert "impersonation started" in caplog.text

    session = assert_status(await as_admin.get("/api/me"), 200)
    assert (session["user"]["id"], session["impersonator"]["id"]) == (str(user.id), str(admin.id))
    notes = assert_status(await as_admin.get("/api/notes"), 200)["items"]
    assert [n["id"] for n in notes] == [str(note.id)]

    with caplog.at_level(logging.INFO, logger="app.audit"):
        body = assert_status(await as_admin.delete("/api/admin/impersonation"), 200)
    assert (body["user"]["id"], body["impersonator"]) == (str(admin.id), None)
    assert "impersonation stopped" in caplog.text
    assert assert_status(await as_admin.get("/api/notes"), 200)["items"] == []


async def test_impersonating_admin_cannot_change_the_users_password(
    as_admin: ApiClient, user: User
) -> None:
    assert_status(await as_admin.post(f"/api/admin/impersonation/{user.id}"), 200)
    change = {"current_password": DEFAULT_PASSWORD, "new_password": "taken over account"}
    assert_error(await as_admin.post("/api/me/password", json=change), 403, "forbidden")


async def test_admins_cannot_be_impersonated(as_admin: ApiClient) -> None:
    other_admin = await AdminFactory.create_async()
    assert_error(
        await as_admin.post(f"/api/admin/impersonation/{other_admin.id}"), 403, "forbidden"
    )


async def test_impersonating_an_unknown_user_is_not_found(as_admin: ApiClient) -> None:
    unknown = UserFactory.build()
    assert_error(await as_admin.post(f"/api/admin/impersonation/{unknown.id}"), 404, "not_found")
