"""initial schema: users, notes, the email outbox and TypeID SQL helpers

Revision ID: 0001
Revises:
Create Date: 2026-11-26 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Ids are stored as uuid; these let SQL sessions (psql, reports, support queries) speak the TypeID
# strings the API shows: `SELECT * FROM note WHERE id = typeid_to_uuid('note_01h…')` and
# `SELECT uuid_to_typeid('note', id) FROM note`.
TYPEID_HELPERS = r"""
CREATE FUNCTION uuid_to_typeid(prefix text, id uuid) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  bits bit(130) := B'00' || ('x' || encode(uuid_send(id), 'hex'))::bit(128);
  suffix text := '';
BEGIN
  FOR i IN 0..25 LOOP
    suffix := suffix || substr(alphabet, substring(bits FROM i * 5 + 1 FOR 5)::int + 1, 1);
  END LOOP;
  IF prefix = '' THEN
    RETURN suffix;
  END IF;
  RETURN prefix || '_' || suffix;
END $$;

CREATE FUNCTION typeid_to_uuid(typeid text) RETURNS uuid
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  suffix text := substring(typeid FROM '^(?:[a-z](?:[a-z_]{0,61}[a-z])?_)?([0-7][0-9a-hjkmnp-tv-z]{25})$');
  bits varbit := B'';
  hex text := '';
BEGIN
  IF suffix IS NULL THEN
    RAISE EXCEPTION 'invalid typeid: %', typeid USING ERRCODE = 'invalid_text_representation';
  END IF;
  FOR i IN 1..26 LOOP
    bits := bits || (strpos(alphabet, substr(suffix, i, 1)) - 1)::bit(5);
  END LOOP;
  FOR i IN 0..3 LOOP
    hex := hex || lpad(to_hex(substring(bits FROM 3 + i * 32 FOR 32)::bit(32)::int), 8, '0');
  END LOOP;
  RETURN hex::uuid;
END $$;
"""


def upgrade() -> None:
    op.execute(TYPEID_HELPERS)
    user_role = postgresql.ENUM("user", "admin", name="user_role", create_type=False)
    user_role.create(op.get_bind())
    op.create_table(
        "user",
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", user_role, nullable=False),
        sa.Column("session_version", sa.Integer(), server_default="1", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user")),
    )
    op.create_index("uq_user_email_lower", "user", [sa.text("lower(email)")], unique=True)
    op.create_table(
        "note",
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["user.id"], name=op.f("fk_note_owner_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note")),
    )
    op.create_index("ix_note_owner_id_created_at", "note", ["owner_id", sa.text("created_at DESC")])
    op.create_table(
        "email_delivery",
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("template", sa.String(length=100), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("context", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_delivery")),
    )
    op.create_index(
        "ix_email_delivery_pending",
        "email_delivery",
        ["created_at"],
        postgresql_where=sa.text("sent_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("email_delivery")
    op.drop_table("note")
    op.drop_table("user")
    sa.Enum(name="user_role").drop(op.get_bind())
    op.execute("DROP FUNCTION typeid_to_uuid(text)")
    op.execute("DROP FUNCTION uuid_to_typeid(text, uuid)")
