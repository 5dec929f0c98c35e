from datetime import datetime
from typing import Annotated, Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field
from typeid import TypeID

from app.ids import TypeIDColumn, TypeIDPrefix, new_typeid
from app.models.base import TimestampedModel

EmailDeliveryId = Annotated[TypeID, TypeIDPrefix("email")]


class EmailDelivery(TimestampedModel, table=True):
    """A transactional outbox row: an email that must be sent exactly once.

    It is written in the same transaction as the change that causes it, so the email cannot be
    lost when Redis is down at that moment; the job marks it sent under a row lock, so a job that
    runs twice sends it once.
    """

    __tablename__ = "email_delivery"  # pyright: ignore[reportAssignmentType]
    __table_args__ = (
        sa.Index(
            "ix_email_delivery_pending",
            "created_at",
            postgresql_where=sa.text("sent_at IS NULL AND failed_at IS NULL"),
        ),
    )

    id: EmailDeliveryId = Field(
        default_factory=lambda: new_typeid("email"),
        primary_key=True,
        sa_type=TypeIDColumn("email"),  # pyright: ignore[reportArgumentType]
    )
    template: str = Field(max_length=100)
    recipient: str = Field(max_length=320)
    context: dict[str, Any] = Field(default_factory=dict, sa_type=JSONB)  # pyright: ignore[reportArgumentType]
    sent_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))  # pyright: ignore[reportArgumentType]
    # Send attempts so far, and when and why the row was given up: a permanent SMTP refusal, an
    # unsendable message, or every retry spent. Failed rows are never relayed again.
    attempts: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    failed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))  # pyright: ignore[reportArgumentType]
    last_error: str | None = Field(default=None, sa_type=sa.Text)  # pyright: ignore[reportArgumentType]
