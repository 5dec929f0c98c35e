"""Starting servers for the benchmarks and waiting until they answer."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
# The flags every HTTP target is served with, so only the application differs between them.
UVICORN_FLAGS = ["--workers", "2", "--no-access-log", "--host", HOST, "--factory"]


def uvicorn_command(factory: str, port: int) -> list[str]:
    return [sys.executable, "-m", "uvicorn", factory, *UVICORN_FLAGS, "--port", str(port)]


def http_status(url: str, timeout: float = 5) -> int | None:
    """The status of a GET, or None when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


def wait_for_status(url: str, status: int, deadline: float, process: subprocess.Popen) -> None:
    """Polls until `url` answers `status`; fails if the process exits or the deadline passes."""
    while http_status(url, timeout=1) != status:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer {status} in time")
        time.sleep(0.01)


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """Runs `command` in a process group of its own and stops the whole group on exit."""
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            command, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
