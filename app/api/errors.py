"""One JSON error shape for every failure, and handlers that produce it.

Clients (the SPA, curl users, the generated TypeScript client) always get
`{"error": {"code", "message", "request_id", "fields"?}}`, never an HTML page or a traceback.
"""

from http import HTTPStatus

import structlog
from asgi_correlation_id import correlation_id
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = structlog.get_logger(__name__)

RETRY_AFTER_SECONDS = 5


class FieldError(BaseModel):
    field: str
    message: str


class ErrorDetail(BaseModel):
    code: str
    message: str
    request_id: str | None = None
    fields: list[FieldError] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class AppError(Exception):
    """An expected failure with an HTTP status, raised anywhere below a route."""

    def __init__(
        self, status_code: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers = headers


def too_many_attempts(what: str, wait_seconds: int) -> AppError:
    return AppError(
        429,
        "rate_limited",
        f"Too many {what}; try again in {wait_seconds} second{'s' if wait_seconds != 1 else ''}",
        headers={"retry-after": str(wait_seconds)},
    )


def not_found(what: str) -> AppError:
    return AppError(404, "not_found", f"{what} not found")


_CODES_BY_STATUS = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


def error_response(
    request: Request,
    status_code: int,
    code: str,
    message: str,
    *,
    fields: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ErrorBody(
        error=ErrorDetail(
            code=code, message=message, request_id=correlation_id.get(), fields=fields
        )
    )
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True), status_code=status_code, headers=headers
    )


def _field_name(location: tuple[int | str, ...]) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


# pydantic's wording by error type, rewritten for the people who read it under a form field.
_MESSAGES = {
    "json_invalid": "The request body is not valid JSON",
    "missing": "This field is required",
    "extra_forbidden": "This field is not allowed",
    "string_type": "Must be text",
    "string_too_short": "Must be at least {min_length:,} characters",
    "string_too_long": "Must be at most {max_length:,} characters",
}


def _describe(error: dict) -> str:
    """A message a person can act on, in place of pydantic's technical wording."""
    kind, context = error["type"], error.get("ctx") or {}
    message = str(error["msg"])
    if kind == "string_too_short" and context.get("min_length") == 1:
        return "Must not be empty"
    if kind == "value_error" and message.startswith("value is not a valid email address"):
        # email-validator's reason already reads well, e.g. "It must have an @-sign."
        return str(context.get("reason") or "Not a valid email address")
    if kind in _MESSAGES:
        return _MESSAGES[kind].format(**context)
    return message.removeprefix("Value error, ")


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    fields = [
        FieldError(field=_field_name(tuple(e["loc"])), message=_describe(e)) for e in error.errors()
    ]
    return error_response(
        request, 422, "validation_error", "The request is not valid", fields=fields
    )


async def _app_error(request: Request, error: AppError) -> JSONResponse:
    return error_response(
        request, error.status_code, error.code, error.message, headers=error.headers
    )


async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    code = _CODES_BY_STATUS.get(error.status_code, "error")
    message = (
        error.detail if isinstance(error.detail, str) else HTTPStatus(error.status_code).phrase
    )
    return error_response(
        request,
        error.status_code,
        code,
        message,
        headers=dict(error.headers) if error.headers else None,
    )


async def _database_unavailable(request: Request, error: Exception) -> JSONResponse:
    # PostgreSQL is down, restarting or out of connections: the client may simply retry, and the
    # pool reconnects by itself once the database answers again.
    log.warning(
        "database unavailable",
        error=f"{type(error).__name__}: {error}".splitlines()[0],
        method=request.method,
        path=request.url.path,
    )
    return error_response(
        request,
        503,
        "service_unavailable",
        "The service is briefly unavailable; try again in a few seconds",
        headers={"retry-after": str(RETRY_AFTER_SECONDS)},
    )


async def _database_error(request: Request, error: Exception) -> JSONResponse:
    # A connection lost in the middle of a statement (the server restarted or ended the backend)
    # is the database being unavailable too; anything else from it is a bug of ours.
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return await _database_unavailable(request, error)
    return await _unexpected_error(request, error)


async def _gone_meanwhile(request: Request, _: Exception) -> JSONResponse:
    return error_response(request, 404, "not_found", "It was deleted meanwhile")


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.error("unhandled error", exc_info=error, method=request.method, path=request.url.path)
    return error_response(
        request,
        500,
        "internal_error",
        "Something went wrong on our side; quote the request id when reporting it",
    )


class UnhandledErrorMiddleware:
    """Answers an exception no handler took with the JSON 500, inside the other middleware.

    Starlette sends the response of a handler for `Exception` from its outermost layer, past every
    middleware, so that 500 would lack the security headers and the request id. Caught here, the
    innermost layer, it passes through them like any other response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            if started:  # too late for another response; the server drops the connection
                raise
            response = await _unexpected_error(Request(scope), error)
            await response(scope, receive, send)


def register_error_handlers(api: FastAPI) -> None:
    api.exception_handler(RequestValidationError)(_validation_error)
    api.exception_handler(AppError)(_app_error)
    api.exception_handler(StarletteHTTPException)(_http_error)
    api.exception_handler(OperationalError)(_database_unavailable)
    api.exception_handler(DBAPIError)(_database_error)
    api.exception_handler(PoolTimeoutError)(_database_unavailable)
    # A row changed or deleted by another request between loading and saving it: for the client,
    # what it changes is gone (a PATCH racing a DELETE).
    api.exception_handler(StaleDataError)(_gone_meanwhile)


# The reason phrases of RFC 9110, written out: http.HTTPStatus renamed some of them in Python 3.13
# (422 was "Unprocessable Entity"), and the committed schema must not depend on the interpreter that
# generates it.
_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    413: "Content Too Large",
    422: "Unprocessable Content",
    429: "Too Many Requests",
}

# Declared on every route so the OpenAPI schema (and the generated client) knows the error shape.
ERROR_RESPONSES: dict[int | str, dict] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in _DESCRIPTIONS.items()
}
