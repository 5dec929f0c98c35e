"""Fixtures of the unit tests."""

import importlib.machinery
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine, create_engine

from tests.services import PostgresServer

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scratch_engine(postgres_server: PostgresServer) -> Iterator[Engine]:
    """A database of its own, so downgrading does not disturb the other tests."""
    name = "app_migrations_test"
    _drop_database(postgres_server, name)
    postgres_server.create_database(name)
    engine = create_engine(postgres_server.url(name))
    yield engine
    engine.dispose()
    _drop_database(postgres_server, name)


def _drop_database(server: PostgresServer, name: str) -> None:
    with psycopg.connect(
        host=server.host, port=server.port, user=server.user, dbname="postgres", autocommit=True
    ) as db:
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _load_recipe() -> ModuleType:
    """scripts/pnpm-deps-hash, which decides what the fetcher reads and how it is fingerprinted."""
    path = ROOT / "scripts" / "pnpm-deps-hash"
    loader = importlib.machinery.SourceFileLoader("pnpm_deps_hash", str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def recipe() -> ModuleType:
    return _load_recipe()


@pytest.fixture(scope="module")
def record() -> dict:
    return json.loads((ROOT / "nix" / "pnpm-deps.json").read_text())
