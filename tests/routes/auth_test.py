from app.models import User
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


async def test_session_cookie_is_httponly_secure_and_samesite(
    client: ApiClient, user: User
) -> None:
    response = await client.sign_in(user.email, DEFAULT_PASSWORD)
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("__Host-session=")
    )
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "samesite=lax"} <= attributes
