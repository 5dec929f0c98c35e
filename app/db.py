"""Database engines and sessions.

The API uses async engines so a request waiting on PostgreSQL never occupies a thread; Celery
jobs and migrations are synchronous and use a plain engine on the same URL. Engines are created on
first use, so importing the application never connects anywhere.

Round trips to PostgreSQL, and the client-side work around each, are most of what an API request
costs, so the API's engines avoid the ones that buy nothing: pooled connections are checked locally
instead of pinged, and requests that only read use a pool of their own whose connections stay in
autocommit mode, so they skip BEGIN and ROLLBACK and never switch modes on checkout and return.
They talk to PostgreSQL through asyncpg, whose client side costs less per statement than psycopg's
(`just bench http` measures both); Celery jobs and migrations keep psycopg. Both take DATABASE_URL.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from typing import Any

import asyncpg
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
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
    """The API's engine for transactions: requests that write, and anything else but reads."""
    return _create_api_engine()


@lru_cache
def get_read_engine() -> AsyncEngine:
    """The API's engine for requests with safe methods, whose connections stay in autocommit.

    Under PostgreSQL's default READ COMMITTED each statement sees what was committed before it
    started, in a transaction or not, so a request that only reads needs none. Switching a shared
    pool's connections into autocommit and back on every checkout cost as much as a query.
    """
    return _create_api_engine(isolation_level="AUTOCOMMIT")


def _create_api_engine(**options: Any) -> AsyncEngine:
    settings = get_settings()
    engine = create_async_engine(
        "postgresql+asyncpg://",
        async_creator=_asyncpg_connector(settings.database_url),
        pool_size=settings.database_pool_size,
        # Connections beyond the pool would be opened for a burst and closed right after: under
        # load, a new PostgreSQL backend for many requests. Waiting for a pooled one is cheaper.
        max_overflow=0,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        **options,
    )
    event.listen(engine.sync_engine, "checkout", _replace_if_closed_by_server)
    return engine


def _asyncpg_connector(database_url: str) -> Callable[[], Awaitable[asyncpg.Connection]]:
    """Connects with DATABASE_URL as a libpq connection string, which asyncpg reads too (host,
    port, sslmode, passfile and a socket directory as `?host=`), so one URL serves both drivers.

    A server that cannot be reached is an OperationalError, as psycopg reports it: the API
    answers it with a 503, and asyncpg's own errors would be an unexpected 500.
    """
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)

    async def connect() -> asyncpg.Connection:
        try:
            return await asyncpg.connect(dsn, timeout=CONNECT_TIMEOUT_SECONDS)
        except (OSError, asyncpg.PostgresError) as error:
            raise AsyncAdapt_asyncpg_dbapi.OperationalError(str(error), error) from error

    return connect


def _replace_if_closed_by_server(
    _dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: Any
) -> None:
    """Pool checkout hook: a connection the server closed while idle is replaced, not used.

    PostgreSQL closes idle connections on shutdown, restart, pg_terminate_backend or an idle
    timeout, and asyncpg, always reading its socket on the event loop, marks them closed as soon as
    it sees. Asking it costs nothing, where `pool_pre_ping` would cost a round trip to the server on
    every request.
    """
    connection = record.driver_connection
    if connection is None or connection.is_closed():
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
def _async_session_factory(*, read_only: bool) -> async_sessionmaker[AsyncSession]:
    engine = get_read_engine() if read_only else get_engine()
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request, rolled back if the handler did not commit.

    Requests with safe methods only read, and get a session on the read engine.
    """
    read_only = request.method in SAFE_METHODS
    slot = _ConnectionSlot(_connection_slots(read_only=read_only))
    await slot.acquire()
    try:
        async with _async_session_factory(read_only=read_only)() as session:
            session.info[_SLOT] = slot
            yield session
    finally:
        slot.release()


async def get_read_connection() -> AsyncIterator[AsyncConnection]:
    """FastAPI dependency for the hottest reads: a connection of the read engine, no ORM session.

    Core statements on it skip what a session costs on every request (its transaction, identity
    map and the bridge into the ORM's synchronous code), which was as much as the query itself.
    """
    slot = _ConnectionSlot(_connection_slots(read_only=True))
    await slot.acquire()
    try:
        async with get_read_engine().connect() as connection:
            yield connection
    finally:
        slot.release()


@asynccontextmanager
async def connection_released(session: AsyncSession) -> AsyncIterator[None]:
    """Slow work in the middle of a request (password hashing) without holding the database.

    Commits what the session did so far, which returns its connection to the pool, and gives up
    the request's place among the pool's users until the work is done; the session then takes a
    place in the queue again and opens a new transaction on its next statement.
    """
    await session.commit()
    slot: _ConnectionSlot | None = session.info.get(_SLOT)
    if slot is not None:
        slot.release()
    try:
        yield
    finally:
        if slot is not None:
            await slot.acquire()


async def dispose_engines() -> None:
    """Closes the pooled connections of the API's engines, at shutdown."""
    for engine in (get_engine(), get_read_engine()):
        await engine.dispose()


@lru_cache
def _connection_slots(*, read_only: bool) -> asyncio.Semaphore:
    # Cached per argument: each pool gets a semaphore of its own.
    return asyncio.Semaphore(get_settings().database_pool_size)


_SLOT = "connection_slot"


class _ConnectionSlot:
    """Admits requests to the database in arrival order, as many at a time as the pool holds.

    SQLAlchemy's async pool hands a returned connection to whichever request asks next, so with
    more requests than connections a new one can overtake those already waiting, again and again:
    some waited seconds under load. An asyncio semaphore queues them fairly.
    """

    def __init__(self, slots: asyncio.Semaphore) -> None:
        self._slots = slots
        self._held = False

    async def acquire(self) -> None:
        # A free slot with nobody waiting is taken at once: no timer to arm for the common case.
        if self._slots.locked():
            try:
                async with asyncio.timeout(POOL_TIMEOUT_SECONDS):
                    await self._slots.acquire()
            except TimeoutError as error:
                raise PoolTimeoutError(
                    f"no database connection free after {POOL_TIMEOUT_SECONDS}s"
                ) from error
        else:
            await self._slots.acquire()
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self._slots.release()


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
    get_read_engine.cache_clear()
