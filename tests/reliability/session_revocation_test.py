"""Drill: a password changed through one API process ends the other sessions everywhere.

Each process may reuse a session check for reads during SESSION_CHECK_CACHE_SECONDS
(app/session_cache.py) and is not told when another process ends a session. So another process
refuses the old session's writes at once, and its reads once that bound has passed.
"""

import time

import httpx
import pytest

from app.db import sync_session
from app.settings import get_settings
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.reliability.processes import ApiServer

NEW_PASSWORD = "a brand new password"


def _signed_in(server: ApiServer, email: str) -> httpx.Client:
    client = server.client()
    credentials = {"email": email, "password": DEFAULT_PASSWORD}
    client.post("/api/auth/sign-in", json=credentials).raise_for_status()
    return client


@pytest.mark.usefixtures("db_connection")  # empties the tables afterwards
def test_a_password_change_ends_the_other_sessions_on_every_process(
    api_server: ApiServer, other_api_server: ApiServer
) -> None:
    user = UserFactory.build()
    with sync_session() as db:
        db.add(user)
        db.commit()
    laptop = _signed_in(api_server, user.email)
    phone, tablet = (_signed_in(other_api_server, user.email) for _ in range(2))
    for client in (phone, tablet):
        assert client.get("/api/notes").status_code == 200  # checks the other process reuses

    change = {"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD}
    assert laptop.post("/api/me/password", json=change).status_code == 204

    assert tablet.post("/api/notes", json={"title": "x"}).status_code == 401
    time.sleep(get_settings().session_check_cache_seconds)
    assert phone.get("/api/notes").status_code == 401
    assert laptop.get("/api/notes").status_code == 200
