"""Running Alembic migrations from the app, safe to start on several replicas at once.

A PostgreSQL advisory lock serializes concurrent runs: the first replica migrates, the others wait
for the lock, then find nothing left to do.
"""

from pathlib import Path

import structlog
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

from app.db import get_sync_engine
from app.settings import get_settings

log = structlog.get_logger(__name__)

# Any constant shared by every process of this app; "flake" in ASCII.
MIGRATION_LOCK_ID = 0x666C616B65


def alembic_config(connection: Connection | None = None) -> Config:
    migrations_dir: Path = get_settings().migrations_dir
    if not (migrations_dir / "env.py").is_file():
        raise SystemExit(f"Migrations not found in {migrations_dir.resolve()}; set MIGRATIONS_DIR")
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.attributes["connection"] = connection
    return config


def migrate(revision: str = "head", engine: Engine | None = None) -> None:
    with (engine or get_sync_engine()).connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
        try:
            connection.commit()
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
            connection.commit()
    log.info("database migrated", revision=revision)


def downgrade(revision: str, engine: Engine | None = None) -> None:
    with (engine or get_sync_engine()).begin() as connection:
        command.downgrade(alembic_config(connection), revision)
