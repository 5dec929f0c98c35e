"""Enqueueing jobs from the API, which imports Celery on its first job rather than at start-up.

Celery and kombu are about a quarter of the API's import time, and no request needs them before
the first one that sends an email. The worker imports them at start as before (app.cli).
"""

from functools import cache
from typing import TYPE_CHECKING

import structlog
from starlette.concurrency import run_in_threadpool

from app.models import EmailDeliveryId
from app.settings import Settings, get_settings

if TYPE_CHECKING:
    from celery import Task

log = structlog.get_logger(__name__)

_configured: list[Settings] = []


def configure_jobs(settings: Settings) -> None:
    """The settings Celery is configured with when the first job is enqueued."""
    _configured[:] = [settings]
    _deliver_email.cache_clear()


async def enqueue_deliveries(ids: list[EmailDeliveryId]) -> None:
    """Best effort: the rows are committed already, so a failure here only delays the email."""
    for delivery_id in ids:
        try:
            await run_in_threadpool(_enqueue_delivery, str(delivery_id))
        except Exception:  # broker errors vary by transport; the relay will pick the row up
            log.warning(
                "could not enqueue email; the relay will send it",
                delivery_id=str(delivery_id),
                exc_info=True,
            )


def _enqueue_delivery(delivery_id: str) -> None:
    _deliver_email().apply_async(args=(delivery_id,), retry=False)


@cache
def _deliver_email() -> "Task":
    # Imported here, in the thread pool, so the first email's import never blocks the event loop.
    from app.jobs.celery_app import configure_celery  # noqa: PLC0415
    from app.jobs.email import deliver_email  # noqa: PLC0415

    configure_celery(_configured[0] if _configured else get_settings())
    return deliver_email
