"""Fixtures of the route tests: admins, a fake web build, an app with a failing route, and a
stopped clock for the sign-in throttle."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import ASGITransport
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import User
from app.server import create_app
from app.settings import Settings
from tests.api_client import ApiClient, ClientFactory
from tests.factories import DEFAULT_PASSWORD, AdminFactory


@pytest.fixture(autouse=True)
def _throttle_clock_stopped(stopped_throttle_clock: None) -> None:
    """Every route test runs with the throttle's clock stopped (tests/conftest.py says why)."""


@pytest.fixture
async def admin(db: AsyncSession) -> User:
    return await AdminFactory.create_async()


@pytest.fixture
async def as_admin(client_factory: ClientFactory, admin: User) -> ApiClient:
    client = await client_factory()
    await client.sign_in(admin.email, DEFAULT_PASSWORD)
    return client


@pytest.fixture
def web_dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>spa</title>")
    (tmp_path / "assets" / "entry-Bx1f9Kq2.js").write_text("console.log('hi')")
    (tmp_path / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    return tmp_path


@pytest.fixture
async def web_client(settings: Settings, web_dist: Path) -> AsyncIterator[ApiClient]:
    api = create_app(settings.model_copy(update={"web_dist_dir": web_dist}))
    async with ApiClient(transport=ASGITransport(app=api), base_url="https://testserver") as client:
        yield client


@pytest.fixture
def failing_api(settings: Settings) -> FastAPI:
    api = create_app(settings)

    async def explode() -> None:
        raise RuntimeError("secret internal detail")

    api.add_api_route("/api/test-only/explode", explode)
    # Ahead of the /api catch-all, which would otherwise answer 404 first.
    api.router.routes.insert(0, api.router.routes.pop())
    return api
