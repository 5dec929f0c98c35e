"""The ASGI application: routers, middleware, error handlers and the web build."""

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app.api import admin, auth, health, me, notes, sessions
from app.api.errors import UnhandledErrorMiddleware, register_error_handlers
from app.db import dispose_engines
from app.jobs.queue import configure_jobs
from app.logs import configure_logging
from app.redis_client import get_redis
from app.request_log import RequestLogMiddleware
from app.security.csrf import CSRFMiddleware
from app.security.headers import SecurityHeadersMiddleware
from app.security.request_limits import RequestLimitsMiddleware
from app.settings import Settings, get_settings
from app.web import mount_api_not_found, mount_web

# Allocations (net of deallocations) between young-generation collections; Python's default is 700.
GC_THRESHOLD = 20_000


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    # What exists once the app has started (modules, routes, schemas, the mapper) lives as long as
    # the process, so no garbage collection should walk it again; and requests allocate many
    # short-lived objects, which a higher threshold collects in fewer, larger batches.
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    yield
    await dispose_engines()
    await get_redis().aclose()


def include_api(api: FastAPI) -> None:
    # Each module's router straight under /api, not through a router of routers: FastAPI matches a
    # request level by level, router after router, and each level cost time on every request.
    # The notes come first because most requests are for them.
    for module in (notes, auth, me, sessions, admin):
        api.include_router(module.router, prefix="/api")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)
    configure_jobs(settings)

    api = FastAPI(
        title="Fullstack Flake",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None if settings.is_production else "/api/docs",
        redoc_url=None,
        openapi_url=None if settings.is_production else "/api/openapi.json",
    )
    include_api(api)
    api.include_router(health.router)
    mount_api_not_found(api)
    mount_web(api, settings.web_dist_dir, build_expected=settings.is_production)
    register_error_handlers(api)

    # Added innermost first: a request passes proxy headers → correlation id → logging → headers →
    # request limits → CSRF → the catch-all for unhandled errors.
    api.add_middleware(UnhandledErrorMiddleware)
    api.add_middleware(CSRFMiddleware, secret=settings.secret_key, https=settings.https)
    api.add_middleware(RequestLimitsMiddleware)
    api.add_middleware(SecurityHeadersMiddleware, hsts=settings.is_production and settings.https)
    api.add_middleware(RequestLogMiddleware)
    api.add_middleware(CorrelationIdMiddleware, header_name="X-Request-ID")
    # Outermost, so everything inside sees the client's own address and scheme, not the proxy's.
    api.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.forwarded_allow_ips)
    return api
