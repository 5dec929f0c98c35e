from datetime import datetime
from enum import StrEnum
from typing import Annotated

import sqlalchemy as sa
from sqlmodel import Field
from typeid import TypeID

from app.ids import TypeIDColumn, TypeIDPrefix, new_typeid
from app.models.base import TimestampedModel

UserId = Annotated[TypeID, TypeIDPrefix("user")]


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


class User(TimestampedModel, table=True):
    __table_args__ = (
        # Emails are unique regardless of case; the column keeps what the user typed.
        sa.Index("uq_user_email_lower", sa.func.lower(sa.column("email")), unique=True),
    )

    id: UserId = Field(
        default_factory=lambda: new_typeid("user"),
        primary_key=True,
        sa_type=TypeIDColumn("user"),  # pyright: ignore[reportArgumentType]
    )
    email: str = Field(max_length=320)
    name: str = Field(max_length=100)
    password_hash: str = Field(max_length=255)
    role: Role = Field(
        default=Role.USER,
        sa_type=sa.Enum(
            Role, name="user_role", values_callable=lambda roles: [r.value for r in roles]
        ),  # pyright: ignore[reportArgumentType]
    )
    # Set when the owner opened the verification link; until then only verifying mail goes there.
    email_verified_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))  # pyright: ignore[reportArgumentType]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN
