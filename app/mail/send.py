"""Sending over SMTP with the standard library: one connection and one message per call.

SMTP_URL is `smtp://[user:password@]host[:port]` (STARTTLS when `?starttls=true`) or
`smtps://…` for TLS from the first byte.
"""

import smtplib
import ssl
from urllib.parse import parse_qsl, unquote, urlsplit

from app.mail.message import build_message
from app.mail.render import RenderedEmail
from app.settings import get_settings

TIMEOUT_SECONDS = 10
_TRUE = {"1", "true", "yes", "on"}


def send_email(to: str, email: RenderedEmail, message_id: str) -> None:
    """Sends synchronously (jobs are synchronous). The Message-ID is stable per delivery, so a
    receiving system can recognise a resend as the same message."""
    settings = get_settings()
    message = build_message(
        sender=settings.email_from, recipient=to, email=email, message_id=message_id
    )
    url = urlsplit(settings.smtp_url)
    options = dict(parse_qsl(url.query))
    host = url.hostname or "localhost"
    if url.scheme == "smtps":
        context = ssl.create_default_context()
        smtp = smtplib.SMTP_SSL(host, url.port or 465, timeout=TIMEOUT_SECONDS, context=context)
    else:
        smtp = smtplib.SMTP(host, url.port or 25, timeout=TIMEOUT_SECONDS)
    with smtp:
        if url.scheme == "smtp" and options.get("starttls", "").lower() in _TRUE:
            smtp.starttls(context=ssl.create_default_context())
        if url.username:
            smtp.login(unquote(url.username), unquote(url.password or ""))
        smtp.send_message(message)
