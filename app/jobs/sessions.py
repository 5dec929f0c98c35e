"""Housekeeping of server-side sessions."""

import structlog
from sqlalchemy import delete
from sqlmodel import col

from app.db import sync_session
from app.jobs.celery_app import celery_app
from app.models import UserSession
from app.models.base import utcnow

log = structlog.get_logger(__name__)


@celery_app.task
def delete_expired_sessions() -> int:
    """Deletes sessions past their lifetime; idle ones are refused anyway and age out too."""
    with sync_session() as db:
        result = db.exec(delete(UserSession).where(col(UserSession.expires_at) <= utcnow()))
        db.commit()
    deleted = result.rowcount  # pyright: ignore[reportAttributeAccessIssue]
    if deleted:
        log.info("deleted expired sessions", count=deleted)
    return deleted
