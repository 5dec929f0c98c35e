from fastapi import APIRouter, Request, Response
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.api.errors import ERROR_RESPONSES, AppError, too_many_attempts
from app.api.identity import DbSession, Identity
from app.api.schemas import Session, SignIn, SignUp, UserRead
from app.db import connection_released
from app.models import User
from app.security.attempts import Counter, forgive_attempt, reserve_attempt
from app.security.passwords import hash_password_off_loop, verify_password_off_loop
from app.sessions import client_address, end_session, start_session

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)


def session_body(identity: Identity) -> Session:
    return Session(
        user=UserRead.model_validate(identity.user),
        impersonator=UserRead.model_validate(identity.impersonator)
        if identity.impersonator
        else None,
    )


async def _find_by_email(db: DbSession, email: str) -> User | None:
    result = await db.exec(select(User).where(func.lower(User.email) == email.lower()))
    return result.first()


@router.post("/sign-up", operation_id="signUp", status_code=201)
async def sign_up(body: SignUp, request: Request, response: Response, db: DbSession) -> Session:
    if await _find_by_email(db, body.email) is not None:
        raise AppError(409, "email_taken", "An account with this email already exists")
    async with connection_released(db):
        password_hash = await hash_password_off_loop(body.password)
    user = User(email=body.email, name=body.name, password_hash=password_hash)
    db.add(user)
    try:
        await db.flush()
    except IntegrityError as error:  # a concurrent sign-up with the same email won the race
        raise AppError(409, "email_taken", "An account with this email already exists") from error
    await start_session(db, request, response, user)
    await db.commit()
    return session_body(Identity(user=user))


@router.post("/sign-in", operation_id="signIn")
async def sign_in(body: SignIn, request: Request, response: Response, db: DbSession) -> Session:
    client = client_address(request)
    counters = (
        # Guessing one account's password from one client.
        Counter("sign-in", f"{client}|{body.email}", free_failures=5),
        # Trying one password on many accounts from one client.
        Counter("sign-in-client", client, free_failures=30, reset_on_success=False),
    )
    if wait := await reserve_attempt(*counters):
        raise too_many_attempts("failed sign-ins", wait)
    user = await _find_by_email(db, body.email)
    async with connection_released(db):
        password_ok = await verify_password_off_loop(
            body.password, user.password_hash if user else None
        )
    if user is None or not password_ok:
        raise AppError(401, "invalid_credentials", "Email or password is incorrect")
    await forgive_attempt(*counters)
    await start_session(db, request, response, user)
    await db.commit()
    return session_body(Identity(user=user))


@router.post("/sign-out", operation_id="signOut", status_code=204)
async def sign_out(request: Request, db: DbSession) -> Response:
    """Ends this session on the server; the cookie, if replayed, no longer signs anyone in."""
    response = Response(status_code=204)
    await end_session(db, request, response)
    await db.commit()
    return response
