"""The ceilings the notes list is measured against: bare Starlette apps, no framework on top.

Each answers GET /api/notes with exactly the bytes the real endpoint returns for the first page
(the benchmark checks it), so the only difference is the work done per request:

- `memory_app` returns the bytes from memory: the cost of uvicorn and the network alone.
- `asyncpg_app` runs one query for the same rows on asyncpg, the fastest PostgreSQL driver for
  asyncio, and serializes them: what any handler that reads from PostgreSQL must at least pay.
- `psycopg_app` does the same on psycopg, the driver of the app's jobs and migrations (its API
  uses asyncpg).

They are application factories configured through the environment, since uvicorn starts them in
worker processes: BENCH_BODY_FILE (memory), DATABASE_URL, BENCH_OWNER_ID and DATABASE_POOL_SIZE
(one query).
"""

import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
from psycopg.rows import tuple_row
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.api.pagination import DEFAULT_LIMIT, Position, encode_cursor
from app.ids import parse_typeid, typeid_to_uuid, uuid_to_typeid

ASYNCPG_QUERY = """
    SELECT id, title, body, created_at, updated_at FROM note
    WHERE owner_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2
"""
PSYCOPG_QUERY = """
    SELECT id, title, body, created_at, updated_at FROM note
    WHERE owner_id = %s ORDER BY created_at DESC, id DESC LIMIT %s
"""


def memory_app() -> Starlette:
    body = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()

    async def notes(_: Request) -> Response:
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/api/notes", notes)])


def asyncpg_app() -> Starlette:
    owner_id = _owner_id()
    pool: list[asyncpg.Pool] = []

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        size = _pool_size()
        pool.append(await asyncpg.create_pool(_dsn(), min_size=size, max_size=size))
        yield
        await pool[0].close()

    async def rows() -> Sequence[Sequence[Any]]:
        async with pool[0].acquire() as connection:
            return await connection.fetch(ASYNCPG_QUERY, owner_id, DEFAULT_LIMIT + 1)

    return _one_query_app(rows, lifespan)


def psycopg_app() -> Starlette:
    owner_id = _owner_id()
    pool = AsyncConnectionPool(
        _dsn(), min_size=_pool_size(), kwargs={"autocommit": True}, open=False
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await pool.open(wait=True)
        yield
        await pool.close()

    async def rows() -> Sequence[Sequence[Any]]:
        async with pool.connection() as connection:
            cursor = connection.cursor(row_factory=tuple_row)
            return await (
                await cursor.execute(PSYCOPG_QUERY, (owner_id, DEFAULT_LIMIT + 1))
            ).fetchall()

    return _one_query_app(rows, lifespan)


def _one_query_app(
    rows: Callable[[], Awaitable[Sequence[Sequence[Any]]]],
    lifespan: Callable[[Starlette], Any],
) -> Starlette:
    async def notes(_: Request) -> Response:
        found = await rows()
        page = found[:DEFAULT_LIMIT]
        items = [
            {
                "id": str(uuid_to_typeid(note_id, "note")),
                "title": title,
                "body": text,
                "created_at": _timestamp(created_at),
                "updated_at": _timestamp(updated_at),
            }
            for note_id, title, text, created_at, updated_at in page
        ]
        next_cursor = None
        if len(found) > DEFAULT_LIMIT:
            last_id, _title, _body, last_created_at, _updated_at = page[-1]
            next_cursor = encode_cursor(
                Position(last_created_at, str(uuid_to_typeid(last_id, "note")))
            )
        return Response(
            json.dumps(
                {"items": items, "next_cursor": next_cursor},
                ensure_ascii=False,
                separators=(",", ":"),
            ),
            media_type="application/json",
        )

    return Starlette(routes=[Route("/api/notes", notes)], lifespan=lifespan)


def _owner_id() -> Any:
    return typeid_to_uuid(parse_typeid(os.environ["BENCH_OWNER_ID"], "user"))


def _dsn() -> str:
    return os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://", 1)


def _pool_size() -> int:
    return int(os.environ.get("DATABASE_POOL_SIZE", "10"))


def _timestamp(value: datetime) -> str:
    # The format pydantic gives an aware UTC datetime, so every target sends the same bytes.
    return value.isoformat().replace("+00:00", "Z")
