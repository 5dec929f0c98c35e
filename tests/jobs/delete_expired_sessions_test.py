from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.sessions import delete_expired_sessions
from app.models import User, UserSession
from app.models.base import utcnow
from tests.factories import UserSessionFactory


async def test_expired_sessions_are_deleted(db: AsyncSession, user: User) -> None:
    now = utcnow()
    await UserSessionFactory.create_async(user_id=user.id, expires_at=now - timedelta(seconds=1))
    kept = await UserSessionFactory.create_async(user_id=user.id)

    assert delete_expired_sessions() == 1
    db.expunge_all()
    assert [row.id for row in (await db.exec(select(UserSession))).all()] == [kept.id]
