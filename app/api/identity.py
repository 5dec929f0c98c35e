"""Who is making a request: the signed session cookie resolved to users.

The cookie (Starlette's SessionMiddleware: signed with SECRET_KEY, HttpOnly, SameSite=Lax, Secure
over HTTPS) holds only ids. The user is loaded on every request so a deleted user or a changed
password (which bumps `session_version`) ends every other session at once.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.errors import AppError
from app.db import get_session
from app.ids import InvalidTypeIDError, parse_typeid
from app.models import User

_USER_ID = "uid"
_SESSION_VERSION = "sv"
_IMPERSONATED_USER_ID = "imp"


@dataclass(frozen=True)
class Identity:
    user: User
    """Whose data the request acts on."""

    impersonator: User | None = None
    """The admin really signed in, while they act as `user`."""

    @property
    def actor(self) -> User:
        return self.impersonator or self.user


def start_session(request: Request, user: User) -> None:
    request.session.clear()
    request.session.update({_USER_ID: str(user.id), _SESSION_VERSION: user.session_version})


def end_session(request: Request) -> None:
    request.session.clear()


def start_impersonation(request: Request, target: User) -> None:
    request.session[_IMPERSONATED_USER_ID] = str(target.id)


def stop_impersonation(request: Request) -> None:
    request.session.pop(_IMPERSONATED_USER_ID, None)


async def _load_user(db: AsyncSession, raw_id: object) -> User | None:
    try:
        user_id = parse_typeid(raw_id, "user")
    except InvalidTypeIDError:
        return None
    return await db.get(User, user_id)


async def optional_identity(
    request: Request, db: Annotated[AsyncSession, Depends(get_session)]
) -> Identity | None:
    if _USER_ID not in request.session:
        return None
    user = await _load_user(db, request.session[_USER_ID])
    if user is None or user.session_version != request.session.get(_SESSION_VERSION):
        end_session(request)
        return None
    if _IMPERSONATED_USER_ID in request.session and user.is_admin:
        target = await _load_user(db, request.session[_IMPERSONATED_USER_ID])
        if target is not None and not target.is_admin:
            return Identity(user=target, impersonator=user)
        stop_impersonation(request)
    return Identity(user=user)


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
