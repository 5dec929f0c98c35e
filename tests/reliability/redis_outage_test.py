"""Redis down while a note is created: the note is saved and its email is sent once Redis is back.

The email is written to the outbox in the note's transaction; enqueueing its job afterwards fails
fast while Redis is unreachable, and the relay (run by beat every minute) enqueues it later. The
worker lives through the outage and reconnects by itself.
"""

from datetime import timedelta

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.jobs.celery_app import RELAY_INTERVAL_SECONDS
from app.jobs.email import relay_pending_emails
from app.models import EmailDelivery, Note, User
from tests.assertions import assert_status
from tests.factories import DEFAULT_PASSWORD
from tests.mailpit import MailpitClient
from tests.reliability.broker import Broker
from tests.reliability.processes import ApiServer, WorkerFactory
from tests.reliability.waiting import wait_until
from tests.services import RedisServer

# Far longer than failing to connect takes, even on a loaded machine (a `nix flake check` builder),
# far shorter than a hang.
REQUEST_TIMEOUT_SECONDS = 20
JOB_TIMEOUT = 30


async def test_a_note_created_while_redis_is_down_is_emailed_once_it_is_back(
    *,
    api_server: ApiServer,
    user: User,
    db: AsyncSession,
    redis_server: RedisServer,
    broker: Broker,
    mailpit: MailpitClient,
    start_worker: WorkerFactory,
) -> None:
    client = api_server.client(timeout=REQUEST_TIMEOUT_SECONDS)
    credentials = {"email": user.email, "password": DEFAULT_PASSWORD}
    assert_status(client.post("/api/auth/sign-in", json=credentials), 200)
    start_worker()

    redis_server.stop()
    try:
        # A hanging enqueue would run into the client's timeout and fail the drill.
        response = client.post("/api/notes", json={"title": "Written in the dark"})
    finally:
        redis_server.start()
    note = assert_status(response, 201)
    assert str((await db.exec(select(Note))).one().id) == note["id"]
    delivery = (await db.exec(select(EmailDelivery))).one()
    assert delivery.sent_at is None
    assert broker.queued() == 0, "nothing reached Redis: the outbox row is the only record"

    # The relay leaves rows younger than one interval to the request that wrote them; this one has
    # waited long enough.
    delivery.created_at -= timedelta(seconds=RELAY_INTERVAL_SECONDS)
    await db.commit()
    assert relay_pending_emails() == 1
    wait_until(mailpit.messages, timeout=JOB_TIMEOUT, what="the relayed email is sent")
    wait_until(broker.idle, timeout=JOB_TIMEOUT, what="every job finished")
    assert relay_pending_emails() == 0

    (message,) = mailpit.messages()
    assert message["MessageID"] == f"{delivery.id}@fullstack-flake"
    assert message["Subject"] == "Note created: Written in the dark"
