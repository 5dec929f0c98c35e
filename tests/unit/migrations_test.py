from collections.abc import Iterator

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from psycopg import sql
from sqlalchemy import Engine, create_engine, inspect

from app.migrate import downgrade, migrate
from app.models.base import SQLModel
from tests.services import PostgresServer

TABLES = {"user", "note", "email_delivery", "alembic_version"}


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


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_downgrade_upgrade(scratch_engine: Engine) -> None:
    migrate("head", engine=scratch_engine)
    assert _tables(scratch_engine) == TABLES
    downgrade("base", engine=scratch_engine)
    assert _tables(scratch_engine) == {"alembic_version"}
    migrate("head", engine=scratch_engine)
    assert _tables(scratch_engine) == TABLES


def test_migrating_twice_is_a_no_op(scratch_engine: Engine) -> None:
    migrate("head", engine=scratch_engine)
    migrate("head", engine=scratch_engine)
    assert _tables(scratch_engine) == TABLES


def test_models_and_migrations_agree(scratch_engine: Engine) -> None:
    migrate("head", engine=scratch_engine)
    with scratch_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
