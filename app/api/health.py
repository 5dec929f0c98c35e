"""Liveness of the app's dependencies, for load balancers, `app healthcheck` and the container."""

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.api.schemas import Health, HealthChecks
from app.db import get_engine
from app.redis_client import get_redis

router = APIRouter(tags=["health"])

CHECK_TIMEOUT_SECONDS = 2


async def _check_database() -> str:
    async with get_engine().connect() as connection:
        await connection.execute(text("SELECT 1"))
    return "ok"


async def _check_redis() -> str:
    await get_redis().ping()  # pyright: ignore[reportGeneralTypeIssues]
    return "ok"


async def _run(check) -> str:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            return await check()
    except Exception as error:  # any failure is a failed check, reported rather than raised
        return f"error: {type(error).__name__}"


@router.get(
    "/healthcheck",
    operation_id="healthcheck",
    responses={503: {"model": Health, "description": "A dependency is down"}},
)
async def healthcheck() -> JSONResponse:
    database, redis = await asyncio.gather(_run(_check_database), _run(_check_redis))
    checks = HealthChecks(database=database, redis=redis)
    healthy = database == "ok" and redis == "ok"
    body = Health(status="ok" if healthy else "error", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if healthy else 503)
