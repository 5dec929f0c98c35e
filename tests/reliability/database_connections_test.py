"""How the API's engine saves round trips and shares its pool fairly (app/db.py)."""

import asyncio
from contextlib import asynccontextmanager

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.requests import Request

from app.db import get_engine, get_session
from app.settings import Settings
from tests.reliability.waiting import wait_until


def _request(method: str) -> Request:
    return Request({"type": "http", "method": method, "headers": []})


async def _uses_autocommit(method: str) -> bool:
    async with asynccontextmanager(get_session)(_request(method)) as session:
        connection = await (await session.connection()).get_raw_connection()
        return connection.dbapi_connection.autocommit  # pyright: ignore[reportOptionalMemberAccess]


async def test_safe_requests_read_without_a_transaction() -> None:
    assert await _uses_autocommit("GET")
    assert await _uses_autocommit("HEAD")
    assert not await _uses_autocommit("POST")
    assert not await _uses_autocommit("PATCH")
    assert not await _uses_autocommit("DELETE")


async def _backend_pid() -> int:
    async with get_engine().connect() as connection:
        return (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()


def _terminate(conninfo: str, pid: int) -> None:
    with psycopg.connect(conninfo, autocommit=True) as connection:
        connection.execute("SELECT pg_terminate_backend(%s)", (pid,))
        query = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s"
        wait_until(
            lambda: connection.execute(query, (pid,)).fetchone() == (0,),
            timeout=10,
            what="the terminated backend exits",
        )


@pytest.mark.usefixtures("fresh_engine")
async def test_a_pooled_connection_the_server_closed_is_replaced_on_checkout(
    settings: Settings,
) -> None:
    pid = await _backend_pid()  # the pool now holds this one idle connection
    _terminate(settings.database_url.replace("postgresql+psycopg://", "postgresql://", 1), pid)
    # The event loop runs between a server's requests, and asyncpg sees the close when it does
    # (this test blocked the loop while terminating the backend).
    await asyncio.sleep(0.1)
    # Checking it out again fails unless the pool notices that the server closed it.
    assert await _backend_pid() != pid


async def test_beyond_the_pool_a_request_waits_its_turn_then_gives_up(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("app.db.POOL_TIMEOUT_SECONDS", 0.2)
    admitted: list[str] = []
    release = asyncio.Event()

    async def request(name: str) -> None:
        async with asynccontextmanager(get_session)(_request("GET")) as session:
            connection = await session.connection()
            # Admitted once it holds a connection; the query's answers may come back in any order.
            admitted.append(name)
            await connection.execute(text("SELECT 1"))
            await release.wait()

    holders = [
        asyncio.create_task(request(f"holder {n}")) for n in range(settings.database_pool_size)
    ]
    await asyncio.sleep(0)
    # Every connection is taken, so one more request waits in line and, past the (shortened) pool
    # timeout, gives up with the error the API answers with a 503.
    async with asyncio.timeout(30):  # a bound on hanging, generous for a loaded machine
        with pytest.raises(PoolTimeoutError):
            await request("too late")
    monkeypatch.setattr("app.db.POOL_TIMEOUT_SECONDS", 10)
    waiting = [asyncio.create_task(request(f"waiter {n}")) for n in range(2)]
    await asyncio.sleep(0)
    release.set()
    await asyncio.gather(*holders, *waiting)
    assert admitted[-2:] == ["waiter 0", "waiter 1"], "served in the order they arrived"
