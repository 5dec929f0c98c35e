"""The signed-in user's sessions: where they are signed in, and ending the others."""

from fastapi import APIRouter, Response
from sqlmodel import col, select

from app.api.errors import ERROR_RESPONSES, AppError, not_found
from app.api.identity import CurrentGrant, DbSession
from app.api.schemas import ActiveSession
from app.models import UserSession, UserSessionId
from app.models.base import utcnow
from app.sessions import end_session_of, end_sessions_of

router = APIRouter(prefix="/me/sessions", tags=["me"], responses=ERROR_RESPONSES)


@router.get("", operation_id="listSessions")
async def list_sessions(grant: CurrentGrant, db: DbSession) -> list[ActiveSession]:
    rows = await db.exec(
        select(UserSession)
        .where(col(UserSession.user_id) == grant.user_id, col(UserSession.expires_at) > utcnow())
        .order_by(col(UserSession.last_seen_at).desc())
    )
    return [
        ActiveSession.model_validate(row).model_copy(update={"current": row.id == grant.session_id})
        for row in rows
    ]


@router.delete("/{session_id}", operation_id="endSession", status_code=204)
async def end_one_session(
    session_id: UserSessionId, grant: CurrentGrant, db: DbSession
) -> Response:
    if session_id == grant.session_id:
        raise AppError(400, "current_session", "Sign out to end the session you are using")
    if not await end_session_of(db, grant.user_id, session_id):
        raise not_found("Session")
    await db.commit()
    return Response(status_code=204)


@router.delete("", operation_id="endOtherSessions", status_code=204)
async def end_other_sessions(grant: CurrentGrant, db: DbSession) -> Response:
    await end_sessions_of(db, grant.user_id, keep=grant.session_id)
    await db.commit()
    return Response(status_code=204)
