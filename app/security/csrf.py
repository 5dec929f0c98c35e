"""CSRF protection bound to the server-side session.

Every unsafe request must carry the `x-csrftoken` header, which a cross-site page cannot produce:
- with a session, the token is an HMAC of the session token under SECRET_KEY, so it is valid for
  that session only and changes whenever the session does (sign-in, sign-out, impersonation);
- before signing in, it is a signed random value that must also be the `csrftoken` cookie (a
  signed double-submit, which keeps sign-in and sign-up themselves CSRF-safe).
The SPA reads the token from the `csrftoken` cookie, which this middleware keeps in step with the
session on every response. Over HTTPS the cookie is `__Host-csrftoken`, which no subdomain can
plant.
"""

import hashlib
import hmac
import secrets
from base64 import urlsafe_b64encode

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request, cookie_parser
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_response
from app.security.cookies import CSRF_COOKIE, SESSION_COOKIE, cookie_name, set_cookie

CSRF_HEADER = "x-csrftoken"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _mac(secret: str, purpose: str, value: str) -> str:
    digest = hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).decode().rstrip("=")


def session_csrf_token(secret: str, session_token: str) -> str:
    return _mac(secret, "csrf-session", session_token)


def anonymous_csrf_token(secret: str) -> str:
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_mac(secret, 'csrf-anonymous', nonce)}"


def _is_anonymous_token(secret: str, value: str) -> bool:
    nonce, _, signature = value.partition(".")
    return bool(nonce) and hmac.compare_digest(signature, _mac(secret, "csrf-anonymous", nonce))


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, *, secret: str, https: bool) -> None:
        self.app = app
        self.secret = secret
        self.https = https
        self.csrf_cookie = cookie_name(CSRF_COOKIE, https=https)
        self.session_cookie = cookie_name(SESSION_COOKIE, https=https)

    def _expected(self, cookies: dict[str, str]) -> str | None:
        session_token = cookies.get(self.session_cookie)
        if session_token:
            return session_csrf_token(self.secret, session_token)
        current = cookies.get(self.csrf_cookie)
        if current and _is_anonymous_token(self.secret, current):
            return current
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        cookies = cookie_parser(headers.get("cookie", ""))
        expected = self._expected(cookies)
        if scope["method"] not in SAFE_METHODS:
            sent = headers.get(CSRF_HEADER, "")
            if expected is None or not hmac.compare_digest(sent.encode(), expected.encode()):
                response = error_response(
                    Request(scope),
                    403,
                    "csrf_failed",
                    f"Missing or invalid {CSRF_HEADER} header; "
                    f"send the {CSRF_COOKIE} cookie's value",
                )
                await response(scope, receive, send)
                return

        wanted = expected or anonymous_csrf_token(self.secret)
        needs_cookie = cookies.get(self.csrf_cookie) != wanted

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and needs_cookie:
                response_headers = MutableHeaders(scope=message)
                # A response that starts or ends a session has set the cookie for the new session.
                prefix = f"{self.csrf_cookie}="
                if not any(c.startswith(prefix) for c in response_headers.getlist("set-cookie")):
                    response_headers.append("set-cookie", self._cookie_header(wanted))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _cookie_header(self, value: str) -> str:
        carrier = Response()
        set_cookie(carrier, CSRF_COOKIE, value, https=self.https, http_only=False, max_age=None)
        return carrier.headers["set-cookie"]
