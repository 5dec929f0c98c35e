"""Fixtures of the job tests."""

from collections.abc import Iterator

import pytest
from celery.contrib.testing.worker import start_worker

from app.jobs.celery_app import celery_app


@pytest.fixture
def worker() -> Iterator[None]:
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
