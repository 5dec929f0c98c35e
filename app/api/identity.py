"""Who is making a request: the session cookie resolved, on the server, to users.

The cookie holds a random token whose session row (see app.sessions) is looked up together with
the user, so signing out, an expired or idle session, a deleted user or a password change end
access at once. Routes that need only whose data to act on take the session's `Grant`, which
requests that only read may reuse from app.session_cache for a bounded second; routes that need
the users themselves take an `Identity`, always checked in PostgreSQL. The ids found are bound to
every log line of the request.
"""

from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from app import session_cache
from app.api.errors import AppError
from app.db import SAFE_METHODS, get_read_connection, get_session
from app.models import User
from app.models.base import utcnow
from app.session_cache import Grant
from app.sessions import FoundSession, find_session, session_token, token_hash


@dataclass(frozen=True)
class Identity:
    user: User
    """Whose data the request acts on."""

    impersonator: User | None = None
    """The admin really signed in, while they act as `user`."""

    @property
    def actor(self) -> User:
        return self.impersonator or self.user


def _identity_of(found: FoundSession) -> Identity:
    target = found.impersonated
    # Impersonation lasts only while the admin still is one, and never reaches another admin.
    if target is not None and found.user.is_admin and not target.is_admin:
        return Identity(user=target, impersonator=found.user)
    return Identity(user=found.user)


def _log_as(grant: Grant) -> None:
    structlog.contextvars.bind_contextvars(user_id=str(grant.user_id))
    if grant.impersonator_id is not None:
        structlog.contextvars.bind_contextvars(impersonator_id=str(grant.impersonator_id))


async def _check(request: Request, db: AsyncSession) -> tuple[Identity, Grant] | None:
    """The session in PostgreSQL; its grant is remembered for the reads that follow."""
    token = session_token(request)
    if token is None:
        return None
    hashed = token_hash(token)
    found = await find_session(db, hashed)
    if found is None:
        # Ended elsewhere (another process): reads here stop reusing it now, not in a second.
        session_cache.forget(hashed)
        return None
    identity = _identity_of(found)
    grant = Grant(
        session_id=found.record.id,
        user_id=identity.user.id,
        impersonator_id=identity.impersonator.id if identity.impersonator else None,
        expires_at=found.record.expires_at,
    )
    session_cache.remember(hashed, grant)
    _log_as(grant)
    return identity, grant


def _unauthenticated() -> AppError:
    return AppError(401, "unauthenticated", "Sign in to continue")


async def optional_identity(
    request: Request, db: Annotated[AsyncSession, Depends(get_session)]
) -> Identity | None:
    checked = await _check(request, db)
    return checked[0] if checked else None


async def require_identity(
    request: Request, db: Annotated[AsyncSession, Depends(get_session)]
) -> Identity:
    checked = await _check(request, db)
    if checked is None:
        raise _unauthenticated()
    return checked[0]


async def require_admin(identity: Annotated[Identity, Depends(require_identity)]) -> Identity:
    if not identity.actor.is_admin:
        raise AppError(403, "forbidden", "Only admins can do this")
    return identity


async def current_user(identity: Annotated[Identity, Depends(require_identity)]) -> User:
    return identity.user


def _remembered(request: Request) -> Grant | None:
    if request.method not in SAFE_METHODS or (token := session_token(request)) is None:
        return None
    grant = session_cache.remembered(token_hash(token), utcnow())
    if grant is not None:
        _log_as(grant)
    return grant


async def _checked_grant(request: Request, db: AsyncSession) -> Grant:
    checked = await _check(request, db)
    if checked is None:
        raise _unauthenticated()
    return checked[1]


async def current_grant(
    request: Request, db: Annotated[AsyncSession, Depends(get_session)]
) -> Grant:
    return _remembered(request) or await _checked_grant(request, db)


async def reader_grant(
    request: Request, connection: Annotated[AsyncConnection, Depends(get_read_connection)]
) -> Grant:
    """The grant of a route that reads on the read connection (GET only), which has no session:
    one is opened on that connection when the check cannot be reused."""
    if (grant := _remembered(request)) is not None:
        return grant
    async with AsyncSession(bind=connection, expire_on_commit=False) as db:
        return await _checked_grant(request, db)


DbSession = Annotated[AsyncSession, Depends(get_session)]
OptionalIdentity = Annotated[Identity | None, Depends(optional_identity)]
CurrentIdentity = Annotated[Identity, Depends(require_identity)]
AdminIdentity = Annotated[Identity, Depends(require_admin)]
CurrentUser = Annotated[User, Depends(current_user)]
CurrentGrant = Annotated[Grant, Depends(current_grant)]
ReaderGrant = Annotated[Grant, Depends(reader_grant)]
ReadConnection = Annotated[AsyncConnection, Depends(get_read_connection)]
