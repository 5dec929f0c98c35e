"""An HTTP client for route tests that behaves like the web app: it echoes the CSRF cookie."""

from collections.abc import Awaitable
from typing import Protocol

import httpx

from app.security.cookies import CSRF_COOKIE, cookie_name
from app.security.csrf import CSRF_HEADER

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class ApiClient(httpx.AsyncClient):
    async def send_csrf_header(self, request: httpx.Request) -> None:
        # Route tests run over https, where the cookie carries the __Host- prefix.
        token = self.cookies.get(cookie_name(CSRF_COOKIE, https=True))
        if request.method in UNSAFE_METHODS and token and CSRF_HEADER not in request.headers:
            request.headers[CSRF_HEADER] = token

    async def prime(self) -> "ApiClient":
        """Fetch a CSRF cookie, as the browser does when it loads the page."""
        await self.get("/healthcheck")
        return self

    async def sign_in(self, email: str, password: str) -> httpx.Response:
        response = await self.post("/api/auth/sign-in", json={"email": email, "password": password})
        response.raise_for_status()
        return response


class ClientFactory(Protocol):
    """Makes a browser-like client; `address` is the client address the app sees it connect from."""

    def __call__(self, address: str = ...) -> Awaitable[ApiClient]: ...
