from fastapi import APIRouter, Request, Response

from app.api.auth import reject_password, session_body
from app.api.errors import ERROR_RESPONSES, AppError, too_many_attempts
from app.api.identity import CurrentIdentity, CurrentUser, DbSession
from app.api.schemas import Accepted, PasswordChange, ProfileUpdate, Session, UserRead
from app.db import connection_released
from app.jobs.queue import enqueue_deliveries
from app.mail.outbox import queue_verification_email
from app.security.attempts import Counter, forgive_attempt, reserve_attempt
from app.security.password_policy import password_problem
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
    if problem := password_problem(body.new_password, email=user.email, name=user.name):
        raise reject_password("new_password", problem)
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


@router.post("/verification-email", operation_id="resendVerificationEmail", status_code=202)
async def resend_verification_email(user: CurrentUser, db: DbSession) -> Accepted:
    if user.email_verified:
        raise AppError(409, "already_verified", "Your email address is already confirmed")
    delivery = await queue_verification_email(db, user)
    if delivery is None:
        raise AppError(429, "rate_limited", "We sent several links already; try again later")
    await db.commit()
    await enqueue_deliveries([delivery.id])
    return Accepted(message=f"We sent a new link to {user.email}.")
