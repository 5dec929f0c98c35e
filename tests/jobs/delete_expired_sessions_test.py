from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.sessions import delete_expired_sessions
from app.models import User, UserSession
from app.models.base import utcnow


async def test_expired_sessions_are_deleted(db: AsyncSession, user: User) -> None:
    now = utcnow()
    for expires_at in (now - timedelta(seconds=1), now + timedelta(days=1)):
        db.add(
            UserSession(
                token_hash=expires_at.isoformat().encode()[:32],
                user_id=user.id,
                expires_at=expires_at,
            )
        )
    await db.commit()

    assert delete_expired_sessions() == 1
    db.expunge_all()
    (left,) = (await db.exec(select(UserSession))).all()
    assert left.expires_at > now
