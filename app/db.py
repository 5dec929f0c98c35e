"""Database engines and sessions.

The API uses an async engine so a request waiting on PostgreSQL never occupies a thread; Celery
jobs and migrations are synchronous and use a plain engine on the same URL. Both are created on
first use, so importing the application never connects anywhere.

Round trips to PostgreSQL are most of what an API request costs, so the API's engine avoids the
ones that buy nothing: it checks pooled connections locally instead of pinging the server, and
requests that only read run without BEGIN and ROLLBACK.
"""

import asyncio
import select
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession
from starlette.requests import Request

from app.settings import get_settings

# Fail fast instead of queueing when PostgreSQL is unreachable: a request should answer 503
# within seconds, not hang until a load balancer gives up.
CONNECT_TIMEOUT_SECONDS = 3
POOL_TIMEOUT_SECONDS = 5


# Methods that never write (RFC 9110 "safe" methods); the API's GET handlers only read.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@lru_cache
def get_engine() -> AsyncEngine:
    settings = get_settings()
    engine = create_async_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        # Connections beyond the pool would be opened for a burst and closed right after: under
        # load, a new PostgreSQL backend for many requests. Waiting for a pooled one is cheaper.
        max_overflow=0,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )
    event.listen(engine.sync_engine, "checkout", _replace_if_closed_by_server)
    return engine


def _replace_if_closed_by_server(
    _dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any
) -> None:
    """Pool checkout hook: a connection the server closed while idle is replaced, not used.

    PostgreSQL writes to every client before it closes its connection (shutdown, restart,
    pg_terminate_backend, idle timeouts) and the kernel reports the close itself, so an idle
    connection with anything to read is gone. Polling the socket costs one local system call where
    `pool_pre_ping` would cost a round trip to the server on every request.
    """
    connection = record.driver_connection
    if connection is None or connection.closed:
        raise DisconnectionError("connection closed")
    readable, _, _ = select.select([connection.pgconn.socket], [], [], 0)
    if readable:
        raise DisconnectionError("the server closed this idle connection")


@lru_cache
def get_sync_engine() -> Engine:
    return create_engine(
        get_settings().database_url,
        pool_pre_ping=True,
        pool_size=2,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )


@lru_cache
def _async_session_factory(*, autocommit: bool) -> async_sessionmaker[AsyncSession]:
    engine = get_engine()
    if autocommit:
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request, rolled back if the handler did not commit.

    A request with a safe method only reads, and under PostgreSQL's default READ COMMITTED each
    statement sees what was committed before it started, in a transaction or not; so such requests
    run in autocommit mode and skip the BEGIN and ROLLBACK round trips.
    """
    autocommit = request.method in SAFE_METHODS
    async with _connection_slot(), _async_session_factory(autocommit=autocommit)() as session:
        yield session


@lru_cache
def _connection_slots() -> asyncio.Semaphore:
    return asyncio.Semaphore(get_settings().database_pool_size)


@asynccontextmanager
async def _connection_slot() -> AsyncIterator[None]:
    """Admits requests to the database in arrival order, as many at a time as the pool holds.

    SQLAlchemy's async pool hands a returned connection to whichever request asks next, so with
    more requests than connections a new one can overtake those already waiting, again and again:
    some waited seconds under load. An asyncio semaphore queues them fairly.
    """
    slots = _connection_slots()
    try:
        async with asyncio.timeout(POOL_TIMEOUT_SECONDS):
            await slots.acquire()
    except TimeoutError as error:
        raise PoolTimeoutError(
            f"no database connection free after {POOL_TIMEOUT_SECONDS}s"
        ) from error
    try:
        yield
    finally:
        slots.release()


@contextmanager
def sync_session() -> Iterator[Session]:
    with Session(get_sync_engine(), expire_on_commit=False) as session:
        yield session


def reset_engines() -> None:
    """Forget cached engines, after settings changed (tests) or in a forked worker process."""
    get_sync_engine.cache_clear()
    _async_session_factory.cache_clear()
    _connection_slots.cache_clear()
    get_engine.cache_clear()
