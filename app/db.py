"""Database engines and sessions.

The API uses an async engine so a request waiting on PostgreSQL never occupies a thread; Celery
jobs and migrations are synchronous and use a plain engine on the same URL. Both are created on
first use, so importing the application never connects anywhere.
"""

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel import Session
from sqlmodel.ext.asyncio.session import AsyncSession

from app.settings import get_settings

# Fail fast instead of queueing when PostgreSQL is unreachable: a request should answer 503
# within seconds, not hang until a load balancer gives up.
CONNECT_TIMEOUT_SECONDS = 3
POOL_TIMEOUT_SECONDS = 5


@lru_cache
def get_engine() -> AsyncEngine:
    settings = get_settings()
    return create_async_engine(
        settings.database_url,
        pool_pre_ping=True,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_pool_size,
        pool_timeout=POOL_TIMEOUT_SECONDS,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )


@lru_cache
def get_sync_engine() -> Engine:
    return create_engine(
        get_settings().database_url,
        pool_pre_ping=True,
        pool_size=2,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS},
    )


@lru_cache
def _async_session_factory() -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(get_engine(), class_=AsyncSession, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request, rolled back if the handler did not commit."""
    async with _async_session_factory()() as session:
        yield session


@contextmanager
def sync_session() -> Iterator[Session]:
    with Session(get_sync_engine(), expire_on_commit=False) as session:
        yield session


def reset_engines() -> None:
    """Forget cached engines, after settings changed (tests) or in a forked worker process."""
    get_sync_engine.cache_clear()
    _async_session_factory.cache_clear()
    get_engine.cache_clear()
