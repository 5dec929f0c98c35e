"""Gzip size of what the browser loads to boot the app: the production build's index.html
references it with modulepreload, script and stylesheet tags and module imports, and those modules
statically import the rest (web/scripts/route-size.mjs adds each route's own chunks)."""

import gzip
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

WEB = Path("web")
CLIENT_BUILD = WEB / "build" / "client"
# Imports in the inline module script that boots the router (static, and the entry's dynamic one).
INLINE_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](/[^"']+\.js)["']""")
# Static imports between Vite's chunks, which sit side by side in assets/.
CHUNK_IMPORT = re.compile(r"""(?:\bimport|\bfrom)\s*["']\./([^"']+\.js)["']""")


@dataclass(frozen=True)
class Asset:
    path: str
    raw_bytes: int
    gzip_bytes: int


@dataclass(frozen=True)
class WebResult:
    js: list[Asset]
    css: list[Asset]

    @staticmethod
    def total(assets: list[Asset]) -> int:
        return sum(asset.gzip_bytes for asset in assets)


class _EntryAssets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []
        self._inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"modulepreload", "stylesheet"}:
            self._add(attributes.get("href"))
        elif tag == "script":
            self._add(attributes.get("src"))
            self._inline_script = "src" not in attributes

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inline_script = False

    def handle_data(self, data: str) -> None:
        if self._inline_script:
            for match in INLINE_IMPORT.finditer(data):
                self._add(match.group(1))

    def _add(self, path: str | None) -> None:
        if path and path.startswith("/") and path not in self.paths:
            self.paths.append(path)


def build() -> None:
    pnpm = shutil.which("pnpm")
    if pnpm is None:
        raise RuntimeError("pnpm not found on PATH: run scripts/setup or enter `nix develop`")
    subprocess.run([pnpm, "--dir", str(WEB), "build"], check=True, capture_output=True)  # noqa: S603


def measure(build_dir: Path = CLIENT_BUILD) -> WebResult:
    parser = _EntryAssets()
    parser.feed((build_dir / "index.html").read_text())
    paths = parser.paths
    for path in paths:  # grows while it is walked: each chunk's imports are visited in turn
        if path.endswith(".js"):
            source = (build_dir / path.lstrip("/")).read_text()
            directory = path.rsplit("/", 1)[0]
            for match in CHUNK_IMPORT.finditer(source):
                if (imported := f"{directory}/{match.group(1)}") not in paths:
                    paths.append(imported)
    assets = [_asset(build_dir, path) for path in paths]
    return WebResult(
        js=[asset for asset in assets if asset.path.endswith(".js")],
        css=[asset for asset in assets if asset.path.endswith(".css")],
    )


def _asset(build_dir: Path, path: str) -> Asset:
    content = (build_dir / path.lstrip("/")).read_bytes()
    return Asset(path, len(content), len(gzip.compress(content, compresslevel=9)))
