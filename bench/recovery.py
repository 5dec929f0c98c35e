"""Recovery: how soon `app serve` answers again after PostgreSQL restarts under it.

tests/reliability/database_restart_test.py only bounds this generously (it must hold on a loaded
Nix builder); this measures it. Each run stops PostgreSQL, waits until the health check reports
the outage, starts PostgreSQL again and times the first 200 from /healthcheck, which opens a
database connection through the app's pool.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.environment import BenchEnvironment
from bench.processes import HOST, running, wait_for_status
from tests.services import free_port

RUNS = 5
TIMEOUT_SECONDS = 60


def run(environment: BenchEnvironment) -> list[float]:
    """Seconds from PostgreSQL accepting connections again to the app's first healthy answer."""
    port = free_port()
    env = {**environment.env, "HOST": HOST, "PORT": str(port), "WEB_CONCURRENCY": "1"}
    url = f"http://{HOST}:{port}/healthcheck"
    with tempfile.TemporaryDirectory(prefix="bench-recovery-") as work_dir:
        command = [sys.executable, "-m", "app", "serve"]
        with running(command, env, Path(work_dir) / "serve.log") as serve:
            wait_for_status(url, 200, time.monotonic() + TIMEOUT_SECONDS, serve)
            return [_recovery_seconds(environment, url, serve) for _ in range(RUNS)]


def _recovery_seconds(environment: BenchEnvironment, url: str, serve: subprocess.Popen) -> float:
    environment.postgres.stop()
    try:
        wait_for_status(url, 503, time.monotonic() + TIMEOUT_SECONDS, serve)
    finally:
        environment.postgres.start()
    back = time.perf_counter()
    wait_for_status(url, 200, time.monotonic() + TIMEOUT_SECONDS, serve)
    return time.perf_counter() - back
