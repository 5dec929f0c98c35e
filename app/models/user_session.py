from datetime import datetime
from typing import Annotated

import sqlalchemy as sa
from sqlmodel import Field, SQLModel
from typeid import TypeID

from app.ids import TypeIDColumn, TypeIDPrefix, new_typeid
from app.models.base import utcnow
from app.models.user import UserId

UserSessionId = Annotated[TypeID, TypeIDPrefix("session")]


class UserSession(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
    of this table cannot be replayed as cookies. Deleting the row ends the session at once."""

    __tablename__ = "user_session"  # pyright: ignore[reportAssignmentType]

    id: UserSessionId = Field(
        default_factory=lambda: new_typeid("session"),
        primary_key=True,
        sa_type=TypeIDColumn("session"),  # pyright: ignore[reportArgumentType]
    )
    token_hash: bytes = Field(sa_type=sa.LargeBinary(32), unique=True)  # pyright: ignore[reportArgumentType]
    user_id: UserId = Field(
        sa_type=TypeIDColumn("user"),  # pyright: ignore[reportArgumentType]
        foreign_key="user.id",
        ondelete="CASCADE",
        index=True,
    )
    # While an admin acts as another user: that user. The admin stays `user_id`.
    impersonated_user_id: UserId | None = Field(
        default=None,
        sa_type=TypeIDColumn("user"),  # pyright: ignore[reportArgumentType]
        foreign_key="user.id",
        ondelete="CASCADE",
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))  # pyright: ignore[reportArgumentType]
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))  # pyright: ignore[reportArgumentType]
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True), index=True)  # pyright: ignore[reportArgumentType]
    ip_address: str = Field(default="", max_length=45)
    user_agent: str = Field(default="", max_length=300)
