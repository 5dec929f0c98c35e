"""The NixOS module's units, rehearsed outside a virtual machine (see tests/deploy/units.py).

What only the VM tests show (nix/nixos/tests/): systemd's sandbox itself, the packages from Nix,
PostgreSQL's peer authentication and several hosts. What this shows on every test run: the commands
and environment the module writes work as a user that is not root, writing only to the state
directory, over Unix sockets to PostgreSQL and Redis, through the VM tests' own helpers.
"""

from pathlib import Path
from types import ModuleType

import redis

from tests.deploy.units import (
    LocalNode,
    ServiceAccount,
    UnitApiServer,
    UnitWorker,
    migrate,
    process_uid,
    unit_environment,
)
from tests.mailpit import MailpitClient
from tests.services import MailpitServer, RedisServer

EMAIL = "ada@example.com"
PASSWORD = "plum-orbit-canvas-1984-quay"


def test_the_units_serve_a_user_unprivileged_over_unix_sockets(
    *,
    service_account: ServiceAccount,
    state_dir: Path,
    module_settings: dict[str, str],
    flow: ModuleType,
    node: LocalNode,
    mailpit: MailpitClient,
    mailpit_server: MailpitServer,
    redis_server: RedisServer,
    tmp_path: Path,
) -> None:
    environment = unit_environment(module_settings, state_dir)
    assert "database migrated" in migrate(service_account, environment)

    with UnitApiServer(service_account, environment, tmp_path / "api.log") as api:
        worker_environment = {**environment, "BASE_URL": api.url}
        with UnitWorker(service_account, worker_environment, tmp_path / "worker.log") as worker:
            browser = flow.Browser(node, api.url, jar=str(tmp_path / "cookies.txt"))
            flow.healthcheck(browser)
            flow.sign_up(browser, EMAIL, PASSWORD, "Ada")
            flow.sign_in(browser, EMAIL, PASSWORD)
            note_id = flow.create_note(browser, "Groceries", "eggs, flour")
            email = flow.wait_for_email(
                node, EMAIL, "Note created", mailpit_api=mailpit_server.api_url
            )
            assert email["Subject"] == "Note created: Groceries"

            # The rate limiter counts a failed sign-in in Redis through the socket too (it fails
            # open, so the 401 alone would not show it).
            wrong = {"email": EMAIL, "password": "not the password"}
            browser.request("POST", "/api/auth/sign-in", wrong, expect=401)
            with redis.Redis(unix_socket_path=str(redis_server.unix_socket)) as client:
                keys = list(client.scan_iter())
            assert any(b"sign-in" in key for key in keys), keys

            api.restart()
            assert flow.read_note(browser, note_id)["title"] == "Groceries"
            assert flow.current_user(browser)["email"] == EMAIL

            for process in (api.process, worker.process):
                assert process_uid(process.pid) == service_account.uid != 0
            # The scheduler keeps its state in the private /tmp; nothing else was written.
            in_tmp = {path.name for path in (state_dir / "tmp").iterdir()}
            assert any(name.startswith("app-celerybeat-schedule") for name in in_tmp), in_tmp
            assert {path.name for path in state_dir.iterdir()} == {"home", "tmp"}
            assert list((state_dir / "home").iterdir()) == []
