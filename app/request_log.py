"""One log line per request with method, path, status, duration and the request id.

Every line logged while a request is handled carries its request id and, once the session is
resolved (app.api.identity), the user's id and, while an admin impersonates them, the admin's id.
A write made while impersonating also goes to the audit log.
"""

import time

import structlog
from asgi_correlation_id import correlation_id
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.security.csrf import SAFE_METHODS

log = structlog.get_logger("app.request")
audit = structlog.get_logger("app.audit")

_BOUND = ("request_id", "user_id", "impersonator_id")


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def capture_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        structlog.contextvars.bind_contextvars(request_id=correlation_id.get())
        try:
            await self.app(scope, receive, capture_status)
        finally:
            log.info(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )
            bound = structlog.contextvars.get_contextvars()
            if "impersonator_id" in bound and scope["method"] not in SAFE_METHODS:
                audit.info(
                    "write while impersonating",
                    admin_id=bound["impersonator_id"],
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                )
            structlog.contextvars.unbind_contextvars(*_BOUND)
