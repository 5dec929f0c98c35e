from app.mail.render import render_email
from app.mail.send import send_email
from tests.mailpit import MailpitClient

CONTEXT = {
    "name": "Ada",
    "title": "Fish & <chips>",
    "note_url": "https://example.com/notes/note_01h455vb4pex5vsknk084sn02q",
    "base_url": "https://example.com",
}


def test_render_inlines_css_and_escapes_html() -> None:
    email = render_email("note_created", CONTEXT)
    assert email.subject == "Note created: Fish & <chips>"
    assert "Fish &amp; &lt;chips&gt;" in email.html
    assert "<style>" not in email.html
    assert 'style="' in email.html
    assert 'your note "Fish & <chips>" was saved.' in email.text


def test_email_arrives_with_both_parts(mailpit: MailpitClient) -> None:
    send_email("ada@example.com", render_email("note_created", CONTEXT), "<test-1@fullstack-flake>")
    (message,) = mailpit.wait_for_messages(1)
    assert [to["Address"] for to in message["To"]] == ["ada@example.com"]
    assert message["From"]["Address"] == "noreply@localhost"
    assert message["Subject"] == "Note created: Fish & <chips>"
    assert message["MessageID"] == "test-1@fullstack-flake"
    assert CONTEXT["note_url"] in message["HTML"]
    assert "Fish &amp; &lt;chips&gt;" in message["HTML"]
    assert 'your note "Fish & <chips>" was saved.' in message["Text"]
    assert CONTEXT["note_url"] in message["Text"]
