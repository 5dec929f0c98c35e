"""Guesses sent all at once are counted before any is checked, each on its own connection.

The throttle's clock is stopped: on a busy machine the guesses could otherwise outlast the 1 s
delay that follows the free failures, and a late one would rightly be evaluated."""

import asyncio

import pytest

from app.models import User
from tests.api_client import ApiClient
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.usefixtures("stopped_throttle_clock")


async def test_concurrent_wrong_sign_ins_get_only_the_free_attempts(
    client: ApiClient, user: User
) -> None:
    answers = await asyncio.gather(
        *(
            client.post(
                "/api/auth/sign-in", json={"email": user.email, "password": f"wrong {number}"}
            )
            for number in range(40)
        )
    )
    assert sorted(answer.status_code for answer in answers) == [401] * 5 + [429] * 35


async def test_concurrent_wrong_current_passwords_get_only_the_free_attempts(
    client: ApiClient, user: User
) -> None:
    await client.sign_in(user.email, DEFAULT_PASSWORD)
    change = {"current_password": "not my password", "new_password": "a brand new password"}
    answers = await asyncio.gather(
        *(client.post("/api/me/password", json=change) for _ in range(20))
    )
    assert sorted(answer.status_code for answer in answers) == [400] * 5 + [429] * 15
