from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.migrate import downgrade, migrate
from app.models.base import SQLModel

TABLES = {"user", "user_session", "note", "email_delivery", "alembic_version"}


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
