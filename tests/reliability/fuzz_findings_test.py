"""Regression tests for what the fuzzer (api_fuzz_test.py) found, pinned down one by one."""

from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_field_errors


async def test_nul_characters_are_invalid_input_not_a_server_error(signed_in: ApiClient) -> None:
    # PostgreSQL cannot store U+0000 in text, so it used to fail the INSERT with a 500.
    response = await signed_in.post("/api/notes", json={"title": "a\u0000b", "body": "\u0000"})
    assert_field_errors(response, "title", "body")
    response = await signed_in.post("/api/auth/sign-in", json={"email": "\u0000", "password": "x"})
    assert_field_errors(response, "email")


async def test_a_method_a_path_lacks_is_405_listing_every_method_it_has(client: ApiClient) -> None:
    # Starlette's own 405 lists only the methods of the first route it tried for the path.
    response = await client.options("/api/me")
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, PATCH"
