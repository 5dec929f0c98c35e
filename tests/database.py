"""Emptying the test database, for suites whose code under test commits on its own connections."""

from sqlalchemy import text
from sqlmodel import SQLModel

from app.db import get_sync_engine


def truncate_all_tables() -> None:
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with get_sync_engine().begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
