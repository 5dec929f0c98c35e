"""Who is making a request: the session cookie resolved, on the server, to users.

The cookie holds a random token whose session row (see app.sessions) is looked up on every request
together with the user, so signing out, an expired or idle session, a deleted user or a password
change end access at once. The ids found are bound to every log line of the request.
"""

from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.errors import AppError
from app.db import get_session
from app.models import User, UserSession
from app.sessions import find_session, session_token


@dataclass(frozen=True)
class Identity:
    user: User
    """Whose data the request acts on."""

    impersonator: User | None = None
    """The admin really signed in, while they act as `user`."""

    @property
    def actor(self) -> User:
        return self.impersonator or self.user


def current_session(request: Request) -> UserSession | None:
    """The session row of a request whose identity was resolved."""
    return getattr(request.state, "user_session", None)


async def optional_identity(
    request: Request, db: Annotated[AsyncSession, Depends(get_session)]
) -> Identity | None:
    token = session_token(request)
    if token is None:
        return None
    found = await find_session(db, token)
    if found is None:
        return None
    request.state.user_session = found.record
    target = found.impersonated
    if target is not None and found.user.is_admin and not target.is_admin:
        identity = Identity(user=target, impersonator=found.user)
    else:
        identity = Identity(user=found.user)
    structlog.contextvars.bind_contextvars(user_id=str(identity.user.id))
    if identity.impersonator is not None:
        structlog.contextvars.bind_contextvars(impersonator_id=str(identity.impersonator.id))
    return identity


async def require_identity(
    identity: Annotated[Identity | None, Depends(optional_identity)],
) -> Identity:
    if identity is None:
        raise AppError(401, "unauthenticated", "Sign in to continue")
    return identity


async def require_admin(identity: Annotated[Identity, Depends(require_identity)]) -> Identity:
    if not identity.actor.is_admin:
        raise AppError(403, "forbidden", "Only admins can do this")
    return identity


async def current_user(identity: Annotated[Identity, Depends(require_identity)]) -> User:
    return identity.user


DbSession = Annotated[AsyncSession, Depends(get_session)]
OptionalIdentity = Annotated[Identity | None, Depends(optional_identity)]
CurrentIdentity = Annotated[Identity, Depends(require_identity)]
AdminIdentity = Annotated[Identity, Depends(require_admin)]
CurrentUser = Annotated[User, Depends(current_user)]
