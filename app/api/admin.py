import structlog
from fastapi import APIRouter, Request, Response
from sqlmodel import col, select

from app.api.auth import session_body
from app.api.errors import ERROR_RESPONSES, AppError, not_found
from app.api.identity import AdminIdentity, DbSession, Identity
from app.api.schemas import Session, UserRead
from app.models import User, UserId
from app.sessions import start_session

router = APIRouter(prefix="/admin", tags=["admin"], responses=ERROR_RESPONSES)
audit = structlog.get_logger("app.audit")


@router.get("/users", operation_id="listUsers")
async def list_users(_: AdminIdentity, db: DbSession) -> list[UserRead]:
    users = await db.exec(select(User).order_by(col(User.created_at)))
    return [UserRead.model_validate(user) for user in users]


@router.post("/impersonation/{user_id}", operation_id="startImpersonation")
async def start(
    user_id: UserId, identity: AdminIdentity, request: Request, response: Response, db: DbSession
) -> Session:
    """Acting as another user is a change of privilege: it gets a session (and token) of its own."""
    target = await db.get(User, user_id)
    if target is None:
        raise not_found("User")
    if target.is_admin:
        raise AppError(403, "forbidden", "Admins cannot be impersonated")
    await start_session(db, request, response, identity.actor, impersonated=target)
    await db.commit()
    audit.info("impersonation started", admin_id=str(identity.actor.id), user_id=str(target.id))
    return session_body(Identity(user=target, impersonator=identity.actor))


@router.delete("/impersonation", operation_id="stopImpersonation")
async def stop(
    identity: AdminIdentity, request: Request, response: Response, db: DbSession
) -> Session:
    if identity.impersonator is not None:
        audit.info(
            "impersonation stopped", admin_id=str(identity.actor.id), user_id=str(identity.user.id)
        )
    await start_session(db, request, response, identity.actor)
    await db.commit()
    return session_body(Identity(user=identity.actor))
