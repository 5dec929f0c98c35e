"""A worker killed in the middle of sending an email: the job survives and the email goes out once.

The job is acknowledged only after it finished (acks_late), so a worker that dies mid-job leaves it
unacknowledged in Redis; once the visibility timeout passes, the next worker to start takes it
again. The email's Message-ID is the outbox row's id, stable across such resends.
"""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import EmailDelivery
from tests.api_client import ApiClient
from tests.assertions import assert_status
from tests.mailpit import MailpitClient
from tests.reliability.broker import Broker
from tests.reliability.processes import VISIBILITY_TIMEOUT_SECONDS, WorkerFactory
from tests.reliability.smtp_proxy import HoldingSMTPProxy
from tests.reliability.waiting import wait_until

JOB_TIMEOUT = 30


async def test_a_worker_killed_mid_email_leaves_the_job_for_the_next_worker(
    *,
    signed_in: ApiClient,
    db: AsyncSession,
    mailpit: MailpitClient,
    broker: Broker,
    smtp_proxy: HoldingSMTPProxy,
    start_worker: WorkerFactory,
) -> None:
    assert_status(await signed_in.post("/api/notes", json={"title": "Crash course"}), 201)
    delivery = (await db.exec(select(EmailDelivery))).one()

    doomed = start_worker(smtp_url=smtp_proxy.url)
    wait_until(smtp_proxy.data_held.is_set, timeout=JOB_TIMEOUT, what="the worker sends the email")
    doomed.kill_group()

    assert mailpit.messages() == []
    assert broker.unacknowledged() == 1, "the killed worker's job must stay unacknowledged"
    smtp_proxy.release()
    wait_until(
        lambda: broker.oldest_unacknowledged_age() > VISIBILITY_TIMEOUT_SECONDS,
        timeout=JOB_TIMEOUT,
        what="the job's visibility timeout passed",
    )

    start_worker(smtp_url=smtp_proxy.url)
    wait_until(mailpit.messages, timeout=JOB_TIMEOUT, what="the next worker sends the email")
    wait_until(broker.idle, timeout=JOB_TIMEOUT, what="every job finished")
    (message,) = mailpit.messages()
    assert message["MessageID"] == f"{delivery.id}@fullstack-flake"
    await db.refresh(delivery)
    assert delivery.sent_at is not None
