"""Fixtures for every suite: real PostgreSQL, Redis and Mailpit, started once per test session.

Each service runs from the binaries on PATH on a free port in a temporary directory, so tests need
no Docker, share nothing with the development stack, and run the same in `nix flake check`.
Database cleaning: each test runs inside a transaction that is rolled back, except the suites whose
code runs in another thread or process (jobs, integration), which truncate the tables instead.

pytest-xdist runs the tests in several worker processes (pyproject.toml), and each worker is a test
session of its own: it starts its own services and shares nothing with the others.
"""

import os
import shutil
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import pytest
import redis
from fastapi import FastAPI
from httpx import ASGITransport
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession
from xdist.remote import Producer

from app import session_cache
from app.db import get_engine, get_read_connection, get_session, reset_engines
from app.jobs.celery_app import configure_celery
from app.migrate import migrate
from app.models import User
from app.redis_client import get_redis
from app.security import attempts
from app.security.attempts import reset_attempt_scripts
from app.security.rate_limit import reset_rate_limiter
from app.server import create_app
from app.settings import Settings, get_settings
from tests.api_client import ApiClient, ClientFactory
from tests.database import truncate_all_tables
from tests.factories import (
    DEFAULT_PASSWORD,
    AdminFactory,
    NoteFactory,
    UserFactory,
    UserSessionFactory,
)
from tests.mailpit import MailpitClient
from tests.scheduling import GroupScheduling
from tests.services import MailpitServer, PostgresServer, RedisServer

TEST_DATABASE = "app_test"
TEST_BASE_URL = "https://testserver"
# Where route tests' requests come from, unless a test asks for another address.
CLIENT_ADDRESS = "203.0.113.10"
TRUNCATING_SUITES = ("jobs", "integration", "reliability")
# Tests that run together on one pytest-xdist worker, by path under tests/, heaviest first (see
# tests/scheduling.py): the browser tests share one server, worker and Chromium for their package,
# the template tests one copy of the project (a session fixture each worker would build again), and
# the fuzzing tests one server for their module, whose teardown checks how many cases all of them
# ran together.
XDIST_GROUPS = {
    PurePosixPath("integration"): "browser",
    PurePosixPath("template"): "template",
    PurePosixPath("reliability", "api_fuzz_test.py"): "fuzz",
}


# Before pytest-xdist's own hook, which would ignore the groups; optional for `-p no:xdist`.
@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Producer) -> GroupScheduling | None:
    if config.getvalue("dist") != "loadgroup":
        return None
    tests_dir = PurePosixPath(Path(__file__).parent.relative_to(config.rootpath).as_posix())
    return GroupScheduling(config, log, tests_dir=tests_dir, groups=XDIST_GROUPS)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Empties pytest-playwright's output folder once per run, in the process that starts the
    workers (or the only one), instead of in each worker as its `delete_output_dir` would."""
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(str(session.config.getoption("--output")), ignore_errors=True)


@pytest.fixture(scope="session")
def delete_output_dir() -> None:
    """Overrides pytest-playwright's: a worker must not delete what another is writing there."""


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    with PostgresServer(tmp_path_factory.mktemp("postgres")) as server:
        server.create_database(TEST_DATABASE)
        yield server


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture(scope="session")
def mailpit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailpitServer]:
    with MailpitServer(tmp_path_factory.mktemp("mailpit")) as server:
        yield server


def _forget_cached_clients() -> None:
    get_settings.cache_clear()
    reset_engines()
    reset_rate_limiter()
    reset_attempt_scripts()
    get_redis.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def settings(
    postgres_server: PostgresServer, redis_server: RedisServer, mailpit_server: MailpitServer
) -> Iterator[Settings]:
    """Points the app at the test services through the same environment variables as production."""
    environment = {
        "APP_ENV": "test",
        "DATABASE_URL": postgres_server.url(TEST_DATABASE),
        "REDIS_URL": redis_server.url(),
        "SMTP_URL": mailpit_server.smtp_url,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-to-be-real",
        # Hundreds of sign-ins at argon2's standard cost would be minutes of CPU; the tests of
        # hashing itself (unit/passwords_test.py, reliability/password_hashing_test.py) use it.
        "PASSWORD_HASH_COST": "minimal",
        "BASE_URL": TEST_BASE_URL,
        # A prebuilt web app (the Nix check's `web` package) or migrations elsewhere may be given.
        "WEB_DIST_DIR": os.environ.get("WEB_DIST_DIR", str(Path("web/build/client").resolve())),
        "MIGRATIONS_DIR": os.environ.get("MIGRATIONS_DIR", str(Path("migrations").resolve())),
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        _forget_cached_clients()
        settings = get_settings()
        migrate()
        configure_celery(settings)
        yield settings
    _forget_cached_clients()


@pytest.fixture(autouse=True)
def clean_redis(settings: Settings) -> None:
    with redis.Redis.from_url(settings.redis_url) as client:
        client.flushdb()


@pytest.fixture
def stopped_throttle_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stops the clock the sign-in and password throttle reads: a delay it imposes (1 s after the
    free failures) lasts until a test ends it, however slowly a busy machine runs the attempts.
    Only for code running in the test's own process (the in-process ASGI clients)."""
    now = time.time()
    monkeypatch.setattr(attempts, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def forget_session_grants() -> None:
    """Each test starts with none of the grants an earlier one's sessions left in the process."""
    session_cache.reset()


@pytest.fixture
def session_cache_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Hands the session cache a clock that moves only when a test calls the returned function
    with some seconds, so what a test expects within the cache's bound holds on a slow machine."""
    now = time.monotonic()

    def advance(seconds: float) -> None:
        nonlocal now
        now += seconds

    monkeypatch.setattr(session_cache, "monotonic", lambda: now)
    session_cache.reset()
    return advance


@pytest.fixture
def mailpit(mailpit_server: MailpitServer) -> MailpitClient:
    client = MailpitClient(mailpit_server.api_url)
    client.delete_all()
    return client


@pytest.fixture
def truncating(request: pytest.FixtureRequest) -> bool:
    """Whether this test's code under test runs outside the test's own connection."""
    return any(part in TRUNCATING_SUITES for part in request.path.parts)


@pytest.fixture
async def db_connection(truncating: bool) -> AsyncIterator[AsyncConnection | None]:
    """The connection every session of a test shares, in a transaction that is rolled back after.

    Suites that truncate instead get None: their sessions use the engine and really commit.
    """
    if truncating:
        yield None
        truncate_all_tables()
        return
    async with get_engine().connect() as connection:
        transaction = await connection.begin()
        yield connection
        await transaction.rollback()


def _session_on(connection: AsyncConnection | None) -> AsyncSession:
    if connection is None:
        return AsyncSession(get_engine(), expire_on_commit=False)
    # Commits inside the app become savepoints of the test's transaction.
    return AsyncSession(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
async def db(db_connection: AsyncConnection | None) -> AsyncIterator[AsyncSession]:
    async with _session_on(db_connection) as session:
        for factory in (UserFactory, AdminFactory, NoteFactory, UserSessionFactory):
            factory.__async_session__ = session
        yield session


@pytest.fixture(scope="session")
def api(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
async def client_factory(
    api: FastAPI, db_connection: AsyncConnection | None
) -> AsyncIterator[ClientFactory]:
    """Makes browser-like clients (each with its own cookies) that share the test's database."""

    async def session_on_test_connection() -> AsyncIterator[AsyncSession]:
        async with _session_on(db_connection) as session:
            yield session

    async def test_connection() -> AsyncConnection | None:
        return db_connection

    api.dependency_overrides[get_session] = session_on_test_connection
    if db_connection is not None:
        api.dependency_overrides[get_read_connection] = test_connection
    async with AsyncExitStack() as stack:

        async def make_client(address: str = CLIENT_ADDRESS) -> ApiClient:
            transport = ASGITransport(app=api, client=(address, 50000))
            client = await stack.enter_async_context(
                ApiClient(transport=transport, base_url=TEST_BASE_URL)
            )
            client.event_hooks["request"].append(client.send_csrf_header)
            return await client.prime()

        yield make_client
    api.dependency_overrides.clear()


@pytest.fixture
async def client(client_factory: ClientFactory) -> ApiClient:
    return await client_factory()


@pytest.fixture
async def user(db: AsyncSession) -> User:
    return await UserFactory.create_async()


@pytest.fixture
async def signed_in(client: ApiClient, user: User) -> ApiClient:
    await client.sign_in(user.email, DEFAULT_PASSWORD)
    return client
