"""The account emails: fixed subjects (no user text in any header), the link in both parts."""

import pytest

from app.mail.render import render_email
from app.mail.send import send_email
from tests.mailpit import MailpitClient

LINK = "https://example.com/reset-password?token=abc.def"
SUBJECTS = {
    "verify_email": "Confirm your email address",
    "password_reset": "Reset your password",
    "account_exists": "You already have an account",
}


@pytest.mark.parametrize(("template", "subject"), SUBJECTS.items())
def test_account_email_arrives_with_its_link(
    mailpit: MailpitClient, template: str, subject: str
) -> None:
    context = {
        "name": "Eve\r\nBcc: x@example.com",
        "link": LINK,
        "valid_for": "1 hour",
        "base_url": "https://example.com",
    }
    send_email("ada@example.com", render_email(template, context), f"<{template}@fullstack-flake>")

    (message,) = mailpit.wait_for_messages(1)
    assert message["Subject"] == subject
    assert message["Bcc"] == []
    assert LINK in message["Text"]
    assert LINK.replace("&", "&amp;") in message["HTML"]
    assert "1 hour" in message["Text"]
