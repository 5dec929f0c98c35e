"""Transactional email through an outbox: written with the change, sent by a job exactly once.

1. A request writes an `EmailDelivery` row in the same transaction as the change it reports.
2. After the commit it enqueues `deliver_email`; if Redis is down that fails quietly, and
   `relay_pending_emails` (run by beat every minute) enqueues whatever is still unsent.
3. `deliver_email` locks the row, skips it if already sent, sends, and marks it sent in the same
   transaction, so duplicates of the job (relay + request, or a redelivery after a crash) send once.
"""

import smtplib
from datetime import timedelta

import structlog
from celery import Task
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool

from app.db import sync_session
from app.ids import parse_typeid
from app.jobs.celery_app import RELAY_INTERVAL_SECONDS, celery_app
from app.mail.render import render_email
from app.mail.send import send_email
from app.models import EmailDelivery, EmailDeliveryId
from app.models.base import utcnow

log = structlog.get_logger(__name__)


async def enqueue_deliveries(ids: list[EmailDeliveryId]) -> None:
    """Best effort: the rows are committed already, so a failure here only delays the email."""
    for delivery_id in ids:
        try:
            await run_in_threadpool(
                deliver_email.apply_async, args=(str(delivery_id),), retry=False
            )
        except Exception:  # broker errors vary by transport; the relay will pick the row up
            log.warning(
                "could not enqueue email; the relay will send it",
                delivery_id=str(delivery_id),
                exc_info=True,
            )


def message_id_for(delivery_id: EmailDeliveryId) -> str:
    return f"<{delivery_id}@fullstack-flake>"


@celery_app.task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, OSError, OperationalError),
    retry_backoff=5,
    max_retries=8,
)
def deliver_email(self: Task, delivery_id: str) -> bool:
    """Returns whether this run sent the email (False when it was already sent or is being sent)."""
    with sync_session() as db:
        statement = (
            select(EmailDelivery)
            .where(
                EmailDelivery.id == parse_typeid(delivery_id, "email"),
                col(EmailDelivery.sent_at).is_(None),
            )
            .with_for_update(skip_locked=True)
        )
        delivery = db.exec(statement).first()
        if delivery is None:
            return False
        rendered = render_email(delivery.template, delivery.context)
        send_email(delivery.recipient, rendered, message_id_for(delivery.id))
        delivery.sent_at = utcnow()
        db.add(delivery)
        db.commit()
    log.info(
        "email sent", delivery_id=delivery_id, template=delivery.template, task_id=self.request.id
    )
    return True


@celery_app.task
def relay_pending_emails() -> int:
    """Enqueues deliveries still unsent a relay interval after they were written."""
    cutoff = utcnow() - timedelta(seconds=RELAY_INTERVAL_SECONDS)
    with sync_session() as db:
        pending = db.exec(
            select(col(EmailDelivery.id))
            .where(col(EmailDelivery.sent_at).is_(None), col(EmailDelivery.created_at) < cutoff)
            .order_by(col(EmailDelivery.created_at))
            .limit(500)
        ).all()
    for delivery_id in pending:
        deliver_email.delay(str(delivery_id))
    if pending:
        log.info("relayed pending emails", count=len(pending))
    return len(pending)
