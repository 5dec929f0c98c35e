"""Every table, imported here so SQLModel.metadata is complete wherever models are used."""

from app.models.email_delivery import EmailDelivery, EmailDeliveryId
from app.models.note import Note, NoteId
from app.models.user import Role, User, UserId
from app.models.user_session import UserSession, UserSessionId

__all__ = [
    "EmailDelivery",
    "EmailDeliveryId",
    "Note",
    "NoteId",
    "Role",
    "User",
    "UserId",
    "UserSession",
    "UserSessionId",
]
