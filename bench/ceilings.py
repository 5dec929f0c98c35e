"""The two ceilings the notes list is measured against: bare Starlette apps, no framework on top.

Both answer GET /api/notes with exactly the bytes the real endpoint returns (the benchmark checks
it), so the only difference is the work done per request:

- `memory_app` returns the bytes from memory: the cost of uvicorn and the network alone.
- `one_query_app` runs one async query for the same rows and serializes them: what any handler
  that reads from PostgreSQL must at least pay.

Both are application factories configured through the environment, since uvicorn starts them in
worker processes: BENCH_BODY_FILE (memory), DATABASE_URL, BENCH_OWNER_ID and DATABASE_POOL_SIZE
(one query).
"""

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

from psycopg.rows import tuple_row
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.ids import parse_typeid, typeid_to_uuid, uuid_to_typeid

QUERY = """
    SELECT id, title, body, created_at, updated_at FROM note
    WHERE owner_id = %s ORDER BY created_at DESC
"""


def memory_app() -> Starlette:
    body = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()

    async def notes(_: Request) -> Response:
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/api/notes", notes)])


def _timestamp(value: datetime) -> str:
    # The format pydantic gives an aware UTC datetime, so both targets send the same bytes.
    return value.isoformat().replace("+00:00", "Z")


def one_query_app() -> Starlette:
    owner_id = typeid_to_uuid(parse_typeid(os.environ["BENCH_OWNER_ID"], "user"))
    pool = AsyncConnectionPool(
        os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://", 1),
        min_size=int(os.environ.get("DATABASE_POOL_SIZE", "10")),
        kwargs={"autocommit": True},
        open=False,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await pool.open(wait=True)
        yield
        await pool.close()

    async def notes(_: Request) -> Response:
        async with pool.connection() as connection:
            cursor = connection.cursor(row_factory=tuple_row)
            rows = await (await cursor.execute(QUERY, (owner_id,))).fetchall()
        body = [
            {
                "id": str(uuid_to_typeid(note_id, "note")),
                "title": title,
                "body": text,
                "created_at": _timestamp(created_at),
                "updated_at": _timestamp(updated_at),
            }
            for note_id, title, text, created_at, updated_at in rows
        ]
        return Response(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            media_type="application/json",
        )

    return Starlette(routes=[Route("/api/notes", notes)], lifespan=lifespan)
