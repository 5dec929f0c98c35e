"""Builds the web app for production when its build is missing or older than its sources.

`python -m tests.integration.web_build` does so for the build the browser tests will use
(WEB_DIST_DIR, as in the settings). `just test` runs it before its web checks, since a build
rewrites the route types (web/.react-router) that tsc and ESLint read, and beside pytest: a lock
on web/ makes the browser tests wait for that build instead of starting a second one.
"""

import fcntl
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Where `react-router build` writes the browser app, inside web/.
BUILD_OUTPUT = Path("build", "client")
# What it reads; unit tests (*.test.ts[x]) never reach the build.
SOURCES = [
    "app", "public", "package.json", "pnpm-lock.yaml", "vite.config.ts",
    "react-router.config.ts", "tsconfig.json",
]  # fmt: skip


def _source_files(web_dir: Path) -> Iterator[Path]:
    for name in SOURCES:
        path = web_dir / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from (
                file for file in path.rglob("*") if file.is_file() and ".test." not in file.name
            )


def is_stale(web_dir: Path, index: Path) -> bool:
    if not index.is_file():
        return True
    built = index.stat().st_mtime
    return any(source.stat().st_mtime > built for source in _source_files(web_dir))


@contextmanager
def _building(web_dir: Path) -> Iterator[None]:
    """Held while one process checks and makes the build; another waits for it."""
    descriptor = os.open(web_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def ensure_web_build(web_dir: Path, dist_dir: Path) -> None:
    """Rebuilds this checkout's build when stale; a build given elsewhere is used as it is.

    WEB_DIST_DIR may point at a build made beforehand (the Nix check passes its `web` package),
    which is exactly what must be tested, so only its presence is checked.
    """
    index = dist_dir / "index.html"
    if dist_dir.resolve() != (web_dir / BUILD_OUTPUT).resolve():
        if not index.is_file():
            raise RuntimeError(
                f"WEB_DIST_DIR={dist_dir} has no index.html: build the web app there"
            )
        return
    with _building(web_dir):
        if is_stale(web_dir, index):
            _build(web_dir, index)


def _build(web_dir: Path, index: Path) -> None:
    pnpm = shutil.which("pnpm")
    if pnpm is None:
        raise RuntimeError(
            f"{index} is missing or stale and pnpm is not on PATH to build it: "
            "run scripts/setup (or `bin/just test`) or enter `nix develop`"
        )
    build = subprocess.run(
        [pnpm, "--dir", str(web_dir), "build"], check=False, capture_output=True, text=True
    )
    if build.returncode != 0 or not index.is_file():
        raise RuntimeError(
            f"`pnpm --dir {web_dir} build` failed (exit {build.returncode}; if dependencies are "
            f"missing, run `pnpm --dir {web_dir} install`):\n{build.stdout}{build.stderr}"
        )


if __name__ == "__main__":
    ensure_web_build(Path("web"), Path(os.environ.get("WEB_DIST_DIR", "web/build/client")))
