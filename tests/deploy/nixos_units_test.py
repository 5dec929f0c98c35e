"""The NixOS module's units, rehearsed outside a virtual machine (see tests/deploy/units.py).

What only the VM tests show (nix/nixos/tests/): systemd's sandbox itself, the packages from Nix,
PostgreSQL's peer authentication, separate hosts. What this shows on every test run: the commands
and environment the module writes work as a user that is not root, writing only to the state
directory, over Unix sockets to PostgreSQL and Redis, with two API processes behind one name as
behind a load balancer, driven by the VM tests' own helpers.
"""

from contextlib import ExitStack
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
from tests.services import HOST, MailpitServer, RedisServer

EMAIL = "ada@example.com"
PASSWORD = "plum-orbit-canvas-1984-quay"
# The name a load balancer would answer to; each request picks the API process it reaches.
PUBLIC_URL = "http://app.test"


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
    environment = unit_environment({**module_settings, "BASE_URL": PUBLIC_URL}, state_dir)
    assert "database migrated" in migrate(service_account, environment)

    with ExitStack() as running:
        api1, api2 = (
            running.enter_context(UnitApiServer(service_account, environment, tmp_path / log))
            for log in ("api1.log", "api2.log")
        )
        worker = running.enter_context(
            UnitWorker(service_account, environment, tmp_path / "worker.log")
        )
        via1, via2 = f"{HOST}:{api1.port}", f"{HOST}:{api2.port}"
        browser = flow.Browser(node, PUBLIC_URL, jar=str(tmp_path / "cookies.txt"))

        for via in (via1, via2):
            flow.healthcheck(browser, via=via)
        flow.sign_up(browser, EMAIL, PASSWORD, "Ada", via=via1)
        flow.verify_email_via_mailpit(
            browser, node, EMAIL, via=via2, mailpit_api=mailpit_server.api_url
        )
        flow.sign_in(browser, EMAIL, PASSWORD, via=via1)
        assert flow.current_user(browser, via=via2)["email"] == EMAIL
        note_id = flow.create_note(browser, "Groceries", "eggs, flour", via=via1)
        assert flow.read_note(browser, note_id, via=via2)["body"] == "eggs, flour"
        email = flow.wait_for_email(node, EMAIL, "Note created", mailpit_api=mailpit_server.api_url)
        assert email["Subject"] == "Note created: Groceries"
        assert flow.first_link(email, PUBLIC_URL) == f"{PUBLIC_URL}/notes/{note_id}"

        # The rate limiter counts a failed sign-in in Redis through the socket too (it fails open,
        # so the 401 alone would not show it).
        wrong = {"email": EMAIL, "password": "not the password"}
        browser.request("POST", "/api/auth/sign-in", wrong, via=via2, expect=401)
        with redis.Redis(unix_socket_path=str(redis_server.unix_socket)) as client:
            keys = list(client.scan_iter())
        assert any(b"sign-in" in key for key in keys), keys

        api1.restart()
        assert flow.read_note(browser, note_id, via=via1)["title"] == "Groceries"
        api2.stop()
        assert flow.current_user(browser, via=via1)["email"] == EMAIL

        for process in (api1.process, worker.process):
            assert process_uid(process.pid) == service_account.uid != 0
        # The scheduler keeps its state in the private /tmp; nothing else was written.
        in_tmp = {path.name for path in (state_dir / "tmp").iterdir()}
        assert any(name.startswith("app-celerybeat-schedule") for name in in_tmp), in_tmp
        assert {path.name for path in state_dir.iterdir()} == {"home", "tmp"}
        assert list((state_dir / "home").iterdir()) == []
