"""What a request may be before the app looks at it: a bounded body and a path without NUL.

The API takes small JSON bodies only (no uploads), so a body is refused past MAX_BODY_BYTES: at
once when Content-Length says so, and otherwise while it streams in, so a client can never make a
process buffer more than that. A NUL byte has no business in a URL path, and file system calls
fail on it; such a path is a clean 400 before any route sees it.
"""

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_response

# The largest valid request fits: a note of 20,000 characters, each of which a client may send
# JSON-escaped as a surrogate pair (`\ud83d\ude00`, 12 bytes), plus its title.
MAX_BODY_BYTES = 256 * 1024


class RequestLimitsMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if "\x00" in scope["path"]:
            response = error_response(
                Request(scope), 400, "bad_request", "The URL path contains a NUL byte"
            )
            await response(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            await self._too_large(scope)(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # Raised where the route reads the body; the error handlers answer 413.
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited_receive, send)

    def _message(self) -> str:
        return f"The request body is larger than {self.max_body_bytes // 1024} KiB"

    def _too_large(self, scope: Scope):
        return error_response(Request(scope), 413, "payload_too_large", self._message())
