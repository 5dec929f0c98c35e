"""Transactional email through an outbox: written with the change, sent by a job exactly once.

1. A request writes an `EmailDelivery` row in the same transaction as the change it reports.
2. After the commit, app.jobs.queue enqueues `deliver_email`; if Redis is down that fails
   quietly, and `relay_pending_emails` (run by beat every minute) enqueues whatever is unsent.
3. `deliver_email` locks the row, skips it if already sent, sends, and marks it sent in the same
   transaction, so duplicates of the job (relay + request, or a redelivery after a crash) send once.
4. A failure is counted on the row (`attempts`, `last_error`); one that retrying cannot fix (a 5xx
   refusal, an unsendable message), or the last retry's, marks it `failed_at`, so a bad row is
   neither retried forever nor relayed again ahead of the good ones.
"""

import smtplib
from datetime import timedelta

import structlog
from celery import Task
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select

from app.db import sync_session
from app.ids import parse_typeid
from app.jobs.celery_app import RELAY_INTERVAL_SECONDS, celery_app
from app.mail.render import render_email
from app.mail.send import send_email
from app.models import EmailDelivery, EmailDeliveryId
from app.models.base import utcnow

log = structlog.get_logger(__name__)


def message_id_for(delivery_id: EmailDeliveryId) -> str:
    return f"<{delivery_id}@fullstack-flake>"


MAX_RETRIES = 8
RETRY_BASE_SECONDS = 5
MAX_ERROR_LENGTH = 1000


def is_permanent(error: Exception) -> bool:
    """Whether sending again could not help: the server refused for good (a 5xx reply), or the
    message could not be rendered or built. Lost connections, timeouts and 4xx replies pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return not isinstance(error, smtplib.SMTPException | OSError)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]


@celery_app.task(bind=True, autoretry_for=(OperationalError,), retry_backoff=5, max_retries=8)
def deliver_email(self: Task, delivery_id: str) -> bool:
    """Returns whether this run sent the email (False when it was already sent or given up, or is
    being sent). Every attempt is counted on the row; a permanent failure, or a temporary one
    after the last retry, marks it failed so neither the job nor the relay tries it again."""
    with sync_session() as db:
        statement = (
            select(EmailDelivery)
            .where(
                EmailDelivery.id == parse_typeid(delivery_id, "email"),
                col(EmailDelivery.sent_at).is_(None),
                col(EmailDelivery.failed_at).is_(None),
            )
            .with_for_update(skip_locked=True)
        )
        delivery = db.exec(statement).first()
        if delivery is None:
            return False
        delivery.attempts += 1
        try:
            rendered = render_email(delivery.template, delivery.context)
            send_email(delivery.recipient, rendered, message_id_for(delivery.id))
        except Exception as error:  # classified below: every failure is recorded on the row
            delivery.last_error = _describe(error)
            give_up = is_permanent(error) or self.request.retries >= MAX_RETRIES
            if give_up:
                delivery.failed_at = utcnow()
            db.add(delivery)
            db.commit()
            if give_up:
                log.error(
                    "email failed; not retrying",
                    delivery_id=delivery_id,
                    attempts=delivery.attempts,
                    error=delivery.last_error,
                )
                return False
            countdown = RETRY_BASE_SECONDS * 2**self.request.retries
            raise self.retry(exc=error, countdown=countdown, max_retries=MAX_RETRIES) from error
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
            .where(
                col(EmailDelivery.sent_at).is_(None),
                col(EmailDelivery.failed_at).is_(None),
                col(EmailDelivery.created_at) < cutoff,
            )
            .order_by(col(EmailDelivery.created_at))
            .limit(500)
        ).all()
    for delivery_id in pending:
        deliver_email.delay(str(delivery_id))
    if pending:
        log.info("relayed pending emails", count=len(pending))
    return len(pending)
