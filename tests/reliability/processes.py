"""The app's own entry points (`app serve`, `app worker`) as real subprocesses for the drills.

Each runs in a process group of its own with its output in a log file (tests/services.AppProcess),
so a drill can signal the main process (what a container runtime does) or kill the whole group
(what the OOM killer or a lost node does), and a failure shows what the process printed.
"""

import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

from app.jobs.celery_app import celery_app
from app.security.cookies import CSRF_COOKIE
from app.security.csrf import CSRF_HEADER
from tests.services import HOST, AppProcess, free_port

# JOB_VISIBILITY_TIMEOUT_SECONDS for the drills: a killed worker's job comes back within seconds.
VISIBILITY_TIMEOUT_SECONDS = 1


class ApiServer(AppProcess):
    """`app serve`: uvicorn as in production, on a free port."""

    name = "`app serve`"

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        # An http BASE_URL keeps cookies from being Secure, so a plain-HTTP client sends them back.
        super().__init__(
            log_path, {**env, "HOST": HOST, "PORT": str(self.port), "BASE_URL": self.url}
        )

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "app", "serve"]

    def _ready(self) -> bool:
        try:
            return httpx.get(f"{self.url}/healthcheck", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def client(self, timeout: float = 10) -> httpx.Client:
        """A client that keeps cookies and echoes the CSRF cookie, like the web app."""

        def send_csrf_header(request: httpx.Request) -> None:
            if request.method != "GET" and (token := client.cookies.get(CSRF_COOKIE)):
                request.headers.setdefault(CSRF_HEADER, token)

        client = httpx.Client(base_url=self.url, timeout=timeout)
        client.event_hooks["request"].append(send_csrf_header)
        client.get("/healthcheck").raise_for_status()
        return client


class Worker(AppProcess):
    """`app worker`: Celery's prefork pool with one child, as a small deployment runs it; ready
    once it consumes jobs (it answers a ping).

    A drill runs one worker at a time, so searching for neighbours (mingle) would only add a second
    to every start.
    """

    name = "`app worker`"

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.hostname = f"drill-{uuid.uuid4().hex[:8]}@{HOST}"
        super().__init__(log_path, env)

    def _command(self) -> list[str]:
        return [
            sys.executable, "-m", "app", "worker", "--concurrency", "1",
            "--hostname", self.hostname, "--without-mingle", "--without-gossip",
        ]  # fmt: skip

    def _ready(self) -> bool:
        # A connection of its own: one from the pool may predate a Redis restart in another drill.
        with celery_app.connection_for_write() as connection:
            replies = celery_app.control.ping([self.hostname], timeout=0.5, connection=connection)
        return bool(replies)


WorkerFactory = Callable[..., Worker]
