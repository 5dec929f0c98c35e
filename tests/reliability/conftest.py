"""Fixtures for the reliability drills: the app's real processes around the test services."""

import itertools
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from app.settings import Settings
from tests.reliability.broker import Broker
from tests.reliability.processes import (
    VISIBILITY_TIMEOUT_SECONDS,
    ApiServer,
    Worker,
    WorkerFactory,
)
from tests.reliability.smtp_proxy import HoldingSMTPProxy
from tests.services import MailpitServer


@pytest.fixture(scope="session")
def app_env(settings: Settings) -> dict[str, str]:
    """An app process's environment: the test services' URLs, as the settings fixture set them."""
    return {
        **os.environ,
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "1",
        "JOB_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY_TIMEOUT_SECONDS),
    }


@pytest.fixture
def api_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[ApiServer]:
    with ApiServer(app_env, tmp_path / "api.log") as server:
        yield server


@pytest.fixture
def start_worker(app_env: dict[str, str], tmp_path: Path) -> Iterator[WorkerFactory]:
    """Starts `app worker` processes (sending through `smtp_url` if given); all stop at teardown."""
    numbers = itertools.count(1)
    with ExitStack() as stack:

        def start(smtp_url: str | None = None) -> Worker:
            env = app_env if smtp_url is None else {**app_env, "SMTP_URL": smtp_url}
            return stack.enter_context(Worker(env, tmp_path / f"worker-{next(numbers)}.log"))

        yield start


@pytest.fixture
def smtp_proxy(mailpit_server: MailpitServer) -> Iterator[HoldingSMTPProxy]:
    """Holds the first email in mid-delivery until released."""
    with HoldingSMTPProxy(mailpit_server.host, mailpit_server.smtp_port, hold=True) as proxy:
        yield proxy


@pytest.fixture
def broker(settings: Settings) -> Iterator[Broker]:
    broker = Broker(settings.redis_url)
    yield broker
    broker.close()
