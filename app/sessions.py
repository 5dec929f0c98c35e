"""Server-side sessions in PostgreSQL: created on sign-in, checked on every request, deleted on
sign-out, and replaced by a new one (a new token) on every change of privilege.

The check costs no extra round trip: the one query that loads the signed-in user (and, while an
admin impersonates, the user acted as) finds the session by its token's hash at the same time,
refusing it once expired or idle. Writing `last_seen_at` happens at most every few minutes.
Whatever ends sessions here also forgets them in this process's app.session_cache.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from app import session_cache
from app.models import User, UserId, UserSession, UserSessionId
from app.models.base import utcnow
from app.security.cookies import CSRF_COOKIE, SESSION_COOKIE, cookie_name, delete_cookie, set_cookie
from app.security.csrf import anonymous_csrf_token, session_csrf_token
from app.settings import get_settings

TOUCH_INTERVAL = timedelta(minutes=5)
MAX_USER_AGENT_LENGTH = 300


@dataclass(frozen=True)
class FoundSession:
    record: UserSession
    user: User
    impersonated: User | None


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def session_token(request: Request) -> str | None:
    return request.cookies.get(cookie_name(SESSION_COOKIE, https=get_settings().https)) or None


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


_impersonated = aliased(User)
# Built once at import: only the parameters change between requests.
_FIND_SESSION = (
    select(UserSession, User, _impersonated)
    .join(User, col(User.id) == col(UserSession.user_id))
    .outerjoin(_impersonated, col(_impersonated.id) == col(UserSession.impersonated_user_id))
    .where(
        col(UserSession.token_hash) == bindparam("token_hash"),
        col(UserSession.expires_at) > bindparam("now"),
        col(UserSession.last_seen_at) > bindparam("idle_since"),
    )
)


async def find_session(db: AsyncSession, hashed_token: bytes) -> FoundSession | None:
    """The live session whose token hashes to `hashed_token` (see token_hash), with its users."""
    now = utcnow()
    idle_since = now - timedelta(seconds=get_settings().session_idle_timeout_seconds)
    params = {"token_hash": hashed_token, "now": now, "idle_since": idle_since}
    row = (await db.exec(_FIND_SESSION, params=params)).first()
    if row is None:
        return None
    record, user, target = row
    if now - record.last_seen_at > TOUCH_INTERVAL:
        await db.exec(
            update(UserSession).where(col(UserSession.id) == record.id).values(last_seen_at=now)
        )
        # On its own: nothing else is pending yet, and a handler that fails must not undo it.
        await db.commit()
    return FoundSession(record=record, user=user, impersonated=target)


async def start_session(
    db: AsyncSession,
    request: Request,
    response: Response,
    user: User,
    *,
    impersonated: User | None = None,
) -> UserSession:
    """A new session with a new token, replacing the request's own (if any); the caller commits."""
    settings = get_settings()
    await _delete_current(db, request)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = UserSession(
        token_hash=token_hash(token),
        user_id=user.id,
        impersonated_user_id=impersonated.id if impersonated else None,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(seconds=settings.session_max_age_seconds),
        ip_address=client_address(request),
        user_agent=request.headers.get("user-agent", "")[:MAX_USER_AGENT_LENGTH],
    )
    db.add(record)
    https = settings.https
    set_cookie(
        response,
        SESSION_COOKIE,
        token,
        https=https,
        http_only=True,
        max_age=settings.session_max_age_seconds,
    )
    csrf_token = session_csrf_token(settings.secret_key, token)
    set_cookie(response, CSRF_COOKIE, csrf_token, https=https, http_only=False, max_age=None)
    return record


async def end_session(db: AsyncSession, request: Request, response: Response) -> None:
    """Deletes the request's session and its cookie; the caller commits."""
    settings = get_settings()
    await _delete_current(db, request)
    delete_cookie(response, SESSION_COOKIE, https=settings.https)
    csrf_token = anonymous_csrf_token(settings.secret_key)
    set_cookie(
        response, CSRF_COOKIE, csrf_token, https=settings.https, http_only=False, max_age=None
    )


async def end_sessions_of(
    db: AsyncSession, user_id: UserId, *, keep: UserSessionId | None = None
) -> None:
    """Deletes every session of a user (but `keep`), including an admin's impersonating them."""
    owned_or_impersonating = (col(UserSession.user_id) == user_id) | (
        col(UserSession.impersonated_user_id) == user_id
    )
    statement = delete(UserSession).where(owned_or_impersonating)
    if keep is not None:
        statement = statement.where(col(UserSession.id) != keep)
    await db.exec(statement)
    session_cache.forget_user(user_id)


async def end_session_of(db: AsyncSession, user_id: UserId, session_id: UserSessionId) -> bool:
    """Deletes one session of a user, if it is theirs; the caller commits."""
    result = await db.exec(
        delete(UserSession).where(
            col(UserSession.id) == session_id, col(UserSession.user_id) == user_id
        )
    )
    session_cache.forget_session(session_id)
    return result.rowcount > 0  # pyright: ignore[reportAttributeAccessIssue]


async def _delete_current(db: AsyncSession, request: Request) -> None:
    token = session_token(request)
    if token is not None:
        hashed = token_hash(token)
        await db.exec(delete(UserSession).where(col(UserSession.token_hash) == hashed))
        session_cache.forget(hashed)
