"""The app's own entry points (`app serve`, `app worker`) as real subprocesses for the drills.

Each runs in a process group of its own with its output in a log file, so a drill can signal the
main process (what a container runtime does) or kill the whole group (what the OOM killer or a lost
node does), and a failure shows what the process printed.
"""

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Self

import httpx

from app.jobs.celery_app import celery_app
from app.security.csrf import CSRF_COOKIE, CSRF_HEADER
from tests.reliability.waiting import wait_until
from tests.services import HOST, Running, free_port, log_tail

START_TIMEOUT = 30
STOP_TIMEOUT = 30
# JOB_VISIBILITY_TIMEOUT_SECONDS for the drills: a killed worker's job comes back within seconds.
VISIBILITY_TIMEOUT_SECONDS = 1


class AppProcess(Running):
    def __init__(self, args: list[str], env: dict[str, str], log_path: Path) -> None:
        self.args = args
        self.env = env
        self.log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def process(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise RuntimeError(f"app {' '.join(self.args)} is not running")
        return self._process

    def start(self) -> Self:
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "app", *self.args], env=self.env, stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        return self

    def send_signal(self, signum: signal.Signals) -> None:
        """Signals the main process only, as `docker stop` or Kubernetes do."""
        self.process.send_signal(signum)

    def kill_group(self) -> None:
        """SIGKILL to every process of the group: nothing gets to clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)

    def wait(self, timeout: float = STOP_TIMEOUT) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise AssertionError(
                f"{self} still running after {timeout}s\n{self.log_tail()}"
            ) from error

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            try:
                os.killpg(self._process.pid, signal.SIGTERM)
                self._process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
            except ProcessLookupError:
                pass
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self) -> str:
        return log_tail(self.log_path)

    def assert_running(self) -> None:
        if not self.running():
            raise AssertionError(f"{self} exited with {self.process.returncode}\n{self.log_tail()}")

    def __str__(self) -> str:
        return f"`app {' '.join(self.args)}`"


class ApiServer(AppProcess):
    """`app serve`: uvicorn as in production, on a free port."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        # An http BASE_URL keeps cookies from being Secure, so a plain-HTTP client sends them back.
        env = {**env, "HOST": HOST, "PORT": str(self.port), "BASE_URL": self.url}
        super().__init__(["serve"], env, log_path)

    def start(self) -> Self:
        super().start()
        wait_until(self._healthy, timeout=START_TIMEOUT, what=f"{self} answers /healthcheck")
        return self

    def _healthy(self) -> bool:
        self.assert_running()
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
    """`app worker`: Celery's prefork pool with one child, as a small deployment runs it.

    A drill runs one worker at a time, so searching for neighbours (mingle) would only add a second
    to every start.
    """

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.hostname = f"drill-{uuid.uuid4().hex[:8]}@{HOST}"
        args = [
            "worker", "--concurrency", "1", "--hostname", self.hostname,
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        super().__init__(args, env, log_path)

    def start(self) -> Self:
        """Starts the worker and waits until it consumes jobs (it answers a ping)."""
        super().start()
        wait_until(self._answers_ping, timeout=START_TIMEOUT, what=f"{self} is ready")
        return self

    def _answers_ping(self) -> bool:
        self.assert_running()
        # A connection of its own: one from the pool may predate a Redis restart in another drill.
        with celery_app.connection_for_write() as connection:
            replies = celery_app.control.ping([self.hostname], timeout=0.5, connection=connection)
        return bool(replies)


WorkerFactory = Callable[..., Worker]
