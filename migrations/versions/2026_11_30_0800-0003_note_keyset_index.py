"""notes: index the list's keyset order, (owner_id, created_at DESC, id DESC)

The id breaks ties between notes created at the same instant, so a page cursor names one row and
the next page is read straight from the index, without sorting all of a user's notes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_note_owner_id_created_at_id",
        "note",
        ["owner_id", sa.text("created_at DESC"), sa.text("id DESC")],
    )
    op.drop_index("ix_note_owner_id_created_at", table_name="note")


def downgrade() -> None:
    op.create_index("ix_note_owner_id_created_at", "note", ["owner_id", sa.text("created_at DESC")])
    op.drop_index("ix_note_owner_id_created_at_id", table_name="note")
