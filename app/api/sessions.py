"""The signed-in user's sessions: where they are signed in, and ending the others."""

from fastapi import APIRouter, Request, Response
from sqlalchemy import delete
from sqlmodel import col, select

from app.api.errors import ERROR_RESPONSES, AppError, not_found
from app.api.identity import CurrentUser, DbSession, current_session
from app.api.schemas import ActiveSession
from app.models import UserSession, UserSessionId
from app.models.base import utcnow
from app.sessions import end_sessions_of

router = APIRouter(prefix="/me/sessions", tags=["me"], responses=ERROR_RESPONSES)


@router.get("", operation_id="listSessions")
async def list_sessions(user: CurrentUser, request: Request, db: DbSession) -> list[ActiveSession]:
    current = current_session(request)
    rows = await db.exec(
        select(UserSession)
        .where(col(UserSession.user_id) == user.id, col(UserSession.expires_at) > utcnow())
        .order_by(col(UserSession.last_seen_at).desc())
    )
    return [
        ActiveSession.model_validate(row).model_copy(
            update={"current": current is not None and row.id == current.id}
        )
        for row in rows
    ]


@router.delete("/{session_id}", operation_id="endSession", status_code=204)
async def end_one_session(
    session_id: UserSessionId, user: CurrentUser, request: Request, db: DbSession
) -> Response:
    current = current_session(request)
    if current is not None and current.id == session_id:
        raise AppError(400, "current_session", "Sign out to end the session you are using")
    result = await db.exec(
        delete(UserSession).where(
            col(UserSession.id) == session_id, col(UserSession.user_id) == user.id
        )
    )
    if result.rowcount == 0:  # pyright: ignore[reportAttributeAccessIssue]
        raise not_found("Session")
    await db.commit()
    return Response(status_code=204)


@router.delete("", operation_id="endOtherSessions", status_code=204)
async def end_other_sessions(user: CurrentUser, request: Request, db: DbSession) -> Response:
    current = current_session(request)
    await end_sessions_of(db, user.id, keep=current.id if current else None)
    await db.commit()
    return Response(status_code=204)
