import asyncio
import sys

import httpx
import redis
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import User
from app.security.rate_limit import KEY_PREFIX
from app.settings import Settings
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import DEFAULT_PASSWORD, UserFactory

SIGN_UP = {"email": "new.person@example.com", "password": "a long password", "name": "New Person"}


async def test_sign_up_rejects_invalid_input_per_field(client: ApiClient) -> None:
    response = await client.post(
        "/api/auth/sign-up", json={"email": "not-an-email", "password": "short", "name": " "}
    )
    assert_field_errors(response, "email", "password", "name")


async def test_validation_messages_are_written_for_people(client: ApiClient) -> None:
    response = await client.post(
        "/api/auth/sign-up", json={"email": "not-an-email", "password": "short", "name": " "}
    )
    error = assert_error(response, 422, "validation_error")
    assert {f["field"]: f["message"] for f in error["fields"]} == {
        "email": "An email address must have an @-sign.",
        "password": "Must be at least 12 characters",
        "name": "Must not be empty",
    }


async def test_sign_up_rejects_unknown_fields(client: ApiClient) -> None:
    response = await client.post("/api/auth/sign-up", json={**SIGN_UP, "role": "admin"})
    assert_field_errors(response, "role")


async def test_sign_up_rejects_malformed_json(client: ApiClient) -> None:
    response = await client.post(
        "/api/auth/sign-up", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert_error(response, 422, "validation_error")


async def test_sign_in_with_any_email_case(client: ApiClient, user: User) -> None:
    body = assert_status(
        await client.post(
            "/api/auth/sign-in", json={"email": user.email.upper(), "password": DEFAULT_PASSWORD}
        ),
        200,
    )
    assert body["user"]["id"] == str(user.id)


async def test_sign_in_rejects_a_wrong_password(client: ApiClient, user: User) -> None:
    response = await client.post(
        "/api/auth/sign-in", json={"email": user.email, "password": "wrong password"}
    )
    assert_error(response, 401, "invalid_credentials")
    assert_error(await client.get("/api/me"), 401, "unauthenticated")


async def test_sign_in_rejects_an_unknown_email_the_same_way(client: ApiClient) -> None:
    response = await client.post(
        "/api/auth/sign-in", json={"email": "nobody@example.com", "password": "whatever1"}
    )
    assert_error(response, 401, "invalid_credentials")


async def _sign_in(client: ApiClient, email: str, password: str, **headers: str) -> httpx.Response:
    return await client.post(
        "/api/auth/sign-in", json={"email": email, "password": password}, headers=headers
    )


async def test_failed_sign_ins_slow_down_progressively_without_locking_out(
    client: ApiClient, user: User, settings: Settings
) -> None:
    for _ in range(5):
        assert_error(
            await _sign_in(client, user.email, "wrong password"), 401, "invalid_credentials"
        )
    # The next attempt, even with the right password, waits for the delay (1 s, then 2 s, 4 s …).
    response = await _sign_in(client, user.email, DEFAULT_PASSWORD)
    assert_error(response, 429, "rate_limited")
    assert response.headers["retry-after"] == "1"

    _let_the_delays_pass(settings)
    assert_error(await _sign_in(client, user.email, "wrong again"), 401, "invalid_credentials")
    assert (await _sign_in(client, user.email, DEFAULT_PASSWORD)).headers["retry-after"] == "2"

    _let_the_delays_pass(settings)
    assert_status(await _sign_in(client, user.email, DEFAULT_PASSWORD), 200)


async def test_an_attacker_elsewhere_does_not_lock_the_owner_out(
    client_factory: ClientFactory, user: User
) -> None:
    attacker = await client_factory()
    for _ in range(5):
        await _sign_in(attacker, user.email, "wrong password", **{"x-forwarded-for": "6.6.6.6"})
    assert_error(await _sign_in(attacker, user.email, "guess"), 429, "rate_limited")

    # The owner comes through a different client address.
    owner = await client_factory("198.51.100.7")
    assert_status(await _sign_in(owner, user.email, DEFAULT_PASSWORD), 200)


async def test_clients_behind_a_trusted_proxy_are_told_apart(
    client_factory: ClientFactory, db: AsyncSession
) -> None:
    users = await UserFactory.create_batch_async(31)
    proxy = await client_factory("127.0.0.1")
    spray = {"x-forwarded-for": "192.0.2.66"}
    for target in users[:30]:
        await _sign_in(proxy, target.email, "Winter2026!", **spray)
    assert_error(
        await _sign_in(proxy, users[30].email, "Winter2026!", **spray), 429, "rate_limited"
    )

    # Another client through the same proxy signs in, and its address is the one recorded.
    response = await _sign_in(
        proxy, users[30].email, DEFAULT_PASSWORD, **{"x-forwarded-for": "192.0.2.10"}
    )
    assert_status(response, 200)
    (session,) = assert_status(await proxy.get("/api/me/sessions"), 200)
    assert session["ip_address"] == "192.0.2.10"


async def test_an_untrusted_client_cannot_pick_its_address(client: ApiClient, user: User) -> None:
    for number in range(5):
        spoofed = {"x-forwarded-for": f"192.0.2.{number}"}
        await _sign_in(client, user.email, "wrong password", **spoofed)
    response = await _sign_in(client, user.email, "wrong", **{"x-forwarded-for": "192.0.2.99"})
    assert_error(response, 429, "rate_limited")


async def test_app_clear_rate_limits_ends_a_delay_and_nothing_else(
    client: ApiClient, user: User, settings: Settings
) -> None:
    for _ in range(5):
        await client.post("/api/auth/sign-in", json={"email": user.email, "password": "wrong"})
    with redis.Redis.from_url(settings.redis_url) as other_data:
        other_data.set("not-a-rate-limit", "kept")
        # The command reads the same environment as the app under test.
        command = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app", "clear-rate-limits", stdout=asyncio.subprocess.PIPE
        )
        output, _ = await command.communicate()
        assert command.returncode == 0
        assert other_data.get("not-a-rate-limit") == b"kept"
    assert "Cleared 2 throttle counter(s)" in output.decode()
    response = await client.post(
        "/api/auth/sign-in", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert_status(response, 200)


async def test_wrong_current_passwords_are_throttled(signed_in: ApiClient) -> None:
    change = {"current_password": "not my password", "new_password": "a brand new password"}
    for _ in range(5):
        assert_error(await signed_in.post("/api/me/password", json=change), 400, "wrong_password")
    right = {**change, "current_password": DEFAULT_PASSWORD}
    assert_error(await signed_in.post("/api/me/password", json=right), 429, "rate_limited")


def _let_the_delays_pass(settings: Settings) -> None:
    with redis.Redis.from_url(settings.redis_url) as client:
        for key in client.scan_iter(f"{KEY_PREFIX}:attempts:*"):
            client.hset(key, "next_at", "0")


async def test_sign_out_ends_the_session(signed_in: ApiClient) -> None:
    assert_status(await signed_in.post("/api/auth/sign-out"), 204)
    assert_error(await signed_in.get("/api/me"), 401, "unauthenticated")
    assert assert_status(await signed_in.get("/api/auth/session"), 200) is None


async def test_the_current_session_is_null_for_visitors(client: ApiClient) -> None:
    response = await client.get("/api/auth/session")
    assert assert_status(response, 200) is None
    assert response.content == b"null"


async def test_the_current_session_names_the_user(signed_in: ApiClient, user: User) -> None:
    body = assert_status(await signed_in.get("/api/auth/session"), 200)
    assert body["user"]["id"] == str(user.id)
    assert body["impersonator"] is None


async def test_session_cookie_is_httponly_secure_and_samesite(
    client: ApiClient, user: User
) -> None:
    response = await client.sign_in(user.email, DEFAULT_PASSWORD)
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("__Host-session=")
    )
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax"} <= attributes
