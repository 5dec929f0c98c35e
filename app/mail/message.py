"""Building one email message from its parts, with nothing shared between messages.

Every header value passes through `header_text`, which no user text can turn into a line break:
control characters become spaces and `=?` (the start of an RFC 2047 encoded word, which the
standard library decodes into raw CR LF on runtimes without the CVE-2024-6923 fix) is broken up.
After serializing, the message is parsed again and must have exactly the headers it was given;
anything else is refused before a byte reaches the SMTP server.
"""

import re
import unicodedata
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import formatdate

from app.mail.render import RenderedEmail

MAX_SUBJECT_LENGTH = 150
_ENCODED_WORD_START = re.compile(r"=\?")
_SPACES = re.compile(r"\s+")


class UnsafeMessageError(ValueError):
    """The serialized message does not say what it was built with; it must never be sent."""


def header_text(value: str, max_length: int = MAX_SUBJECT_LENGTH) -> str:
    """One line of plain text, safe as a header value whatever the runtime."""
    printable = "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} else char for char in value
    )
    single_line = _SPACES.sub(" ", _ENCODED_WORD_START.sub("= ?", printable)).strip()
    if len(single_line) > max_length:
        return single_line[: max_length - 1].rstrip() + "…"
    return single_line


def build_message(
    *, sender: str, recipient: str, email: RenderedEmail, message_id: str
) -> EmailMessage:
    headers = {
        "From": header_text(sender, 320),
        "To": header_text(recipient, 320),
        "Subject": header_text(email.subject),
        "Message-ID": header_text(message_id, 320),
        "Date": formatdate(usegmt=True),
    }
    message = EmailMessage(policy=policy.SMTP)
    for name, value in headers.items():
        message[name] = value
    message.set_content(email.text)
    message.add_alternative(email.html, subtype="html")
    _check_round_trip(message, headers)
    return message


def _check_round_trip(message: EmailMessage, headers: dict[str, str]) -> None:
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    expected = {name.lower() for name in [*headers, "MIME-Version", "Content-Type"]}
    received = {name.lower() for name in parsed}
    if received != expected or len(parsed.keys()) != len(expected):
        raise UnsafeMessageError(f"unexpected headers in the serialized message: {parsed.keys()}")
    if str(parsed["Subject"]) != headers["Subject"]:
        raise UnsafeMessageError("the subject changed when serialized")
