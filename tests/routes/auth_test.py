import asyncio
import sys

import redis

from app.models import User
from app.settings import Settings
from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import DEFAULT_PASSWORD, UserFactory

SIGN_UP = {"email": "new.person@example.com", "password": "a long password", "name": "New Person"}


async def test_sign_up_signs_in(client: ApiClient) -> None:
    body = assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 201)
    assert body["user"]["email"] == SIGN_UP["email"]
    assert body["user"]["id"].startswith("user_")
    assert body["user"]["role"] == "user"
    assert body["impersonator"] is None
    me = assert_status(await client.get("/api/me"), 200)
    assert me["user"]["id"] == body["user"]["id"]


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
        "password": "Must be at least 8 characters",
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


async def test_sign_up_rejects_an_email_taken_in_another_case(
    client: ApiClient, user: User
) -> None:
    response = await client.post("/api/auth/sign-up", json={**SIGN_UP, "email": user.email.upper()})
    assert_error(response, 409, "email_taken")


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


async def test_failed_sign_ins_are_rate_limited_per_email(client: ApiClient, user: User) -> None:
    for _ in range(5):
        response = await client.post(
            "/api/auth/sign-in", json={"email": user.email, "password": "wrong password"}
        )
        assert_error(response, 401, "invalid_credentials")
    # Even the right password is refused while the limit holds.
    response = await client.post(
        "/api/auth/sign-in", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert_error(response, 429, "rate_limited")


async def test_app_clear_rate_limits_ends_a_lockout_and_nothing_else(
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
    assert "Cleared 2 failed sign-in counter(s)" in output.decode()
    response = await client.post(
        "/api/auth/sign-in", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert_status(response, 200)


async def test_failed_sign_ins_are_rate_limited_per_ip(client: ApiClient, db) -> None:
    users = await UserFactory.create_batch_async(21)
    for target in users[:20]:
        response = await client.post(
            "/api/auth/sign-in", json={"email": target.email, "password": "wrong password"}
        )
        assert_error(response, 401, "invalid_credentials")
    response = await client.post(
        "/api/auth/sign-in", json={"email": users[20].email, "password": DEFAULT_PASSWORD}
    )
    assert_error(response, 429, "rate_limited")


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
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("session="))
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax"} <= attributes
