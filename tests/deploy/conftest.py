"""Fixtures for the rehearsal of the NixOS module's units (units.py)."""

import uuid
from pathlib import Path
from types import ModuleType

import pytest

from tests.deploy.units import LocalNode, ServiceAccount, load_flow
from tests.services import MailpitServer, PostgresServer, RedisServer

SECRET_KEY = "rehearsal-secret-key-of-at-least-thirty-two-characters"


@pytest.fixture(scope="module")
def service_account() -> ServiceAccount:
    return ServiceAccount.for_this_process()


@pytest.fixture
def state_dir(service_account: ServiceAccount, tmp_path: Path) -> Path:
    """StateDirectory= (also WorkingDirectory=), holding the unit's private /tmp and its home,
    which the account may not write to."""
    state = service_account.owned_directory(tmp_path / "state", 0o700)
    service_account.owned_directory(state / "tmp", 0o700)
    service_account.owned_directory(state / "home", 0o500)
    return state


@pytest.fixture
def module_settings(
    postgres_server: PostgresServer, redis_server: RedisServer, mailpit_server: MailpitServer
) -> dict[str, str]:
    """What the module's `settings` and environment file give a single host: PostgreSQL and Redis
    over their Unix sockets (database.createLocally, redis.createLocally), in a database of its
    own that the units migrate themselves."""
    database = f"units_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(database)
    socket_dir, port = postgres_server.work_dir, postgres_server.port
    return {
        "DATABASE_URL": f"postgresql+psycopg://app@/{database}?host={socket_dir}&port={port}",
        "REDIS_URL": redis_server.unix_socket_url(),
        "SMTP_URL": mailpit_server.smtp_url,
        "SECRET_KEY": SECRET_KEY,
    }


@pytest.fixture(scope="module")
def flow() -> ModuleType:
    return load_flow()


@pytest.fixture
def node() -> LocalNode:
    return LocalNode()
