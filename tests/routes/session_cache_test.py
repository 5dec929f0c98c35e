"""Reads reuse a session check for at most SESSION_CHECK_CACHE_SECONDS (app/session_cache.py);
writes never do, and whatever ends a session in this process ends its reads at once.

A session ended by another process is simulated by deleting its row behind the app's back."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from app import session_cache
from app.api import identity
from app.models import User, UserSession
from app.models.base import utcnow
from app.settings import get_settings
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error, assert_status
from tests.factories import DEFAULT_PASSWORD

NEW_PASSWORD = "a brand new password"


async def _end_sessions_elsewhere(db: AsyncSession, user: User) -> None:
    await db.exec(delete(UserSession).where(col(UserSession.user_id) == user.id))
    await db.commit()


async def test_reads_reuse_a_check_until_the_bound(
    signed_in: ApiClient,
    user: User,
    db: AsyncSession,
    session_cache_clock: Callable[[float], None],
) -> None:
    bound = get_settings().session_check_cache_seconds
    assert_status(await signed_in.get("/api/notes"), 200)
    await _end_sessions_elsewhere(db, user)

    session_cache_clock(bound / 2)
    assert_status(await signed_in.get("/api/notes"), 200)
    session_cache_clock(bound / 2)
    assert_error(await signed_in.get("/api/notes"), 401, "unauthenticated")


async def test_writes_always_check_and_a_refused_check_ends_the_reads(
    signed_in: ApiClient, user: User, db: AsyncSession, session_cache_clock: Callable[[float], None]
) -> None:
    assert_status(await signed_in.get("/api/notes"), 200)
    await _end_sessions_elsewhere(db, user)

    assert_error(await signed_in.post("/api/notes", json={"title": "x"}), 401, "unauthenticated")
    assert_error(await signed_in.get("/api/notes"), 401, "unauthenticated")


async def test_pages_showing_the_user_always_check(
    signed_in: ApiClient, user: User, db: AsyncSession, session_cache_clock: Callable[[float], None]
) -> None:
    assert_status(await signed_in.get("/api/notes"), 200)
    await _end_sessions_elsewhere(db, user)
    assert assert_status(await signed_in.get("/api/auth/session"), 200) is None
    assert_error(await signed_in.get("/api/me"), 401, "unauthenticated")


async def test_a_password_change_ends_the_other_sessions_reads_at_once(
    client_factory: ClientFactory, user: User, session_cache_clock: Callable[[float], None]
) -> None:
    laptop, phone = await client_factory(), await client_factory()
    for client in (laptop, phone):
        await client.sign_in(user.email, DEFAULT_PASSWORD)
    assert_status(await phone.get("/api/notes"), 200)

    change = {"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    assert_status(await laptop.post("/api/me/password", json=change), 204)
    assert_error(await phone.get("/api/notes"), 401, "unauthenticated")
    assert_status(await laptop.get("/api/notes"), 200)


async def test_ending_a_session_from_the_list_ends_its_reads_at_once(
    signed_in: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    phone = await client_factory()
    await phone.sign_in(user.email, DEFAULT_PASSWORD)
    assert_status(await phone.get("/api/notes"), 200)
    (other,) = [
        s for s in assert_status(await signed_in.get("/api/me/sessions"), 200) if not s["current"]
    ]
    assert_status(await signed_in.delete(f"/api/me/sessions/{other['id']}"), 204)
    assert_error(await phone.get("/api/notes"), 401, "unauthenticated")


async def test_a_grant_ends_with_its_session_however_recent(
    signed_in: ApiClient, user: User, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_status(await signed_in.get("/api/notes"), 200)
    await _end_sessions_elsewhere(db, user)
    after_expiry = utcnow() + timedelta(seconds=get_settings().session_max_age_seconds + 1)
    monkeypatch.setattr(identity, "utcnow", lambda: after_expiry)
    assert_error(await signed_in.get("/api/notes"), 401, "unauthenticated")


async def test_no_reuse_when_the_bound_is_zero(
    signed_in: ApiClient, user: User, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = get_settings().model_copy(update={"session_check_cache_seconds": 0})
    monkeypatch.setattr(session_cache, "get_settings", lambda: settings)
    session_cache.reset()
    assert_status(await signed_in.get("/api/notes"), 200)
    await _end_sessions_elsewhere(db, user)
    assert_error(await signed_in.get("/api/notes"), 401, "unauthenticated")
