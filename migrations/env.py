"""Alembic environment: the models' metadata, the URL from app settings, one transaction per run."""

from alembic import context
from sqlalchemy import Connection

import app.models  # noqa: F401  (registers every table on the metadata)
from app.db import get_sync_engine
from app.models.base import SQLModel

target_metadata = SQLModel.metadata


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit(
            "Offline (--sql) migrations are not supported; run `app migrate` against a database"
        )
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    with get_sync_engine().connect() as connection:
        run(connection)


main()
