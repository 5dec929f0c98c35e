from typing import Annotated

import sqlalchemy as sa
from sqlmodel import Field
from typeid import TypeID

from app.ids import TypeIDColumn, TypeIDPrefix, new_typeid
from app.models.base import TimestampedModel
from app.models.user import UserId

NoteId = Annotated[TypeID, TypeIDPrefix("note")]


class Note(TimestampedModel, table=True):
    __table_args__ = (
        # The notes list's keyset pages, read in index order: see app/api/pagination.py.
        sa.Index(
            "ix_note_owner_id_created_at_id",
            "owner_id",
            sa.text("created_at DESC"),
            sa.text("id DESC"),
        ),
    )

    id: NoteId = Field(
        default_factory=lambda: new_typeid("note"),
        primary_key=True,
        sa_type=TypeIDColumn("note"),  # pyright: ignore[reportArgumentType]
    )
    owner_id: UserId = Field(
        sa_type=TypeIDColumn("user"),  # pyright: ignore[reportArgumentType]
        foreign_key="user.id",
        ondelete="CASCADE",
    )
    title: str = Field(max_length=200)
    body: str = Field(default="", sa_type=sa.Text)  # pyright: ignore[reportArgumentType]
