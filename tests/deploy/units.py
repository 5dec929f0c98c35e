"""The NixOS module's units, rehearsed on this machine: `app migrate`, `app serve` and
`app worker --beat` as the units run them (nix/nixos/module.nix), read from the file the module
reads (nix/nixos/environment.json), as a user that is not root and with nothing else in the
environment. The test then drives them with the NixOS VM tests' own helpers
(nix/nixos/tests/flow.py), whose shell commands run here instead of in a virtual machine.
"""

import importlib.util
import json
import os
import pwd
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import psutil

from tests.reliability.processes import ApiServer, Worker

ROOT = Path(__file__).resolve().parents[2]
UNITS = json.loads((ROOT / "nix/nixos/environment.json").read_text())
# The console script the units run, next to this interpreter as in the Nix virtualenv.
APP = str(Path(sys.executable).with_name("app"))
# Root runs the units' commands as this user, like the module's DynamicUser.
SERVICE_USER = "nobody"


@dataclass(frozen=True)
class ServiceAccount:
    """Who runs the units' commands: never root. `prefix` starts a command as this account."""

    uid: int
    gid: int
    prefix: tuple[str, ...]

    @classmethod
    def for_this_process(cls) -> "ServiceAccount":
        if os.geteuid() != 0:
            return cls(os.geteuid(), os.getegid(), ())
        user = pwd.getpwnam(SERVICE_USER)
        # The user may read what root can (the interpreter may live under /root, as with pyenv)
        # but write only what it owns: the state directory, like ProtectSystem=strict.
        prefix = (
            "setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
            "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
        )  # fmt: skip
        return cls(user.pw_uid, user.pw_gid, prefix)

    def owned_directory(self, path: Path, mode: int) -> Path:
        path.mkdir(parents=True)
        os.chown(path, self.uid, self.gid)
        path.chmod(mode)
        return path

    def command(self, environment: dict[str, str], args: list[str]) -> list[str]:
        """`app ARGS` as the account, in the state directory and exactly `environment`, as systemd
        starts a unit."""
        assignments = [f"{name}={value}" for name, value in environment.items()]
        working_directory = f"--chdir={environment['STATE_DIRECTORY']}"
        env = ["env", "--ignore-environment", working_directory, *assignments]
        return [*self.prefix, *env, APP, *args]


def unit_environment(settings: dict[str, str], state_dir: Path) -> dict[str, str]:
    """What a unit's process sees: the module's fixed variables, `settings` (the module's
    `settings` and the environment file) and what systemd adds for the unit's sandbox."""
    environment = {
        **UNITS["environment"],
        "MIGRATIONS_DIR": str(ROOT / "migrations"),
        **settings,
        # DynamicUser's home is /, which ProtectSystem=strict makes read-only.
        "HOME": str(state_dir / "home"),
        # PrivateTmp: a /tmp of the unit's own.
        "TMPDIR": str(state_dir / "tmp"),
        # systemd's own variable for StateDirectory=, which is also WorkingDirectory=.
        "STATE_DIRECTORY": str(state_dir),
        "PATH": os.defpath,
    }
    # Only the dev virtualenv's editable app needs this to import; the Nix one is a real package.
    if "REPO_ROOT" in os.environ:
        environment["REPO_ROOT"] = os.environ["REPO_ROOT"]
    return environment


def migrate(account: ServiceAccount, environment: dict[str, str]) -> str:
    result = subprocess.run(
        account.command(environment, UNITS["commands"]["migrate"]),
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, f"app migrate failed:\n{result.stdout}{result.stderr}"
    return result.stdout + result.stderr


class UnitApiServer(ApiServer):
    """fullstack-flake-api.service's command."""

    name = "the API unit's `app serve`"

    def __init__(self, account: ServiceAccount, environment: dict[str, str], log: Path) -> None:
        self.account = account
        super().__init__(environment, log)
        # HOST and PORT are this process's (api.host, api.port); BASE_URL stays the public one.
        self.environment["BASE_URL"] = environment["BASE_URL"]

    def _command(self) -> list[str]:
        return self.account.command(self.environment, UNITS["commands"]["api"])


class UnitWorker(Worker):
    """fullstack-flake-worker.service's command with the scheduler; `--hostname` is the one extra
    argument (worker.extraArgs), so the test can tell when this worker consumes jobs."""

    name = "the worker unit's `app worker --beat`"

    def __init__(self, account: ServiceAccount, environment: dict[str, str], log: Path) -> None:
        self.account = account
        super().__init__(environment, log)

    def _command(self) -> list[str]:
        commands = UNITS["commands"]
        args = [*commands["worker"], *commands["scheduler"], "--hostname", self.hostname]
        return self.account.command(self.environment, args)


def process_uid(pid: int) -> int:
    """The real uid of a process (uvicorn's and Celery's children are forked from it)."""
    return psutil.Process(pid).uids().real


class LocalNode:
    """The test driver's Machine for nix/nixos/tests/flow.py, with this machine as the node."""

    def succeed(self, command: str, /) -> str:
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"`{command}` failed:\n{result.stdout}{result.stderr}"
        return result.stdout

    def wait_until_succeeds(self, command: str, timeout: int = 900) -> str:
        deadline = time.monotonic() + timeout
        while True:
            result = subprocess.run(
                ["bash", "-euo", "pipefail", "-c", command],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if result.returncode == 0:
                return result.stdout
            if time.monotonic() > deadline:
                raise AssertionError(f"`{command}` still failing after {timeout}s: {result.stderr}")
            time.sleep(0.5)


def load_flow() -> ModuleType:
    """nix/nixos/tests/flow.py, which is no package: the VM tests prepend it to their script."""
    spec = importlib.util.spec_from_file_location("nixos_flow", ROOT / "nix/nixos/tests/flow.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
