from fastapi import APIRouter, Request, Response
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.api.errors import ERROR_RESPONSES, AppError
from app.api.identity import DbSession, Identity, OptionalIdentity, end_session, start_session
from app.api.schemas import Session, SignIn, SignUp, UserRead
from app.models import User
from app.security.passwords import hash_password, verify_password
from app.security.rate_limit import record_failed_sign_in, sign_in_allowed

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


@router.get("/session", operation_id="getCurrentSession")
async def current_session(identity: OptionalIdentity) -> Session | None:
    """The session, or null for a visitor: unlike GET /api/me, not signing in is no error here,
    so the web app can ask on every page load without a failed request in the browser console."""
    return session_body(identity) if identity else None


@router.post("/sign-up", operation_id="signUp", status_code=201)
async def sign_up(body: SignUp, request: Request, db: DbSession) -> Session:
    if await _find_by_email(db, body.email) is not None:
        raise AppError(409, "email_taken", "An account with this email already exists")
    user = User(email=body.email, name=body.name, password_hash=hash_password(body.password))
    db.add(user)
    try:
        await db.commit()
    except IntegrityError as error:  # a concurrent sign-up with the same email won the race
        raise AppError(409, "email_taken", "An account with this email already exists") from error
    start_session(request, user)
    return session_body(Identity(user=user))


@router.post("/sign-in", operation_id="signIn")
async def sign_in(body: SignIn, request: Request, db: DbSession) -> Session:
    ip = request.client.host if request.client else "unknown"
    if not await sign_in_allowed(body.email, ip):
        raise AppError(
            429, "rate_limited", "Too many failed sign-ins; wait a few minutes and try again"
        )
    user = await _find_by_email(db, body.email)
    password_ok = verify_password(body.password, user.password_hash if user else None)
    if user is None or not password_ok:
        await record_failed_sign_in(body.email, ip)
        raise AppError(401, "invalid_credentials", "Email or password is incorrect")
    start_session(request, user)
    return session_body(Identity(user=user))


@router.post("/sign-out", operation_id="signOut", status_code=204)
async def sign_out(request: Request) -> Response:
    end_session(request)
    return Response(status_code=204)
