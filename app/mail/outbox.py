"""Writing emails to the outbox: which address may receive what, and how often.

Until its owner opened the verification link, an address receives only the account emails whose
link proves it is theirs (verification, password reset, "you already have an account"); nothing
else is written for it. Every email counts against quotas per user and per recipient, and the
account emails against a tighter one, so nobody can make the app flood an address. What is over a
quota is not written, and logged.
"""

from typing import Any

import structlog
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import EmailDelivery, User
from app.security.rate_limit import (
    ACCOUNT_EMAILS_PER_RECIPIENT,
    EMAILS_PER_RECIPIENT,
    EMAILS_PER_USER,
    within_quota,
)
from app.security.tokens import Purpose, describe_validity, make_token
from app.settings import get_settings

log = structlog.get_logger(__name__)

ACCOUNT_TEMPLATES = frozenset({"verify_email", "password_reset", "account_exists"})


def _base_url() -> str:
    return get_settings().base_url.rstrip("/")


async def queue_email(
    db: AsyncSession, user: User, template: str, context: dict[str, Any]
) -> EmailDelivery | None:
    """Adds the email to the session (the caller commits), or returns None if it may not go."""
    account_email = template in ACCOUNT_TEMPLATES
    if not account_email and not user.email_verified:
        log.info("email not sent: address not verified", template=template, user_id=str(user.id))
        return None
    quotas = [
        (EMAILS_PER_USER, "email-user", str(user.id)),
        (EMAILS_PER_RECIPIENT, "email-recipient", user.email),
    ]
    if account_email:
        quotas.append((ACCOUNT_EMAILS_PER_RECIPIENT, "account-email-recipient", user.email))
    for quota, namespace, key in quotas:
        if not await within_quota(quota, namespace, key):
            log.warning(
                "email not sent: over quota",
                template=template,
                quota=namespace,
                user_id=str(user.id),
            )
            return None
    delivery = EmailDelivery(
        template=template,
        recipient=user.email,
        context={"name": user.name, "base_url": _base_url(), **context},
    )
    db.add(delivery)
    return delivery


async def queue_verification_email(db: AsyncSession, user: User) -> EmailDelivery | None:
    token = make_token(user, Purpose.VERIFY_EMAIL)
    return await queue_email(
        db,
        user,
        "verify_email",
        {
            "link": f"{_base_url()}/verify-email?token={token}",
            "valid_for": describe_validity(Purpose.VERIFY_EMAIL),
        },
    )


async def queue_password_email(
    db: AsyncSession, user: User, template: str = "password_reset"
) -> EmailDelivery | None:
    """A link to choose a new password: asked for (password_reset), or offered to the owner of an
    address someone tried to sign up with again (account_exists)."""
    token = make_token(user, Purpose.RESET_PASSWORD)
    return await queue_email(
        db,
        user,
        template,
        {
            "link": f"{_base_url()}/reset-password?token={token}",
            "valid_for": describe_validity(Purpose.RESET_PASSWORD),
        },
    )


def note_url(note_id: str) -> str:
    """The note's page in the web app, for links in emails."""
    return f"{_base_url()}/notes/{note_id}"


async def queue_note_created_email(
    db: AsyncSession, user: User, note_id: str, title: str
) -> EmailDelivery | None:
    return await queue_email(
        db, user, "note_created", {"title": title, "note_url": note_url(note_id)}
    )
