from fastapi import APIRouter, Request, Response

from app.api.auth import session_body
from app.api.errors import ERROR_RESPONSES, AppError, too_many_attempts
from app.api.identity import CurrentIdentity, CurrentUser, DbSession
from app.api.schemas import PasswordChange, ProfileUpdate, Session, UserRead
from app.db import connection_released
from app.security.attempts import Counter, forgive_attempt, reserve_attempt
from app.security.passwords import hash_password_off_loop, verify_password_off_loop
from app.sessions import end_sessions_of, start_session

router = APIRouter(prefix="/me", tags=["me"], responses=ERROR_RESPONSES)


@router.get("", operation_id="getSession")
async def get_session_info(identity: CurrentIdentity) -> Session:
    return session_body(identity)


@router.patch("", operation_id="updateProfile")
async def update_profile(body: ProfileUpdate, user: CurrentUser, db: DbSession) -> UserRead:
    user.name = body.name
    db.add(user)
    await db.commit()
    await db.refresh(user)
    return UserRead.model_validate(user)


@router.post("/password", operation_id="changePassword", status_code=204)
async def change_password(
    body: PasswordChange, identity: CurrentIdentity, request: Request, db: DbSession
) -> Response:
    if identity.impersonator is not None:
        raise AppError(403, "forbidden", "Stop impersonating to change a password")
    user = identity.user
    counter = Counter("password-change", str(user.id), free_failures=5)
    if wait := await reserve_attempt(counter):
        raise too_many_attempts("wrong current passwords", wait)
    async with connection_released(db):
        password_ok = await verify_password_off_loop(body.current_password, user.password_hash)
        new_hash = await hash_password_off_loop(body.new_password) if password_ok else None
    if new_hash is None:
        raise AppError(400, "wrong_password", "The current password is incorrect")
    await forgive_attempt(counter)
    user.password_hash = new_hash
    db.add(user)
    # This browser stays signed in, with a new session; every other session of this user ends.
    response = Response(status_code=204)
    await end_sessions_of(db, user.id)
    await start_session(db, request, response, user)
    await db.commit()
    return response
