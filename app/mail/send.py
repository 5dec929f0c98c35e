import asyncio

from mailers import Email, Mailer

from app.mail.render import RenderedEmail
from app.settings import get_settings


def send_email(to: str, email: RenderedEmail, message_id: str) -> None:
    """Sends synchronously (jobs are synchronous). The Message-ID is stable per delivery, so a
    receiving system can recognise a resend as the same message."""
    settings = get_settings()
    message = Email(
        to=to,
        subject=email.subject,
        html=email.html,
        text=email.text,
        from_address=settings.email_from,
        message_id=message_id,
    )
    asyncio.run(Mailer(settings.smtp_url).send(message))
