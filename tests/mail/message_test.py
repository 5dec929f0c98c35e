"""Messages as Mailpit receives them: no user text can add a header or replace the body, and
messages built at the same time never share recipients."""

from concurrent.futures import ThreadPoolExecutor

from app.mail.render import RenderedEmail, render_email
from app.mail.send import send_email
from tests.mailpit import MailpitClient

# A title that the email module decodes into CR LF on runtimes without the CVE-2024-6923 fix.
ENCODED_WORD_TITLE = "=?utf-8?q?Hi=0D=0AReply-To:_x@evil.example=0D=0A=0D=0Afake body?="
# What the app sets, and what Mailpit adds on receipt.
EXPECTED_HEADERS = {
    "Content-Type", "Date", "From", "Message-Id", "Mime-Version", "Subject", "To",
    "Received", "Return-Path",
}  # fmt: skip


def _context(title: str) -> dict[str, str]:
    return {
        "name": "Ada",
        "title": title,
        "note_url": "https://example.com/notes/note_01h455vb4pex5vsknk084sn02q",
        "base_url": "https://example.com",
    }


def test_an_encoded_word_in_a_title_adds_no_header(mailpit: MailpitClient) -> None:
    rendered = render_email("note_created", _context(ENCODED_WORD_TITLE))
    send_email("ada@example.com", rendered, "<injection@fullstack-flake>")

    (message,) = mailpit.wait_for_messages(1)
    headers = mailpit.headers(message["ID"])
    assert {name.title() for name in headers} == EXPECTED_HEADERS, headers
    assert message["ReplyTo"] == []
    assert message["Subject"] == (
        "Note created: = ?utf-8?q?Hi=0D=0AReply-To:_x@evil.example=0D=0A=0D=0Afake body?="
    )
    assert message["Text"].replace("\r\n", "\n").strip() == rendered.text.strip()


def test_control_characters_never_reach_a_header(mailpit: MailpitClient) -> None:
    rendered = RenderedEmail(
        subject="Hello\r\nBcc: victim@example.com\x00\x85there", html="<p>hi</p>", text="hi\n"
    )
    send_email("ada@example.com", rendered, "<controls@fullstack-flake>")

    (message,) = mailpit.wait_for_messages(1)
    assert {name.title() for name in mailpit.headers(message["ID"])} == EXPECTED_HEADERS
    assert message["Bcc"] == []
    assert message["Subject"] == "Hello Bcc: victim@example.com there"


def test_concurrent_sends_each_reach_their_own_recipient(mailpit: MailpitClient) -> None:
    count = 40

    def send(number: int) -> None:
        rendered = RenderedEmail(subject=f"Message {number}", html="<p>hi</p>", text="hi\n")
        send_email(f"user{number}@example.com", rendered, f"<concurrent-{number}@fullstack-flake>")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(send, range(count)))

    messages = mailpit.wait_for_messages(count)
    assert len(messages) == count
    for message in messages:
        number = message["Subject"].removeprefix("Message ")
        assert [to["Address"] for to in message["To"]] == [f"user{number}@example.com"]
        assert message["Cc"] == []
        assert message["Bcc"] == []
