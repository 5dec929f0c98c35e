"""Fixtures for the reliability drills: the app's real processes around the test services."""

import itertools
import os
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack
from pathlib import Path

import coverage
import httpx
import pytest

from app.db import dispose_engines, reset_engines, sync_session
from app.models import Role, User
from app.security.cookies import CSRF_COOKIE
from app.security.csrf import CSRF_HEADER
from app.security.passwords import hash_password
from app.settings import PasswordHashCost, Settings
from tests.database import truncate_all_tables
from tests.factories import DEFAULT_PASSWORD
from tests.reliability.broker import Broker
from tests.reliability.processes import (
    VISIBILITY_TIMEOUT_SECONDS,
    ApiServer,
    Worker,
    WorkerFactory,
)
from tests.reliability.smtp_proxy import HoldingSMTPProxy
from tests.services import MailpitServer

# Schemathesis cases that the fuzzing tests (api_fuzz_test.py) must run in all.
MIN_FUZZ_CASES = 2000


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
def other_api_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[ApiServer]:
    """A second `app serve` on the same database, as a second host behind a load balancer."""
    with ApiServer(app_env, tmp_path / "other-api.log") as server:
        yield server


@pytest.fixture
def standard_cost_api_server(app_env: dict[str, str], tmp_path: Path) -> Iterator[ApiServer]:
    """`app serve` hashing at argon2's production cost, not the test suite's minimal one."""
    environment = {**app_env, "PASSWORD_HASH_COST": PasswordHashCost.STANDARD.value}
    with ApiServer(environment, tmp_path / "api.log") as server:
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
def coverage_paused() -> Iterator[None]:
    """No coverage measured in this process while a test runs.

    pytest-cov's `no_cover` mark stops only its latest measurement: a pytest-xdist worker that reads
    `-n` from the configuration starts two, one inside the other, and the outer one resumes.
    """
    paused: list[coverage.Coverage] = []
    while (measuring := coverage.Coverage.current()) is not None:
        measuring.stop()
        paused.append(measuring)
    yield
    for measuring in reversed(paused):
        measuring.start()


@pytest.fixture
def broker(settings: Settings) -> Iterator[Broker]:
    broker = Broker(settings.redis_url)
    yield broker
    broker.close()


@pytest.fixture
async def fresh_engine() -> AsyncIterator[None]:
    """Empty pools, so the next checkout is the connection this test just returned."""
    await dispose_engines()
    reset_engines()
    yield
    await dispose_engines()


@pytest.fixture(scope="module")
def fuzz_server(
    app_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    with ApiServer(app_env, tmp_path_factory.mktemp("fuzz") / "api.log") as server:
        yield server
    # The module's users and the fuzzer's sign-ups and notes must not leak into later tests.
    truncate_all_tables()


def _browser_cookies(server: ApiServer, role: Role | None) -> dict[str, str]:
    """The cookies of a browser signed in with `role`, or only the CSRF cookie for None."""
    with httpx.Client(base_url=server.url) as client:
        client.get("/healthcheck").raise_for_status()
        if role is not None:
            email = f"fuzz-{role.value}@example.com"
            with sync_session() as db:
                password_hash = hash_password(DEFAULT_PASSWORD)
                db.add(User(email=email, name="Fuzz", password_hash=password_hash, role=role))
                db.commit()
            client.post(
                "/api/auth/sign-in",
                json={"email": email, "password": DEFAULT_PASSWORD},
                headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
            ).raise_for_status()
        return dict(client.cookies)


@pytest.fixture(scope="module")
def identities(fuzz_server: ApiServer) -> dict[str, dict[str, str]]:
    return {
        "signed out": _browser_cookies(fuzz_server, None),
        "user": _browser_cookies(fuzz_server, Role.USER),
        "admin": _browser_cookies(fuzz_server, Role.ADMIN),
    }


@pytest.fixture(scope="module")
def generated_cases(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Cases run per test; once every test of the module ran, together at least MIN_FUZZ_CASES."""
    counts: Counter[str] = Counter()
    yield counts
    module_tests = [item for item in request.session.items if item.path == request.path]
    if len(counts) == len(module_tests):
        assert sum(counts.values()) >= MIN_FUZZ_CASES, counts
