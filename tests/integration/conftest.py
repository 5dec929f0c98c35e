"""Browser tests against the application as production runs it.

The production web build is served by uvicorn over HTTPS from a subprocess, a real Celery worker
runs the jobs, and Playwright drives the Chromium of the OS (CHROMIUM_EXECUTABLE) or the one
nixpkgs builds for its Playwright (PLAYWRIGHT_BROWSERS_PATH), never a downloaded one. Everything
talks to the session's PostgreSQL, Redis and Mailpit.

Two things differ from the rest of the suite, both for a reason:

- Playwright's sync API keeps its event loop marked as running in this thread for as long as it
  is started, and pytest-asyncio cannot run a coroutine while it is. So Playwright and the browser
  are package-scoped here (pytest-playwright makes them session-scoped): they stop after the last
  test in this folder, before the async suites run. For the same reason tests here use only sync
  fixtures: the user and note fixtures below, and truncation instead of the async `db`.
- The server and worker use Redis database 1. The suite's `clean_redis` flushes database 0 before
  every test, which would also delete the queue bindings the running worker declared at start.

On failure, pytest-playwright keeps a screenshot and a trace in tmp/test-results/<test>/; the
hook at the end adds the server's and the worker's log lines from that test and lists them all in
the failure output.
"""

import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import pytest
import redis
from playwright.sync_api import (
    Browser,
    BrowserContext,
    BrowserType,
    ConsoleMessage,
    Playwright,
    expect,
    sync_playwright,
)
from sqlmodel import SQLModel

from app.db import sync_session
from app.models import Note, User
from app.security.rate_limit import KEY_PREFIX
from app.settings import Settings
from tests.database import truncate_all_tables
from tests.factories import AdminFactory, NoteFactory, UserFactory
from tests.integration.servers import ApiServer, CeleryWorker, TLSCertificate, issue_certificate
from tests.integration.web_build import ensure_web_build
from tests.services import RedisServer

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the sandbox cannot start as root, nor inside the Nix build sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STACK_REDIS_DB = 1
# Two cores running Chromium, the server, the worker and the services at once can take several
# seconds to boot the app after a page load; Playwright's default of 5s would make that flaky.
ASSERTION_TIMEOUT_MS = 15_000


def pytest_configure(config: pytest.Config) -> None:
    """Keep a screenshot and trace of every failed test (pyproject.toml puts them under
    tmp/test-results), unless told else."""
    defaults = {
        "screenshot": ("off", "only-on-failure"),
        "tracing": ("off", "retain-on-failure"),
    }
    for option, (plugin_default, ours) in defaults.items():
        if getattr(config.option, option) == plugin_default:
            setattr(config.option, option, ours)


# The application stack.


@pytest.fixture(scope="session")
def web_build(pytestconfig: pytest.Config, settings: Settings) -> Path:
    ensure_web_build(pytestconfig.rootpath / "web", settings.web_dist_dir)
    return settings.web_dist_dir


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory: pytest.TempPathFactory) -> TLSCertificate:
    return issue_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="session")
def artifacts_dir(pytestconfig: pytest.Config) -> Path:
    return Path(str(pytestconfig.getoption("--output"))).absolute()


@pytest.fixture(scope="session")
def stack_environment(settings: Settings, redis_server: RedisServer) -> dict[str, str]:
    """What the server and worker are configured with: the test services, like production."""
    return {
        "APP_ENV": "test",
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": redis_server.url(STACK_REDIS_DB),
        "SMTP_URL": settings.smtp_url,
        "SECRET_KEY": settings.secret_key,
        "PASSWORD_HASH_COST": settings.password_hash_cost.value,
        "WEB_DIST_DIR": str(settings.web_dist_dir),
        "MIGRATIONS_DIR": str(settings.migrations_dir),
        "PYTHONUNBUFFERED": "1",
        "NO_COLOR": "1",  # the logs are files that people read, without terminal escapes
    }


@pytest.fixture(scope="package")
def api_server(
    stack_environment: dict[str, str],
    tls_certificate: TLSCertificate,
    web_build: Path,
    artifacts_dir: Path,
) -> Iterator[ApiServer]:
    with ApiServer(artifacts_dir / "server.log", stack_environment, tls_certificate) as server:
        yield server


@pytest.fixture(scope="package")
def celery_worker(stack_environment: dict[str, str], artifacts_dir: Path) -> Iterator[CeleryWorker]:
    with CeleryWorker(artifacts_dir / "worker.log", stack_environment) as worker:
        yield worker


@pytest.fixture(scope="package")
def base_url(api_server: ApiServer, celery_worker: CeleryWorker) -> str:
    """The running application (overrides pytest-playwright's --base-url)."""
    return api_server.url


# Playwright, package-scoped (see the module docstring) and with the Chromium we were given.


def _chromium_executable() -> str | None:
    """The Chromium to launch, or None for the one in PLAYWRIGHT_BROWSERS_PATH (the Nix side's)."""
    path = os.environ.get("CHROMIUM_EXECUTABLE")
    if path is None and os.environ.get("PLAYWRIGHT_BROWSERS_PATH"):
        return None
    path = path or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(
            f"Chromium not found at CHROMIUM_EXECUTABLE={path}: install chromium (Debian: "
            "`apt-get install chromium`, which scripts/setup does), enter `nix develop`, or set "
            "CHROMIUM_EXECUTABLE to a Chromium binary. Browsers are never downloaded.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], tls_certificate: TLSCertificate
) -> dict[str, Any]:
    # Chromium trusts exactly the test server's key, rather than ignoring certificate errors for
    # every site, and only for this launch: nothing is added to a system or user trust store.
    pinned = f"--ignore-certificate-errors-spki-list={tls_certificate.spki_sha256}"
    executable = _chromium_executable()
    return {
        **browser_type_launch_args,
        **({"executable_path": executable} if executable else {}),
        "args": [*CHROMIUM_ARGS, pinned],
    }


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    expect.set_options(timeout=ASSERTION_TIMEOUT_MS)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright, browser_name: str) -> BrowserType:
    if browser_name != "chromium":
        raise pytest.UsageError("the browser tests run Chromium only")
    return playwright.chromium


@pytest.fixture(scope="package")
def launch_browser(
    browser_type_launch_args: dict[str, Any], browser_type: BrowserType
) -> Callable[..., Browser]:
    def launch(**kwargs: Any) -> Browser:
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="package")
def browser(launch_browser: Callable[..., Browser]) -> Iterator[Browser]:
    browser = launch_browser()
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args(
    pytestconfig: pytest.Config,
    playwright: Playwright,
    base_url: str,
    device: str | None,
    _pw_artifacts_folder: TemporaryDirectory,
) -> dict[str, Any]:
    context_args: dict[str, Any] = {"base_url": base_url}
    if device:
        context_args.update(playwright.devices[device])
    if pytestconfig.getoption("--video") in ("on", "retain-on-failure"):
        context_args["record_video_dir"] = _pw_artifacts_folder.name
    return context_args


# Test data, written through the database like the app's own seed does.


def _persist[Row: SQLModel](row: Row) -> Row:
    with sync_session() as db:
        db.add(row)
        db.commit()
    return row


@pytest.fixture
def persist[Row: SQLModel]() -> Callable[[Row], Row]:
    """Writes a row as the fixtures below do, for a test that needs rows of its own."""
    return _persist


@pytest.fixture
def user() -> User:
    return _persist(UserFactory.build(name="Uma User"))


@pytest.fixture
def other_user() -> User:
    return _persist(UserFactory.build(name="Oscar Other"))


@pytest.fixture
def admin() -> User:
    return _persist(AdminFactory.build(name="Ada Admin"))


@pytest.fixture
def note(user: User) -> Note:
    return _persist(
        NoteFactory.build(owner_id=user.id, title="Groceries", body="Oat milk, coffee, lemons.")
    )


@pytest.fixture(autouse=True)
def clean_database(base_url: str) -> Iterator[None]:
    """Empties every table after each test: the server committed what the test did."""
    yield
    truncate_all_tables()


@pytest.fixture(autouse=True)
def forget_failed_sign_ins(stack_environment: dict[str, str]) -> None:
    """Clears the rate limits, and only them: the worker's queue bindings must stay."""
    with redis.Redis.from_url(stack_environment["REDIS_URL"]) as client:
        keys = list(client.scan_iter(f"{KEY_PREFIX}:*"))
        if keys:
            client.delete(*keys)


# The browser console: a core workflow that logs an error is broken even when it looks right.

# Chromium logs every HTTP error answer to a fetch this way, naming the status.
FAILED_REQUEST = re.compile(
    r"^Failed to load resource: the server responded with a status of (\d{3})"
)


@pytest.fixture(autouse=True)
def no_console_errors(request: pytest.FixtureRequest, context: BrowserContext) -> Iterator[None]:
    """Fails a test whose pages log an error to the console or throw an uncaught exception.

    A test that provokes an error answer on purpose (a wrong password, someone else's note)
    names its statuses with `@pytest.mark.expected_http_errors(401)`; nothing else is excused.
    """
    expected = {
        status
        for marker in request.node.iter_markers("expected_http_errors")
        for status in marker.args
    }
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        failed = FAILED_REQUEST.match(message.text)
        if message.type == "error" and not (failed and int(failed[1]) in expected):
            errors.append(f"{message.text} ({message.location.get('url')})")

    context.on("console", record)
    context.on("weberror", lambda error: errors.append(f"uncaught {error.error}"))
    yield
    if errors:
        pytest.fail("the browser console logged errors:\n  " + "\n  ".join(errors), pytrace=False)


# What a failed test leaves behind.


@dataclass
class FailureArtifacts:
    folder: Path
    log_offsets: list[tuple[ApiServer | CeleryWorker, int]]

    def save_logs(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for process, offset in self.log_offsets:
            (self.folder / process.log_path.name).write_bytes(process.log_since(offset))

    def describe(self) -> str:
        lines = [f"Saved in {_shown(self.folder)}/:"]
        for path in sorted(self.folder.iterdir()):
            hint = "  (open with `playwright show-trace`)" if path.suffix == ".zip" else ""
            lines.append(f"  {_shown(path)}{hint}")
        return "\n".join(lines)


def _shown(path: Path) -> str:
    return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)


ARTIFACTS = pytest.StashKey[FailureArtifacts]()
FIRST_FAILURE = pytest.StashKey[pytest.TestReport]()


@pytest.fixture(autouse=True)
def failure_artifacts(
    request: pytest.FixtureRequest,
    api_server: ApiServer,
    celery_worker: CeleryWorker,
    output_path: str,
) -> None:
    """Notes where the logs stand now, so a failure can save what this test caused."""
    offsets = [(process, process.log_size()) for process in (api_server, celery_worker)]
    request.node.stash[ARTIFACTS] = FailureArtifacts(Path(output_path), offsets)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.failed:
        item.stash.setdefault(FIRST_FAILURE, report)
    # pytest-playwright has moved the screenshot and trace into place by the teardown report.
    failure = item.stash.get(FIRST_FAILURE, None)
    artifacts = item.stash.get(ARTIFACTS, None)
    if report.when == "teardown" and failure is not None and artifacts is not None:
        artifacts.save_logs()
        failure.sections.append(("integration test artifacts", artifacts.describe()))
    return report
