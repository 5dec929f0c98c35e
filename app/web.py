"""Serving the production web build: hashed assets cached forever, index.html for client routes.

React Router in SPA mode owns every path outside /api, so any such path gets index.html (never
cached, so a deploy is picked up on the next navigation) and the router renders the page or its
own not-found screen. Unknown /api paths stay JSON 404s.
"""

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.routing import Match
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.api.errors import error_response
from app.security.headers import content_security_policy

log = structlog.get_logger(__name__)

IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"


class HashedAssets(StaticFiles):
    """Vite puts a content hash in every file name under assets/, so they never change."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            response.headers["cache-control"] = IMMUTABLE
        return response


class _InlineScripts(HTMLParser):
    """Collects the text of every <script> without a src, exactly as the browser hashes it."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag == "script" and "src" not in dict(attrs)
        if self._inside:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.scripts[-1] += data


def inline_script_hashes(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in parser.scripts]


def mount_api_not_found(api: FastAPI) -> None:
    """Unknown /api paths answer JSON (404, or 405 for a known path), before the SPA fallback."""
    # Every method, so a known path answers 405 with all its methods in Allow, not just those of
    # whichever route Starlette happened to try first.
    methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]

    @api.api_route("/api/{path:path}", methods=methods, include_in_schema=False)
    async def api_not_found(request: Request) -> Response:
        allowed = [method for method in methods if _routed_elsewhere(api, request, method)]
        if allowed:
            message = f"{request.method} is not allowed on {request.url.path}"
            headers = {"allow": ", ".join(allowed)}
            return error_response(request, 405, "method_not_allowed", message, headers=headers)
        message = f"No API route {request.method} {request.url.path}"
        return error_response(request, 404, "not_found", message)


def _routed_elsewhere(api: FastAPI, request: Request, method: str) -> bool:
    """Whether a real route, not this fallback, takes the request's path with `method`."""
    scope = {**request.scope, "method": method}
    for route in api.router.routes:
        if route.matches(scope)[0] is Match.FULL:
            return getattr(route, "endpoint", None) is not request.scope.get("endpoint")
    return False


def mount_web(api: FastAPI, dist_dir: Path, *, build_expected: bool) -> None:
    index = dist_dir / "index.html"
    if not index.is_file():
        # In development Vite serves the web app and no build is needed.
        report = log.warning if build_expected else log.info
        report("web build not found; only the API is served", web_dist_dir=str(dist_dir))
        return
    assets = dist_dir / "assets"
    if assets.is_dir():
        api.mount("/assets", HashedAssets(directory=assets), name="assets")
    root = dist_dir.resolve()
    index_page = IndexPage(index)

    @api.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> Response:
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate, headers={"cache-control": NO_CACHE})
        return index_page.response()


class IndexPage:
    """index.html, held in memory with a Content-Security-Policy that allows exactly its inline
    scripts (React Router boots the SPA with one). Reloaded when a rebuild replaces the file, so a
    running server never serves a page whose boot script its own policy blocks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._version: int | None = None
        self._html = b""
        self._headers: dict[str, str] = {}

    def response(self) -> Response:
        version = self.path.stat().st_mtime_ns
        if version != self._version:
            html = self.path.read_text(encoding="utf-8")
            policy = content_security_policy(inline_script_hashes(html))
            self._html, self._version = html.encode(), version
            self._headers = {"cache-control": NO_CACHE, "content-security-policy": policy}
        return Response(self._html, media_type="text/html", headers=self._headers)
