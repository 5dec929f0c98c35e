"""Signing up, in and out, verifying an address and resetting a forgotten password.

Nothing here tells a stranger whether an address has an account: signing up with a taken address
answers exactly like a new one (and emails the owner instead), a reset request always answers the
same, and an unknown address costs a sign-in the same hashing time as a wrong password.
"""

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.api.errors import ERROR_RESPONSES, AppError, too_many_attempts
from app.api.identity import DbSession, Identity, OptionalIdentity
from app.api.schemas import (
    Accepted,
    PasswordReset,
    PasswordResetRequest,
    Session,
    SignIn,
    SignUp,
    UserRead,
    VerifyEmail,
)
from app.db import connection_released
from app.jobs.queue import enqueue_deliveries
from app.mail.outbox import queue_password_email, queue_verification_email
from app.models import EmailDelivery, User
from app.models.base import utcnow
from app.security.attempts import Counter, forgive_attempt, reserve_attempt
from app.security.password_policy import password_problem
from app.security.passwords import hash_password_off_loop, verify_password_off_loop
from app.security.rate_limit import PASSWORD_RESETS_PER_CLIENT, SIGN_UPS_PER_CLIENT, within_quota
from app.security.tokens import Purpose, is_current, read_token
from app.sessions import client_address, end_session, end_sessions_of, start_session

router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)

CHECK_YOUR_INBOX = Accepted(message="Check your inbox: we sent you an email to continue.")
RESET_REQUESTED = Accepted(
    message="If an account uses this address, we sent it a link to choose a new password."
)
INVALID_LINK = AppError(
    400, "invalid_token", "This link is invalid, has expired or was already used"
)


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


@router.get("/session", operation_id="getCurrentSession")
async def current_session(identity: OptionalIdentity) -> Session | None:
    """The session, or null for a visitor: unlike GET /api/me, not signing in is no error here,
    so the web app can ask on every page load without a failed request in the browser console."""
    return session_body(identity) if identity else None


async def _send(deliveries: list[EmailDelivery | None]) -> None:
    await enqueue_deliveries([delivery.id for delivery in deliveries if delivery is not None])


def reject_password(field: str, problem: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("body", field), "msg": problem}])


@router.post("/sign-up", operation_id="signUp", status_code=202)
async def sign_up(body: SignUp, request: Request, db: DbSession) -> Accepted:
    """Creates an unverified account and emails it a verification link. A taken address gets the
    same answer, and its owner an email instead; nobody is signed in."""
    if not await within_quota(SIGN_UPS_PER_CLIENT, "sign-up", client_address(request)):
        raise AppError(429, "rate_limited", "Too many sign-ups from here; try again later")
    existing = await _find_by_email(db, body.email)
    async with connection_released(db):
        # Hashed either way, so the answer takes as long whether or not the address is taken.
        password_hash = await hash_password_off_loop(body.password)
    if existing is not None:
        delivery = await queue_password_email(db, existing, "account_exists")
        await db.commit()
        await _send([delivery])
        return CHECK_YOUR_INBOX
    user = User(email=body.email, name=body.name, password_hash=password_hash)
    db.add(user)
    try:
        await db.flush()
    except IntegrityError:  # a concurrent sign-up with the same address won the race
        await db.rollback()
        return CHECK_YOUR_INBOX
    delivery = await queue_verification_email(db, user)
    await db.commit()
    await _send([delivery])
    return CHECK_YOUR_INBOX


@router.post("/verify-email", operation_id="verifyEmail", status_code=204)
async def verify_email(body: VerifyEmail, db: DbSession) -> Response:
    claim = read_token(body.token, Purpose.VERIFY_EMAIL)
    user = await db.get(User, claim.user_id) if claim else None
    if claim is None or user is None or not is_current(claim, user, Purpose.VERIFY_EMAIL):
        raise INVALID_LINK
    user.email_verified_at = utcnow()
    db.add(user)
    await db.commit()
    return Response(status_code=204)


@router.post("/password-reset", operation_id="requestPasswordReset", status_code=202)
async def request_password_reset(
    body: PasswordResetRequest, request: Request, db: DbSession
) -> Accepted:
    if not await within_quota(
        PASSWORD_RESETS_PER_CLIENT, "password-reset", client_address(request)
    ):
        raise AppError(429, "rate_limited", "Too many reset requests from here; try again later")
    user = await _find_by_email(db, body.email)
    if user is not None:
        delivery = await queue_password_email(db, user)
        await db.commit()
        await _send([delivery])
    return RESET_REQUESTED


@router.post("/password-reset/confirm", operation_id="resetPassword")
async def reset_password(
    body: PasswordReset, request: Request, response: Response, db: DbSession
) -> Session:
    """Sets the new password, confirms the address (the link reached its inbox), ends every
    session of the account and signs this browser in."""
    claim = read_token(body.token, Purpose.RESET_PASSWORD)
    user = await db.get(User, claim.user_id) if claim else None
    if claim is None or user is None or not is_current(claim, user, Purpose.RESET_PASSWORD):
        raise INVALID_LINK
    if problem := password_problem(body.password, email=user.email, name=user.name):
        raise reject_password("password", problem)
    async with connection_released(db):
        password_hash = await hash_password_off_loop(body.password)
    user.password_hash = password_hash
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.add(user)
    await end_sessions_of(db, user.id)
    await start_session(db, request, response, user)
    await db.commit()
    await db.refresh(user)
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
