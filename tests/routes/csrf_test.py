import pytest

from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_status
from tests.factories import DEFAULT_PASSWORD

UNSAFE_REQUESTS = [
    ("POST", "/api/notes"),
    ("PATCH", "/api/me"),
    ("POST", "/api/auth/sign-out"),
    ("DELETE", "/api/admin/impersonation"),
]


@pytest.mark.parametrize(("method", "path"), UNSAFE_REQUESTS)
async def test_unsafe_requests_without_the_csrf_header_are_refused(
    signed_in: ApiClient, method: str, path: str
) -> None:
    signed_in.event_hooks["request"].clear()
    response = await signed_in.request(method, path, json={"title": "x", "name": "x"})
    assert_error(response, 403, "csrf_failed")


async def test_a_forged_csrf_header_is_refused(signed_in: ApiClient) -> None:
    response = await signed_in.post(
        "/api/notes", json={"title": "x"}, headers={"x-csrftoken": "forged"}
    )
    assert_error(response, 403, "csrf_failed")


async def test_sign_in_itself_needs_the_token(client: ApiClient, user) -> None:
    client.event_hooks["request"].clear()
    response = await client.post(
        "/api/auth/sign-in", json={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert_error(response, 403, "csrf_failed")


async def test_safe_requests_need_no_token(signed_in: ApiClient) -> None:
    signed_in.event_hooks["request"].clear()
    assert_status(await signed_in.get("/api/notes"), 200)
