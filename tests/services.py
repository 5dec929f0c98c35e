"""Real PostgreSQL, Redis and Mailpit servers for the test suite, from the binaries on PATH.

Each server listens on a free loopback port and keeps its files in a directory of its own, so a
test run shares nothing with the development stack. mirakuru starts every server in a process
group of its own, waits until it answers, and on stop (or at interpreter exit) signals the whole
group, so no server outlives the test session.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

import psycopg
from mirakuru import Executor, HTTPExecutor, SimpleExecutor, TCPExecutor
from mirakuru.exceptions import ExecutorError
from psycopg import sql
from psycopg.conninfo import make_conninfo

HOST = "127.0.0.1"
START_TIMEOUT = 60
LOG_TAIL_LINES = 30


def free_port() -> int:
    """A loopback TCP port that nothing listens on at the moment of asking."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _require_executable(name: str, install_hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} not found on PATH: {install_hint}")
    return path


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last lines of a process's log, to put in a failure message."""
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return f"({path} was not written)"
    return "\n".join([f"last lines of {path}:", *text.splitlines()[-lines:]])


class Running:
    """Something a test starts and must stop: `with` starts it and stops it however it ends."""

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class ManagedProcess(Running):
    """Runs one process through a mirakuru executor, logging to a file (in `work_dir` unless
    `log_path` says where)."""

    name: str

    def __init__(self, work_dir: Path, log_path: Path | None = None) -> None:
        self.work_dir = work_dir
        self.log_path = log_path or work_dir / f"{self.name}.log"
        self._executor: SimpleExecutor | None = None
        self._log: IO[bytes] | None = None

    def _executor_for(self, log: IO[bytes]) -> SimpleExecutor:
        raise NotImplementedError

    def _prepare(self) -> None:
        """Creates whatever the server needs on disk before its first start."""

    def start(self) -> Self:
        if self._executor is not None:
            raise RuntimeError(f"{self.name} is already running")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._prepare()
        # A file, not a pipe: nobody reads a pipe while tests run, and a full one blocks the server.
        self._log = self.log_path.open("ab")
        self._executor = self._executor_for(self._log)
        try:
            self._executor.start()
        except ExecutorError as error:
            self.stop()
            raise RuntimeError(f"{self.name} did not start: {error}\n{self.log_tail()}") from error
        return self

    def stop(self) -> None:
        executor, self._executor = self._executor, None
        try:
            if executor is not None:
                executor.stop()
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None

    def restart(self) -> Self:
        self.stop()
        return self.start()

    def log_tail(self) -> str:
        return log_tail(self.log_path)


class _ReadyWhen(Executor):
    """Counts a process as started once `ready` says so; fails fast if it exits first."""

    def __init__(self, command: list[str], ready: Callable[[], bool], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self._ready = ready

    def pre_start_check(self) -> bool:
        # Every process gets fresh ports and a Redis database of its own: nothing to collide with.
        return False

    def after_start_check(self) -> bool:
        return self._ready()


class AppProcess(ManagedProcess):
    """A process of the application under test (uvicorn, `app serve`, `app worker`), configured
    only through its environment, started once `_ready` says so, its output appended to
    `log_path`."""

    def __init__(self, log_path: Path, environment: dict[str, str]) -> None:
        super().__init__(log_path.parent, log_path)
        self.environment = environment

    def _command(self) -> list[str]:
        raise NotImplementedError

    def _ready(self) -> bool:
        raise NotImplementedError

    def _executor_for(self, log: IO[bytes]) -> Executor:
        return _ReadyWhen(
            self._command(), self._ready, envvars=self.environment, timeout=START_TIMEOUT,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    @property
    def process(self) -> subprocess.Popen[bytes]:
        process = self._executor.process if self._executor is not None else None
        if process is None:
            raise RuntimeError(f"{self.name} is not running")
        return process

    def running(self) -> bool:
        return self._executor is not None and self._executor.running()

    def send_signal(self, signum: signal.Signals) -> None:
        """Signals the main process only, as `docker stop` or Kubernetes do."""
        self.process.send_signal(signum)

    def kill_group(self) -> None:
        """SIGKILL to every process of the group: nothing gets to clean up."""
        if self._executor is not None:
            self._executor.kill(sig=signal.SIGKILL)

    def wait(self, timeout: float = START_TIMEOUT) -> int:
        """The exit status, once the process has exited by itself (after a signal, say)."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise AssertionError(
                f"{self.name} still running after {timeout}s\n{self.log_tail()}"
            ) from error

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_size(self) -> int:
        """Where the log ends now; what a test caused is what is written after this offset."""
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, offset: int) -> bytes:
        with self.log_path.open("rb") as log:
            log.seek(offset)
            return log.read()


def _postgres_binaries() -> tuple[str, str]:
    """Paths of `initdb` and `postgres`: from PATH, else from `pg_config --bindir` (Debian)."""
    initdb, postgres = shutil.which("initdb"), shutil.which("postgres")
    if initdb and postgres:
        return initdb, postgres
    pg_config = shutil.which("pg_config")
    if pg_config:
        bindir = subprocess.run(
            [pg_config, "--bindir"], check=False, capture_output=True, text=True
        ).stdout.strip()
        bindir = Path(bindir)
        if (bindir / "initdb").is_file() and (bindir / "postgres").is_file():
            return str(bindir / "initdb"), str(bindir / "postgres")
    raise RuntimeError(
        "PostgreSQL server binaries not found: install postgresql (Debian) or enter `nix develop`"
    )


class _PostgresExecutor(TCPExecutor):
    """Counts Postgres as started once it accepts a session, not merely a TCP connection."""

    def __init__(self, command: list[str], port: int, user: str, **kwargs: Any) -> None:
        super().__init__(command, host=HOST, port=port, **kwargs)
        self._conninfo = make_conninfo(
            host=HOST, port=port, user=user, dbname="postgres", connect_timeout=2
        )

    def after_start_check(self) -> bool:
        try:
            psycopg.connect(self._conninfo).close()
        except psycopg.OperationalError:
            return False
        return True


class PostgresServer(ManagedProcess):
    """A throwaway PostgreSQL cluster with trust authentication for `user`."""

    name = "postgres"
    host = HOST
    user = "app"

    def __init__(self, base_dir: Path) -> None:
        self._initdb, self._postgres = _postgres_binaries()
        self._run_as: list[str] = []
        self._remove_own_dir: weakref.finalize | None = None
        if os.geteuid() == 0:
            # Postgres refuses to run as root, so the cluster belongs to the `postgres` system user.
            # It gets a directory of its own under the system temp dir: pytest's temp root (and
            # with it `base_dir`) is private to root, so that user could not even reach it.
            owner = _postgres_system_user()
            runuser = _require_executable("runuser", "install util-linux")
            base_dir = Path(tempfile.mkdtemp(prefix="postgres-"))
            os.chown(base_dir, owner.pw_uid, owner.pw_gid)
            self._remove_own_dir = weakref.finalize(self, shutil.rmtree, base_dir, True)
            self._run_as = [runuser, "-u", owner.pw_name, "--"]
        super().__init__(base_dir)
        self.data_dir = base_dir / "data"
        self.port = free_port()

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def _prepare(self) -> None:
        if (self.data_dir / "PG_VERSION").exists():
            return
        command = [
            *self._run_as, self._initdb, "--pgdata", str(self.data_dir),
            "--username", self.user, "--auth", "trust",
            "--encoding", "UTF8", "--locale", "C", "--no-sync", "--no-instructions",
        ]  # fmt: skip
        # cwd: the postgres user may not be allowed into the caller's working directory.
        initdb = subprocess.run(
            command, check=False, cwd=self.work_dir, capture_output=True, text=True
        )
        if initdb.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{initdb.stdout}{initdb.stderr}")

    def _executor_for(self, log: IO[bytes]) -> SimpleExecutor:
        command = [
            *self._run_as, self._postgres, "-D", str(self.data_dir),
            "-p", str(self.port), "-k", str(self.work_dir), "-c", f"listen_addresses={HOST}",
            # Durability is worthless for a cluster that is deleted after the run.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ]  # fmt: skip
        return _PostgresExecutor(
            command, self.port, self.user, cwd=str(self.work_dir), timeout=START_TIMEOUT,
            stop_signal=signal.SIGINT,  # "fast" shutdown: roll back sessions, don't wait for them
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, traceback)
        if self._remove_own_dir is not None:
            self._remove_own_dir()


def _postgres_system_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise RuntimeError(
            "running as root needs a `postgres` system user to own the test cluster: "
            "install postgresql (Debian), which creates it"
        ) from None


class RedisServer(ManagedProcess):
    """A Redis server that keeps nothing on disk, on a loopback port and on a Unix socket (how a
    NixOS host's local Redis is reached)."""

    name = "redis"
    host = HOST

    def __init__(self, base_dir: Path) -> None:
        self._redis_server = _require_executable(
            "redis-server", "install redis-server (Debian) or enter `nix develop`"
        )
        super().__init__(base_dir)
        self.port = free_port()

    def url(self, db: int = 0) -> str:
        return f"redis://{self.host}:{self.port}/{db}"

    @property
    def unix_socket(self) -> Path:
        return self.work_dir / "redis.sock"

    def unix_socket_url(self, db: int = 0) -> str:
        return f"unix://{self.unix_socket}?db={db}"

    def _executor_for(self, log: IO[bytes]) -> SimpleExecutor:
        command = [
            self._redis_server, "--port", str(self.port), "--bind", HOST,
            "--save", "", "--appendonly", "no", "--dir", str(self.work_dir),
            # Any local user of a throwaway server may connect, like the TCP port allows.
            "--unixsocket", str(self.unix_socket), "--unixsocketperm", "777",
        ]  # fmt: skip
        return TCPExecutor(
            command, host=HOST, port=self.port, timeout=START_TIMEOUT,
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip


class MailpitServer(ManagedProcess):
    """A Mailpit SMTP server whose HTTP API shows what it received."""

    name = "mailpit"
    host = HOST

    def __init__(self, base_dir: Path) -> None:
        self._mailpit = _require_executable("mailpit", "run scripts/setup or enter `nix develop`")
        super().__init__(base_dir)
        self.smtp_port = free_port()
        self.http_port = free_port()

    @property
    def smtp_url(self) -> str:
        return f"smtp://{self.host}:{self.smtp_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    @property
    def api_url(self) -> str:
        return f"{self.web_url}/api/v1"

    def _executor_for(self, log: IO[bytes]) -> SimpleExecutor:
        command = [
            self._mailpit,
            "--smtp", f"{HOST}:{self.smtp_port}", "--listen", f"{HOST}:{self.http_port}",
            "--database", str(self.work_dir / "mailpit.db"), "--disable-version-check",
        ]  # fmt: skip
        return HTTPExecutor(
            command, url=f"http://{HOST}:{self.http_port}/livez", method="GET",
            timeout=START_TIMEOUT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
