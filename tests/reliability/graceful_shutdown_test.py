"""SIGTERM, as a deploy sends it: the API and the worker finish what they are doing, then exit."""

import signal
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import EmailDelivery, Note, User
from app.settings import Settings
from tests.api_client import ApiClient
from tests.assertions import assert_status
from tests.factories import DEFAULT_PASSWORD
from tests.mailpit import MailpitClient
from tests.reliability.broker import Broker
from tests.reliability.processes import ApiServer, WorkerFactory
from tests.reliability.smtp_proxy import HoldingSMTPProxy
from tests.reliability.waiting import wait_until

TIMEOUT = 30


def _insert_waits_for_lock(conninfo: str) -> bool:
    query = """
        SELECT count(*) FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO note %'
    """
    with psycopg.connect(conninfo) as connection:
        return connection.execute(query).fetchone() == (1,)


def _refuses_connections(url: str) -> bool:
    try:
        httpx.get(f"{url}/healthcheck", timeout=1)
    except httpx.ConnectError:
        return True
    return False


async def test_sigterm_lets_the_api_finish_a_request_in_flight(
    api_server: ApiServer, settings: Settings, db: AsyncSession, user: User
) -> None:
    conninfo = settings.database_url.replace("postgresql+psycopg://", "postgresql://", 1)
    client = api_server.client()
    credentials = {"email": user.email, "password": DEFAULT_PASSWORD}
    assert_status(client.post("/api/auth/sign-in", json=credentials), 200)

    with ThreadPoolExecutor(max_workers=1) as requests, psycopg.connect(conninfo) as lock:
        # Holding this lock keeps the note's INSERT, and so the request, waiting in PostgreSQL.
        lock.execute("LOCK TABLE note IN SHARE MODE")
        in_flight = requests.submit(client.post, "/api/notes", json={"title": "In flight"})
        wait_until(
            lambda: _insert_waits_for_lock(conninfo), timeout=TIMEOUT, what="the request waits"
        )
        api_server.send_signal(signal.SIGTERM)
        wait_until(
            lambda: _refuses_connections(api_server.url),
            timeout=TIMEOUT,
            what="the API stops accepting connections",
        )
        lock.commit()
        note = assert_status(in_flight.result(TIMEOUT), 201)

    # Having shut down, uvicorn re-raises the signal, so the exit status says what stopped it.
    assert api_server.wait() == -signal.SIGTERM
    assert "Finished server process" in api_server.log_text()
    saved = (await db.exec(select(Note))).one()
    assert str(saved.id) == note["id"]


async def test_sigterm_lets_the_worker_finish_its_job(
    *,
    signed_in: ApiClient,
    db: AsyncSession,
    mailpit: MailpitClient,
    broker: Broker,
    smtp_proxy: HoldingSMTPProxy,
    start_worker: WorkerFactory,
) -> None:
    assert_status(await signed_in.post("/api/notes", json={"title": "Last orders"}), 201)
    worker = start_worker(smtp_url=smtp_proxy.url)
    wait_until(smtp_proxy.data_held.is_set, timeout=TIMEOUT, what="the worker sends the email")

    worker.send_signal(signal.SIGTERM)
    wait_until(lambda: "Warm shutdown" in worker.log_text(), timeout=TIMEOUT, what="shutdown began")
    smtp_proxy.release()

    assert worker.wait() == 0
    assert broker.idle(), "the job was acknowledged before the worker exited"
    (message,) = mailpit.messages()
    delivery = (await db.exec(select(EmailDelivery))).one()
    assert message["MessageID"] == f"{delivery.id}@fullstack-flake"
    assert delivery.sent_at is not None
