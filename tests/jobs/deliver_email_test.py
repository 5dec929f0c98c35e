"""The note-created email, sent by a real Celery worker against the test Redis and Mailpit."""

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.email import deliver_email, relay_pending_emails
from app.models import EmailDelivery
from tests.api_client import ApiClient
from tests.assertions import assert_status
from tests.mailpit import MailpitClient


@pytest.mark.usefixtures("worker")
async def test_creating_a_note_emails_the_owner(
    signed_in: ApiClient, mailpit: MailpitClient
) -> None:
    me = assert_status(await signed_in.get("/api/me"), 200)["user"]
    note = assert_status(await signed_in.post("/api/notes", json={"title": "Launch plan"}), 201)

    (message,) = mailpit.wait_for_messages(1)
    assert [to["Address"] for to in message["To"]] == [me["email"]]
    assert message["Subject"] == "Note created: Launch plan"
    assert f"/notes/{note['id']}" in message["Text"]


async def _only_delivery(db: AsyncSession) -> EmailDelivery:
    db.expunge_all()
    return (await db.exec(select(EmailDelivery))).one()


async def _recorded_delivery(db: AsyncSession) -> EmailDelivery:
    """The delivery once the worker has recorded it as sent, which it does only after the SMTP
    exchange that already shows the message in Mailpit (or as it is after about 10 s)."""
    delivery = await _only_delivery(db)
    for _ in range(200):
        if delivery.sent_at is not None:
            break
        await asyncio.sleep(0.05)
        delivery = await _only_delivery(db)
    return delivery


@pytest.mark.usefixtures("worker")
async def test_the_job_sends_once_even_when_it_runs_twice(
    signed_in: ApiClient, mailpit: MailpitClient, db: AsyncSession
) -> None:
    assert_status(await signed_in.post("/api/notes", json={"title": "Twice"}), 201)
    mailpit.wait_for_messages(1)
    delivery = await _recorded_delivery(db)
    assert delivery.sent_at is not None

    assert (
        deliver_email.apply_async((str(delivery.id),), ignore_result=False).get(timeout=10) is False
    )
    assert len(mailpit.wait_for_messages(2, timeout=1)) == 1


@pytest.mark.usefixtures("worker")
async def test_relay_sends_what_was_never_enqueued(
    signed_in: ApiClient, mailpit: MailpitClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulate Redis being unreachable at commit time: the row is written, nothing is enqueued.
    async def enqueue_nothing(ids: list) -> None:
        return None

    monkeypatch.setattr("app.api.notes.enqueue_deliveries", enqueue_nothing)
    assert_status(await signed_in.post("/api/notes", json={"title": "Outbox"}), 201)
    delivery = await _only_delivery(db)
    delivery.created_at -= timedelta(minutes=5)
    db.add(delivery)
    await db.commit()
    assert mailpit.messages() == []

    assert relay_pending_emails.apply_async(ignore_result=False).get(timeout=10) == 1
    (message,) = mailpit.wait_for_messages(1)
    assert message["Subject"] == "Note created: Outbox"
    assert (await _recorded_delivery(db)).sent_at is not None


@pytest.mark.usefixtures("worker")
async def test_a_title_shaped_like_an_encoded_word_cannot_forge_the_email(
    signed_in: ApiClient, mailpit: MailpitClient
) -> None:
    title = "=?utf-8?q?Hi=0D=0AReply-To:_x@evil.example=0D=0A=0D=0Afake body?="
    me = assert_status(await signed_in.get("/api/me"), 200)["user"]
    note = assert_status(await signed_in.post("/api/notes", json={"title": title}), 201)

    (message,) = mailpit.wait_for_messages(1)
    headers = mailpit.headers(message["ID"])
    assert sorted(headers) == [
        "Content-Type", "Date", "From", "Message-Id", "Mime-Version", "Received", "Return-Path",
        "Subject", "To",
    ]  # fmt: skip
    assert headers["To"] == [me["email"]]
    assert headers["Subject"] == [
        "Note created: = ?utf-8?q?Hi=0D=0AReply-To:_x@evil.example=0D=0A=0D=0Afake body?="
    ]
    assert message["Text"].replace("\r\n", "\n") == (
        f'Hi {me["name"]},\n\nyour note "{title}" was saved.\n\n'
        f"Open it: https://testserver/notes/{note['id']}\n\n"
        "You receive this email because you have an account at https://testserver.\n"
    )


@pytest.mark.usefixtures("worker")
async def test_a_refused_recipient_marks_the_row_failed_and_good_rows_still_go(
    db: AsyncSession, mailpit: MailpitClient
) -> None:
    context = {"name": "Ada", "title": "T", "note_url": "https://x/n", "base_url": "https://x"}
    bad = EmailDelivery(template="note_created", recipient="not an address", context=context)
    good = EmailDelivery(template="note_created", recipient="ada@example.com", context=context)
    db.add_all([bad, good])
    await db.commit()

    assert deliver_email.apply_async((str(bad.id),), ignore_result=False).get(timeout=10) is False
    failed = (await db.exec(select(EmailDelivery).where(EmailDelivery.id == bad.id))).one()
    await db.refresh(failed)
    assert failed.attempts == 1
    assert failed.failed_at is not None
    assert failed.sent_at is None
    assert failed.last_error is not None
    assert "553" in failed.last_error

    # Neither the job nor the relay tries it again; the good row is relayed and sent.
    assert deliver_email.apply_async((str(bad.id),), ignore_result=False).get(timeout=10) is False
    for row in (failed, good):
        row.created_at -= timedelta(minutes=5)
        db.add(row)
    await db.commit()
    assert relay_pending_emails.apply_async(ignore_result=False).get(timeout=10) == 1
    (message,) = mailpit.wait_for_messages(1)
    assert [to["Address"] for to in message["To"]] == ["ada@example.com"]
    await db.refresh(failed)
    assert failed.attempts == 1
