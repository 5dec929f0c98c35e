"""accounts: server-side sessions, verified emails, failed outbox rows

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_session",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("impersonated_user_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ip_address", sa.String(length=45), nullable=False),
        sa.Column("user_agent", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["impersonated_user_id"],
            ["user.id"],
            name=op.f("fk_user_session_impersonated_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_user_session_token_hash")),
    )
    op.create_index(op.f("ix_user_session_user_id"), "user_session", ["user_id"])
    op.create_index(op.f("ix_user_session_expires_at"), "user_session", ["expires_at"])

    op.drop_column("user", "session_version")
    op.add_column("user", sa.Column("email_verified_at", sa.DateTime(timezone=True)))
    # Accounts from before verification existed keep receiving their email.
    op.execute('UPDATE "user" SET email_verified_at = created_at')

    op.add_column(
        "email_delivery",
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column("email_delivery", sa.Column("failed_at", sa.DateTime(timezone=True)))
    op.add_column("email_delivery", sa.Column("last_error", sa.Text()))
    op.drop_index("ix_email_delivery_pending", table_name="email_delivery")
    op.create_index(
        "ix_email_delivery_pending",
        "email_delivery",
        ["created_at"],
        postgresql_where=sa.text("sent_at IS NULL AND failed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_email_delivery_pending", table_name="email_delivery")
    op.create_index(
        "ix_email_delivery_pending",
        "email_delivery",
        ["created_at"],
        postgresql_where=sa.text("sent_at IS NULL"),
    )
    op.drop_column("email_delivery", "last_error")
    op.drop_column("email_delivery", "failed_at")
    op.drop_column("email_delivery", "attempts")
    op.drop_column("user", "email_verified_at")
    op.add_column(
        "user", sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
    )
    op.drop_table("user_session")
