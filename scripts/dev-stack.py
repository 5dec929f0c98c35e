"""Runs the processes of process-compose.yaml where process-compose itself is not installed.

process-compose comes with Nix (`nix run`, `nix develop`), but the package registries that
scripts/setup installs from do not serve it. This runner reads the same file and implements the
part of process-compose's format that the stack uses: commands run by `bash -c`, environment
lists, `depends_on` conditions, exec and HTTP readiness probes, restart policies, shutdown
signals and ordered shutdown. Any other key is an error, so the file cannot drift into something
only one of the two understands.

Usage: dev-stack.py [--config FILE] [--dry-run] [PROCESS...]
Like `process-compose up`, it starts the named processes and what they depend on (all of them
by default), prefixes their output with their names, and stops them all on Ctrl-C.
"""

import argparse
import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import yaml

# Commands and probes are bash snippets, as in process-compose.
BASH = shutil.which("bash") or "/bin/bash"
CONDITIONS = {
    "process_started",
    "process_healthy",
    "process_completed",
    "process_completed_successfully",
}
RESTART_POLICIES = {"no", "on_failure", "always", "exit_on_failure"}
KEYS = {
    "top": {"version", "ordered_shutdown", "environment", "processes"},
    "process": {"command", "description", "environment", "depends_on", "readiness_probe",
                "availability", "shutdown", "disabled"},
    "probe": {"exec", "http_get", "initial_delay_seconds", "period_seconds", "timeout_seconds",
              "success_threshold", "failure_threshold"},
    "exec": {"command"},
    "http_get": {"host", "port", "path", "scheme"},
    "availability": {"restart", "max_restarts", "backoff_seconds"},
    "shutdown": {"signal", "timeout_seconds"},
    "dependency": {"condition"},
}  # fmt: skip


class ConfigError(Exception):
    pass


def _checked(section: str, where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping")
    unknown = set(value) - KEYS[section]
    if unknown:
        raise ConfigError(
            f"{where}: {', '.join(sorted(unknown))} not supported by this runner "
            "(it implements the part of process-compose's format the stack uses)"
        )
    return value


def _environment(entries: list[str] | None, where: str) -> dict[str, str]:
    pairs = [entry.partition("=") for entry in entries or []]
    if any(not sep for _, sep, _ in pairs):
        raise ConfigError(f"{where}.environment: entries must be NAME=value")
    return {name: value for name, _, value in pairs}


@dataclass
class Probe:
    check: Callable[[float], bool]
    description: str
    port: int | None  # the local port the probed server listens on, where the probe names one
    initial_delay: float
    period: float
    timeout: float
    failure_threshold: int

    @classmethod
    def parse(cls, value: Any, where: str, cwd: Path, env: dict[str, str]) -> "Probe":
        spec = _checked("probe", where, value)
        if ("exec" in spec) == ("http_get" in spec):
            raise ConfigError(f"{where}: give exactly one of exec and http_get")
        if "exec" in spec:
            command = _checked("exec", f"{where}.exec", spec["exec"])["command"]
            check = _exec_check(command, cwd, env)
            description = command
            port_option = re.search(r"(?:--port|-p)\s+(\d+)", command)
            port = int(port_option.group(1)) if port_option else None
        else:
            http = _checked("http_get", f"{where}.http_get", spec["http_get"])
            if http.get("scheme", "http") != "http":
                raise ConfigError(f"{where}.http_get: only the http scheme is supported")
            host, port, path = (
                http.get("host", "127.0.0.1"),
                int(http["port"]),
                http.get("path", "/"),
            )
            check = _http_check(host, port, path)
            description = f"GET http://{host}:{port}{path}"
        return cls(
            check=check,
            description=description,
            port=port,
            initial_delay=spec.get("initial_delay_seconds", 0),
            period=spec.get("period_seconds", 10),
            timeout=spec.get("timeout_seconds", 1),
            failure_threshold=spec.get("failure_threshold", 3),
        )


def _exec_check(command: str, cwd: Path, env: dict[str, str]) -> Callable[[float], bool]:
    def check(timeout: float) -> bool:
        try:
            result = subprocess.run(  # noqa: S603 - the project's own config
                [BASH, "-c", command], check=False, cwd=cwd, env=env, timeout=timeout,
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return False
        return result.returncode == 0

    return check


def _http_check(host: str, port: int, path: str) -> Callable[[float], bool]:
    # http.client rather than urllib: no proxy from the environment applies to a loopback probe.
    def check(timeout: float) -> bool:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            connection.request("GET", path)
            return connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    return check


@dataclass
class ProcessSpec:
    name: str
    command: str
    env: dict[str, str]
    depends_on: dict[str, str]
    readiness: Probe | None
    restart: str
    max_restarts: int
    backoff: float
    stop_signal: int
    stop_timeout: float
    disabled: bool

    @classmethod
    def parse(cls, name: str, value: Any, cwd: Path, base_env: dict[str, str]) -> "ProcessSpec":
        where = f"processes.{name}"
        spec = _checked("process", where, value)
        env = base_env | _environment(spec.get("environment"), where)
        depends_on = {
            dependency: _checked("dependency", f"{where}.depends_on.{dependency}", options).get(
                "condition", "process_started"
            )
            for dependency, options in (spec.get("depends_on") or {}).items()
        }
        for dependency, condition in depends_on.items():
            if condition not in CONDITIONS:
                raise ConfigError(f"{where}.depends_on.{dependency}: unknown condition {condition}")
        availability = _checked(
            "availability", f"{where}.availability", spec.get("availability", {})
        )
        shutdown = _checked("shutdown", f"{where}.shutdown", spec.get("shutdown", {}))
        restart = availability.get("restart", "no")
        if restart not in RESTART_POLICIES:
            raise ConfigError(f"{where}.availability.restart: unknown policy {restart}")
        if "command" not in spec:
            raise ConfigError(f"{where}: command is required")
        probe = spec.get("readiness_probe")
        return cls(
            name=name,
            command=spec["command"],
            env=env,
            depends_on=depends_on,
            readiness=Probe.parse(probe, f"{where}.readiness_probe", cwd, env) if probe else None,
            restart=restart,
            max_restarts=availability.get("max_restarts", 0),
            backoff=availability.get("backoff_seconds", 1),
            stop_signal=shutdown.get("signal", signal.SIGTERM),
            stop_timeout=shutdown.get("timeout_seconds", 10),
            disabled=spec.get("disabled", False),
        )


@dataclass
class Config:
    specs: dict[str, "ProcessSpec"]
    ordered_shutdown: bool  # stop each process only after the processes that depend on it


def load_config(path: Path) -> Config:
    config = _checked("top", path.name, yaml.safe_load(path.read_text()))
    base_env = dict(os.environ) | _environment(config.get("environment"), path.name)
    specs = {
        name: ProcessSpec.parse(name, value, path.parent, base_env)
        for name, value in (config.get("processes") or {}).items()
    }
    for spec in specs.values():
        for dependency, condition in spec.depends_on.items():
            if dependency not in specs:
                raise ConfigError(f"processes.{spec.name}: depends on unknown process {dependency}")
            if condition == "process_healthy" and specs[dependency].readiness is None:
                raise ConfigError(
                    f"processes.{spec.name}: {dependency} has no readiness_probe to be healthy by"
                )
    return Config(specs, bool(config.get("ordered_shutdown", False)))


def with_dependencies(specs: dict[str, ProcessSpec], names: list[str]) -> list[str]:
    selected: list[str] = []

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if name in chain:
            raise ConfigError(f"dependency cycle: {' -> '.join((*chain, name))}")
        if name in selected:
            return
        for dependency in specs[name].depends_on:
            visit(dependency, (*chain, name))
        selected.append(name)

    for name in names:
        visit(name, ())
    return selected


def _port_in_use(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _listener(port: int) -> str:
    """Which process listens on a local TCP port, and in which directory, as far as /proc tells."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for row in Path(table).read_text().splitlines()[1:]:
                fields = row.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # LISTEN
                    inodes.add(f"socket:[{fields[9]}]")
    for process in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in (process / "fd").iterdir()):
                name = (process / "comm").read_text().strip()
                return f"{name} (pid {process.name}) in {os.readlink(process / 'cwd')}"
    return "a process this user cannot see"


def taken_ports(specs: dict[str, ProcessSpec], names: list[str]) -> list[str]:
    """One line for each port the selected processes listen on that something else holds."""
    return [
        f"port {spec.readiness.port} ({name}): {_listener(spec.readiness.port)}"
        for name in names
        if (spec := specs[name]).readiness
        and spec.readiness.port
        and _port_in_use(spec.readiness.port)
    ]


class Output:
    """Prints every process's lines prefixed with its name, one whole line at a time."""

    def __init__(self, names: list[str], stream: IO[str]) -> None:
        self._width = max(len(name) for name in [*names, "dev-stack"])
        self._stream = stream
        self._lock = threading.Lock()
        use_color = stream.isatty() and "NO_COLOR" not in os.environ
        palette = ["36", "33", "35", "32", "34", "96", "93", "95"]
        self._colors = {
            name: palette[index % len(palette)] if use_color else ""
            for index, name in enumerate(names)
        } | {"dev-stack": "1" if use_color else ""}

    def line(self, name: str, text: str) -> None:
        prefix = f"{name:<{self._width}} |"
        if color := self._colors[name]:
            prefix = f"\033[{color}m{prefix}\033[0m"
        with self._lock:
            self._stream.write(f"{prefix} {text}\n")
            self._stream.flush()


@dataclass
class Runner:
    """Runs one process, restarting it as its policy says; its state drives the dependents."""

    spec: ProcessSpec
    stack: "Stack"
    cwd: Path
    started: bool = False
    healthy: bool = False
    finished: bool = False
    skipped: bool = False
    exit_code: int | None = None
    process: subprocess.Popen[bytes] | None = None
    thread: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.thread = threading.Thread(target=self.run, name=self.spec.name, daemon=True)

    def say(self, text: str) -> None:
        self.stack.output.line("dev-stack", f"{self.spec.name}: {text}")

    def run(self) -> None:
        if not self.stack.wait_for_dependencies(self.spec):
            self.stack.update(self, skipped=True, finished=True)
            return
        restarts = 0
        while True:
            code = self.run_once()
            if self.stack.stopping:
                break
            failed = code != 0
            if failed and self.spec.restart == "exit_on_failure":
                self.stack.stop(f"{self.spec.name} exited with status {code}", failed=True)
                break
            wants_restart = self.spec.restart == "always" or (
                failed and self.spec.restart == "on_failure"
            )
            if not wants_restart or (self.spec.max_restarts and restarts >= self.spec.max_restarts):
                if failed:
                    self.stack.failures.append(f"{self.spec.name} exited with status {code}")
                break
            restarts += 1
            self.say(f"exited with status {code}; restarting in {self.spec.backoff}s")
            if self.stack.sleep(self.spec.backoff):
                break
        self.stack.update(self, finished=True)

    def run_once(self) -> int:
        with self.stack.lock:
            if self.stack.stopping:
                return 0
            # A session of its own: the terminal's Ctrl-C reaches only the runner, which then stops
            # each process with its own shutdown signal, sent to its whole process group.
            self.process = process = subprocess.Popen(  # noqa: S603 - the project's own config
                [BASH, "-c", self.spec.command], cwd=self.cwd, env=self.spec.env,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.stack.update(self, started=True, exit_code=None)
        probe = threading.Thread(target=self.probe, args=(process, self.spec.readiness))
        if self.spec.readiness:
            probe.start()
        for raw in cast(IO[bytes], process.stdout):
            self.stack.output.line(self.spec.name, raw.decode(errors="replace").rstrip("\n"))
        code = process.wait()
        self.stack.update(self, healthy=False, exit_code=code)
        if probe.is_alive():
            probe.join()  # so that no probe command outlives the process it checks
        return code

    def probe(self, process: subprocess.Popen[bytes], probe: Probe) -> None:
        def exited() -> bool:
            return process.poll() is not None

        if self.stack.sleep(probe.initial_delay, until=exited):
            return
        failures = 0
        while True:
            if probe.check(probe.timeout):
                self.say("ready")
                self.stack.update(self, healthy=True)
                return
            failures += 1
            if failures >= probe.failure_threshold:
                self.say(f"not ready after {failures} checks ({probe.description}); stopping it")
                self.signal(process, self.spec.stop_signal)
                return
            if self.stack.sleep(probe.period, until=exited):
                return

    @staticmethod
    def signal(process: subprocess.Popen[bytes], signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signum)

    def shut_down(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        self.signal(process, self.spec.stop_signal)
        try:
            process.wait(self.spec.stop_timeout)
        except subprocess.TimeoutExpired:
            self.say(f"still running {self.spec.stop_timeout}s after the stop signal; killing it")
            self.signal(process, signal.SIGKILL)
            process.wait()


class Stack:
    def __init__(self, config: Config, names: list[str], cwd: Path) -> None:
        specs = config.specs
        self.ordered_shutdown = config.ordered_shutdown
        self.output = Output(names, sys.stdout)
        self.lock = threading.Condition()
        self.stopping = False
        self.stopped_by: signal.Signals | None = None  # the signal that asked the stack to stop
        self.failures: list[str] = []
        self.runners = {name: Runner(specs[name], self, cwd) for name in names}

    def update(self, runner: Runner, **state: Any) -> None:
        with self.lock:
            for key, value in state.items():
                setattr(runner, key, value)
            self.lock.notify_all()

    def condition_state(self, name: str, condition: str) -> bool | None:
        """True when met, False when it can no longer be met, None while undecided."""
        runner = self.runners[name]
        if condition == "process_started":
            met = runner.started
        elif condition == "process_healthy":
            met = runner.healthy
        elif condition == "process_completed":
            met = runner.finished and not runner.skipped
        else:
            met = runner.finished and runner.exit_code == 0
        if met:
            return True
        return False if runner.finished else None

    def wait_for_dependencies(self, spec: ProcessSpec) -> bool:
        with self.lock:
            while not self.stopping:
                states = {
                    name: self.condition_state(name, condition)
                    for name, condition in spec.depends_on.items()
                }
                if all(states.values()):
                    return True
                unmet = [name for name, state in states.items() if state is False]
                if unmet:
                    self.failures.append(f"{spec.name} not started: {', '.join(unmet)} failed")
                    self.output.line("dev-stack", self.failures[-1])
                    return False
                self.lock.wait()
        return False

    def sleep(self, seconds: float, until: Callable[[], bool] = lambda: False) -> bool:
        """Waits, returning early (and True) when the stack is stopping or `until()` holds."""
        with self.lock:
            return self.lock.wait_for(lambda: self.stopping or until(), seconds)

    def stop(self, reason: str, failed: bool = False) -> None:
        with self.lock:
            if failed:
                self.failures.append(reason)
            if not self.stopping:
                self.output.line("dev-stack", f"stopping: {reason}")
            self.stopping = True
            self.lock.notify_all()

    def stop_on(self, signum: signal.Signals) -> None:
        self.stopped_by = self.stopped_by or signum
        self.stop(signum.name)

    def shut_down(self) -> None:
        """Stops every process at once, or, with ordered shutdown, each after its dependents."""
        stopped = {name: threading.Event() for name in self.runners}

        def stop(runner: Runner) -> None:
            if self.ordered_shutdown:
                for other in self.runners.values():
                    if runner.spec.name in other.spec.depends_on:
                        stopped[other.spec.name].wait()
            runner.shut_down()
            stopped[runner.spec.name].set()

        stoppers = [threading.Thread(target=stop, args=(r,)) for r in self.runners.values()]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join()

    def run(self) -> int:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda signum, _: self.stop_on(signal.Signals(signum)))
        for runner in self.runners.values():
            runner.thread.start()
        with self.lock:
            # process-compose, too, ends when every process has ended.
            self.lock.wait_for(
                lambda: self.stopping or all(r.finished for r in self.runners.values())
            )
            self.stopping = True
            self.lock.notify_all()
        self.shut_down()
        for runner in self.runners.values():
            runner.thread.join()
        for failure in self.failures:
            self.output.line("dev-stack", f"failed: {failure}")
        return 1 if self.failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="dev-stack", description="Run the processes of process-compose.yaml."
    )
    parser.add_argument("processes", nargs="*", metavar="PROCESS")
    parser.add_argument("-f", "--config", type=Path, default=Path("process-compose.yaml"))
    parser.add_argument("--dry-run", action="store_true", help="validate the config and exit")
    args = parser.parse_args()
    try:
        config = load_config(args.config)
        specs = config.specs
        unknown = [name for name in args.processes if name not in specs]
        if unknown:
            raise ConfigError(f"no such process: {', '.join(unknown)}")
        requested = args.processes or [name for name, spec in specs.items() if not spec.disabled]
        names = with_dependencies(specs, requested)
    except (ConfigError, OSError, yaml.YAMLError) as error:
        print(f"dev-stack: {args.config}: {error}", file=sys.stderr)
        return 2
    if args.dry_run:
        print(f"dev-stack: {args.config} is valid; would start {', '.join(names)}")
        return 0
    # Started anyway, the servers would fail to bind while their probes found the other stack's.
    if taken := taken_ports(specs, names):
        print(
            "dev-stack: a development stack is already running, or other servers hold its ports:",
            *(f"  {line}" for line in taken),
            "Stop it first (Ctrl-C in its terminal, or kill the pids above); the stack's ports are"
            " fixed, so one runs per machine.",
            sep="\n",
            file=sys.stderr,
        )
        return 1
    stack = Stack(config, names, args.config.resolve().parent)
    code = stack.run()
    if code == 0 and stack.stopped_by is not None:
        # Stopped cleanly by Ctrl-C or kill: end by that signal, as programs should, so that the
        # caller (a shell, `just`) sees an interruption rather than a success or a failure.
        signal.signal(stack.stopped_by, signal.SIG_DFL)
        os.kill(os.getpid(), stack.stopped_by)
    return code


if __name__ == "__main__":
    sys.exit(main())
