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
