"""Server-side sessions: ended on sign-out, rotated on every change of privilege, expired when
idle, listed and ended from settings, and the CSRF token bound to them."""

from datetime import timedelta

import httpx
from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import User, UserSession
from app.models.base import utcnow
from app.settings import get_settings
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error, assert_status
from tests.factories import DEFAULT_PASSWORD, AdminFactory

SESSION = "__Host-session"
CSRF = "__Host-csrftoken"


async def _replaying(client_factory: ClientFactory, cookies: httpx.Cookies) -> ApiClient:
    """A second client that sends a copy of these cookies, as an attacker who stole them would."""
    attacker = await client_factory()
    attacker.cookies.clear()
    for cookie in cookies.jar:
        attacker.cookies.jar.set_cookie(cookie)
    return attacker


async def test_a_cookie_replayed_after_sign_out_is_refused(
    signed_in: ApiClient, client_factory: ClientFactory
) -> None:
    stolen = httpx.Cookies(signed_in.cookies)
    assert_status(await signed_in.get("/api/notes"), 200)  # a read whose check may be reused
    assert_status(await signed_in.post("/api/auth/sign-out"), 204)

    attacker = await _replaying(client_factory, stolen)
    assert_error(await attacker.get("/api/notes"), 401, "unauthenticated")
    assert_error(await attacker.get("/api/me"), 401, "unauthenticated")
    assert_error(await attacker.post("/api/notes", json={"title": "x"}), 401, "unauthenticated")


async def test_a_cookie_replayed_after_impersonation_stopped_is_refused(
    as_admin: ApiClient, admin: User, client_factory: ClientFactory, user: User
) -> None:
    assert_status(await as_admin.post(f"/api/admin/impersonation/{user.id}"), 200)
    while_impersonating = httpx.Cookies(as_admin.cookies)
    assert_status(await as_admin.delete("/api/admin/impersonation"), 200)

    attacker = await _replaying(client_factory, while_impersonating)
    assert_error(await attacker.get("/api/notes"), 401, "unauthenticated")
    me = assert_status(await as_admin.get("/api/me"), 200)
    assert me["user"]["id"] == str(admin.id)
    assert me["impersonator"] is None


async def test_impersonating_rotates_the_session(
    as_admin: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    before = httpx.Cookies(as_admin.cookies)
    assert_status(await as_admin.post(f"/api/admin/impersonation/{user.id}"), 200)
    assert as_admin.cookies[SESSION] != before[SESSION]
    assert as_admin.cookies[CSRF] != before[CSRF]

    attacker = await _replaying(client_factory, before)
    assert_error(await attacker.get("/api/me"), 401, "unauthenticated")


async def test_signing_in_again_rotates_the_session_and_csrf_token(
    signed_in: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    first = httpx.Cookies(signed_in.cookies)
    await signed_in.sign_in(user.email, DEFAULT_PASSWORD)
    assert signed_in.cookies[SESSION] != first[SESSION]
    assert signed_in.cookies[CSRF] != first[CSRF]
    attacker = await _replaying(client_factory, first)
    assert_error(await attacker.get("/api/me"), 401, "unauthenticated")


async def test_signing_out_gives_a_new_csrf_token(signed_in: ApiClient) -> None:
    before = signed_in.cookies[CSRF]
    assert_status(await signed_in.post("/api/auth/sign-out"), 204)
    assert signed_in.cookies[CSRF] != before
    assert SESSION not in signed_in.cookies


async def test_the_csrf_token_of_one_session_fails_in_another(
    client_factory: ClientFactory, user: User
) -> None:
    alice = await client_factory()
    await alice.sign_in(user.email, DEFAULT_PASSWORD)
    bob = await client_factory()
    await bob.sign_in(user.email, DEFAULT_PASSWORD)
    forged = {"x-csrftoken": alice.cookies[CSRF]}
    response = await bob.post("/api/notes", json={"title": "x"}, headers=forged)
    assert_error(response, 403, "csrf_failed")


async def test_a_signed_out_token_fails_once_signed_in(client: ApiClient, user: User) -> None:
    anonymous = client.cookies[CSRF]
    await client.sign_in(user.email, DEFAULT_PASSWORD)
    response = await client.post(
        "/api/notes", json={"title": "x"}, headers={"x-csrftoken": anonymous}
    )
    assert_error(response, 403, "csrf_failed")


async def test_an_idle_session_ends(signed_in: ApiClient, user: User, db: AsyncSession) -> None:
    idle = timedelta(seconds=get_settings().session_idle_timeout_seconds + 1)
    await db.exec(
        update(UserSession)
        .where(col(UserSession.user_id) == user.id)
        .values(last_seen_at=utcnow() - idle)
    )
    await db.commit()
    assert_error(await signed_in.get("/api/me"), 401, "unauthenticated")


async def test_an_expired_session_ends(signed_in: ApiClient, user: User, db: AsyncSession) -> None:
    await db.exec(
        update(UserSession)
        .where(col(UserSession.user_id) == user.id)
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await db.commit()
    assert_error(await signed_in.get("/api/me"), 401, "unauthenticated")


async def test_use_keeps_a_session_alive(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    long_ago = utcnow() - timedelta(hours=1)
    await db.exec(
        update(UserSession).where(col(UserSession.user_id) == user.id).values(last_seen_at=long_ago)
    )
    await db.commit()
    assert_status(await signed_in.get("/api/me"), 200)
    db.expunge_all()
    record = (await db.exec(select(UserSession).where(UserSession.user_id == user.id))).one()
    assert record.last_seen_at > long_ago + timedelta(minutes=59)


async def test_the_cookie_is_host_prefixed_over_https(client: ApiClient, user: User) -> None:
    response = await client.sign_in(user.email, DEFAULT_PASSWORD)
    for cookie in response.headers.get_list("set-cookie"):
        assert cookie.startswith("__Host-")
        attributes = {part.strip().lower() for part in cookie.split(";")}
        assert {"secure", "path=/"} <= attributes
        assert not any(attribute.startswith("domain") for attribute in attributes)


async def test_list_and_end_other_sessions(
    signed_in: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    phone = await client_factory()
    await phone.sign_in(user.email, DEFAULT_PASSWORD)

    sessions = assert_status(await signed_in.get("/api/me/sessions"), 200)
    assert len(sessions) == 2
    (mine,) = [s for s in sessions if s["current"]]
    (other,) = [s for s in sessions if not s["current"]]
    assert other["id"].startswith("session_")
    assert other["ip_address"] == "203.0.113.10"

    error = assert_error(
        await signed_in.delete(f"/api/me/sessions/{mine['id']}"), 400, "current_session"
    )
    assert "Sign out" in error["message"]
    assert_status(await signed_in.delete(f"/api/me/sessions/{other['id']}"), 204)
    assert_error(await phone.get("/api/me"), 401, "unauthenticated")
    assert_status(await signed_in.get("/api/me"), 200)


async def test_end_all_other_sessions(
    signed_in: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    others = [await client_factory() for _ in range(2)]
    for other in others:
        await other.sign_in(user.email, DEFAULT_PASSWORD)
    assert_status(await signed_in.delete("/api/me/sessions"), 204)
    for other in others:
        assert_error(await other.get("/api/me"), 401, "unauthenticated")
    assert [s["current"] for s in assert_status(await signed_in.get("/api/me/sessions"), 200)] == [
        True
    ]


async def test_another_users_session_cannot_be_ended(
    signed_in: ApiClient, client_factory: ClientFactory, db: AsyncSession
) -> None:
    other_user = await AdminFactory.create_async()
    other = await client_factory()
    await other.sign_in(other_user.email, DEFAULT_PASSWORD)
    (theirs,) = assert_status(await other.get("/api/me/sessions"), 200)
    assert_error(await signed_in.delete(f"/api/me/sessions/{theirs['id']}"), 404, "not_found")
    assert_status(await other.get("/api/me"), 200)
