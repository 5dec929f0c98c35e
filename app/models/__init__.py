"""Every table, imported here so SQLModel.metadata is complete wherever models are used."""

from app.models.email_delivery import EmailDelivery, EmailDeliveryId
from app.models.note import Note, NoteId
from app.models.user import Role, User, UserId

__all__ = ["EmailDelivery", "EmailDeliveryId", "Note", "NoteId", "Role", "User", "UserId"]
