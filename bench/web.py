"""Gzip size of the JS and CSS a first visit to the landing page downloads from the production
build, as web/scripts/route-size.mjs counts it: index.html's scripts and stylesheets plus the
chunks of the route and its parents, following static imports."""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

WEB = Path("web")
# The route `/` renders (web/app/routes.ts).
INITIAL_ROUTE = "routes/home"


@dataclass(frozen=True)
class WebResult:
    js_bytes: int
    css_bytes: int


def build() -> None:
    subprocess.run([_tool("pnpm"), "--dir", str(WEB), "build"], check=True, capture_output=True)  # noqa: S603


def measure(route: str = INITIAL_ROUTE) -> WebResult:
    command = [_tool("node"), str(WEB / "scripts" / "route-size.mjs"), "--json", route]
    sizes = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)  # noqa: S603
    return WebResult(js_bytes=sizes[route]["js"], css_bytes=sizes[route]["css"])


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} not found on PATH: run scripts/setup or enter `nix develop`")
    return path
