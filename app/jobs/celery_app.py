"""The Celery application: Redis broker, JSON messages, at-least-once delivery.

acks_late + reject_on_worker_lost mean a job is acknowledged only after it finished, so a worker
that dies mid-job hands it to another worker; every job must therefore be idempotent.
"""

import tempfile
from pathlib import Path

from celery import Celery
from celery.signals import setup_logging, worker_process_init

from app.db import reset_engines
from app.redis_client import celery_redis_url
from app.settings import Settings, get_settings

celery_app = Celery("app", include=["app.jobs.email", "app.jobs.sessions"])

RELAY_INTERVAL_SECONDS = 60.0
SESSION_CLEANUP_INTERVAL_SECONDS = 3600.0


def configure_celery(settings: Settings) -> None:
    celery_app.conf.update(
        broker_url=celery_redis_url(settings.redis_url),
        broker_connection_retry_on_startup=True,
        broker_transport_options={
            # Enqueueing from a request must not hang while Redis is down: the relay catches up.
            # Without max_retries=0, kombu sleeps between connection attempts for seconds before it
            # gives up; a worker's own reconnection loop is configured apart from this.
            "socket_timeout": 2,
            "socket_connect_timeout": 2,
            "max_retries": 0,
            # With acks_late, a job whose worker died stays unacknowledged in Redis until this
            # passes; it also bounds how long a job may wait for its retry countdown in a worker.
            "visibility_timeout": settings.job_visibility_timeout_seconds,
        },
        task_serializer="json",
        accept_content=["json"],
        # Results are off unless a caller asks (apply_async(ignore_result=False)): jobs report
        # through the database, but tests and scripts can still wait on a job's return value.
        result_backend=celery_redis_url(settings.redis_url),
        task_ignore_result=True,
        result_expires=3600,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_time_limit=120,
        task_soft_time_limit=90,
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        timezone="UTC",
        # Beat only remembers when interval tasks last ran; losing that is harmless, so it lives in
        # the temp dir rather than the working directory (read-only in the image).
        beat_schedule_filename=str(Path(tempfile.gettempdir()) / "app-celerybeat-schedule"),
        beat_schedule={
            "relay-pending-emails": {
                "task": "app.jobs.email.relay_pending_emails",
                "schedule": RELAY_INTERVAL_SECONDS,
            },
            "delete-expired-sessions": {
                "task": "app.jobs.sessions.delete_expired_sessions",
                "schedule": SESSION_CLEANUP_INTERVAL_SECONDS,
            },
        },
    )


@setup_logging.connect
def _keep_app_logging(**_: object) -> None:
    """Celery would replace the structlog handlers; app.logs configures logging instead."""
    from app.logs import configure_logging  # noqa: PLC0415 - only a worker process needs it

    configure_logging(get_settings())


@worker_process_init.connect
def _fresh_connections_after_fork(**_: object) -> None:
    # Database connections must not be shared between forked processes.
    reset_engines()
