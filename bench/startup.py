"""Start-up: importing the application, and `app serve` from exec to its first healthy answer.

Both run with a warm bytecode cache, as in any deployment (images compile it at build time): one
untimed import first writes it, even where PYTHONDONTWRITEBYTECODE is set.
"""

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.environment import BenchEnvironment
from bench.processes import HOST, http_status, running
from tests.services import free_port

RUNS = 5
START_TIMEOUT = 30


@dataclass(frozen=True)
class StartupResult:
    import_seconds: list[float]
    """`import app.server` (what uvicorn loads), less the interpreter's own start."""

    cold_start_seconds: list[float]
    """`python -m app serve` from exec until GET /healthcheck answers 200."""


def run(environment: BenchEnvironment) -> StartupResult:
    env = {k: v for k, v in environment.env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    _python_seconds("import app.server", env)
    return StartupResult(
        import_seconds=[_import_seconds(env) for _ in range(RUNS)],
        cold_start_seconds=[_cold_start_seconds(env) for _ in range(RUNS)],
    )


def _python_seconds(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)  # noqa: S603
    return time.perf_counter() - started


def _import_seconds(env: dict[str, str]) -> float:
    return _python_seconds("import app.server", env) - _python_seconds("pass", env)


def _cold_start_seconds(env: dict[str, str]) -> float:
    port = free_port()
    env = {**env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    url = f"http://{HOST}:{port}/healthcheck"
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as work_dir:
        log = Path(work_dir) / "serve.log"
        started = time.perf_counter()
        with running([sys.executable, "-m", "app", "serve"], env, log) as serve:
            while http_status(url, timeout=1) != 200:
                if serve.poll() is not None:
                    raise RuntimeError(f"app serve exited with {serve.returncode}")
                if time.perf_counter() - started > START_TIMEOUT:
                    raise RuntimeError(f"app serve did not answer {url} in {START_TIMEOUT}s")
                time.sleep(0.005)
            return time.perf_counter() - started
