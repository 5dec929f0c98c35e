"""Drill: a burst of sign-ins leaves other users' requests fast.

Each sign-in costs an argon2 hash (about 150 ms of CPU). Hashed on the event loop while holding a
database connection, 8 sign-ins a second pushed another user's notes list from 4 ms to 893 ms
(median) and 200 at once ended in 503s. Hashed in a thread pool bounded to the CPU count, with the
connection given back meanwhile, the notes list must stay within LATENCY_BOUND_MS while 40
sign-ins from 40 clients arrive at once. This is a drill on a real `app serve`, not a benchmark:
the bound is generous, and only a blocked event loop or starved pool exceeds it.
"""

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.db import sync_session
from app.models import User
from app.security.passwords import password_hasher
from app.settings import PasswordHashCost
from tests.factories import DEFAULT_PASSWORD, NoteFactory, UserFactory
from tests.reliability.processes import ApiServer

BURST = 40
# Half what one blocked event loop measured here (1.2 s): room for a loaded Nix builder.
LATENCY_BOUND_MS = 600


def _timed_get(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    client.get(path).raise_for_status()
    return (time.perf_counter() - started) * 1000


def _persisted_user_with_notes() -> User:
    # Hashed at the production cost, which every sign-in's verification then pays.
    password_hash = password_hasher(PasswordHashCost.STANDARD).hash(DEFAULT_PASSWORD)
    user = UserFactory.build(password_hash=password_hash)
    with sync_session() as db:
        db.add(user)
        db.flush()
        db.add_all(NoteFactory.build(owner_id=user.id) for _ in range(20))
        db.commit()
    return user


@pytest.mark.usefixtures("db_connection")  # empties the tables afterwards
def test_a_burst_of_sign_ins_leaves_other_requests_fast(
    standard_cost_api_server: ApiServer,
) -> None:
    reader_account, signing_in = _persisted_user_with_notes(), _persisted_user_with_notes()
    reader = standard_cost_api_server.client()
    reader.post(
        "/api/auth/sign-in", json={"email": reader_account.email, "password": DEFAULT_PASSWORD}
    ).raise_for_status()
    baseline = [_timed_get(reader, "/api/notes") for _ in range(20)]

    # Every sign-in from a client of its own, behind the trusted proxy that names it.
    clients = [standard_cost_api_server.client(timeout=60) for _ in range(BURST)]
    credentials = {"email": signing_in.email, "password": DEFAULT_PASSWORD}

    def sign_in(number: int) -> int:
        headers = {"x-forwarded-for": f"198.51.100.{number + 1}"}
        return (
            clients[number].post("/api/auth/sign-in", json=credentials, headers=headers).status_code
        )

    during: list[float] = []
    with ThreadPoolExecutor(max_workers=BURST) as pool:
        answers = [pool.submit(sign_in, number) for number in range(BURST)]
        while not all(answer.done() for answer in answers):
            during.append(_timed_get(reader, "/api/notes"))
    statuses = [answer.result() for answer in answers]

    assert len(during) >= 5, "the burst ended before the notes list was measured"
    median = statistics.median(during)
    report = (
        f"notes list median {statistics.median(baseline):.0f} ms before, {median:.0f} ms during "
        f"{BURST} sign-ins ({len(during)} requests, max {max(during):.0f} ms); "
        f"sign-in statuses {sorted(set(statuses))}, {statuses.count(200)} of {BURST} signed in"
    )
    print(report)
    assert statuses == [200] * BURST, report
    assert median < LATENCY_BOUND_MS, report
