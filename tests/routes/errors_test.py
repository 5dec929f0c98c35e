import json
from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import ASGITransport

from app.security.request_limits import MAX_BODY_BYTES
from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_status


async def test_unexpected_errors_answer_json_500_without_internals(
    failing_api: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # Like a real server, and unlike the default test transport, do not re-raise into the test.
    transport = ASGITransport(app=failing_api, raise_app_exceptions=False)
    async with ApiClient(transport=transport, base_url="https://testserver") as client:
        response = await client.get("/api/test-only/explode")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert error["request_id"]
    assert "secret internal detail" not in response.text
    assert "secret internal detail" in caplog.text


async def test_unknown_api_paths_are_json_404_for_every_method(client: ApiClient) -> None:
    assert_error(await client.get("/api/nope"), 404, "not_found")
    assert_error(await client.post("/api/nope/deeper", json={}), 404, "not_found")


async def test_wrong_method_is_json_405(client: ApiClient) -> None:
    assert_error(await client.put("/api/notes"), 405, "method_not_allowed")


async def test_every_response_has_security_headers(client: ApiClient) -> None:
    response = await client.get("/healthcheck")
    assert_status(response, 200)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["x-request-id"]


async def test_a_500_carries_the_security_headers_and_the_request_id(
    failing_api: FastAPI,
) -> None:
    transport = ASGITransport(app=failing_api, raise_app_exceptions=False)
    async with ApiClient(transport=transport, base_url="https://testserver") as client:
        response = await client.get("/api/test-only/explode")
    assert response.status_code == 500
    assert response.headers["x-request-id"] == response.json()["error"]["request_id"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/%00", "/api/notes/%00", "/api/%00/x", "/assets/%00.js", "/notes%00", "/api/me%00"]
)
async def test_a_nul_byte_in_a_path_is_a_clean_400(signed_in: ApiClient, path: str) -> None:
    response = await signed_in.get(path)
    assert_error(response, 400, "bad_request")
    assert response.headers["x-request-id"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_a_body_over_the_limit_is_refused_before_it_is_read(signed_in: ApiClient) -> None:
    huge = b'{"title": "' + b"x" * (MAX_BODY_BYTES + 1) + b'"}'
    response = await signed_in.post(
        "/api/notes", content=huge, headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "payload_too_large")


async def test_a_streamed_body_is_cut_off_at_the_limit(signed_in: ApiClient) -> None:
    sent = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"title": "'
        while sent < 50 * MAX_BODY_BYTES:
            sent += 16_384
            yield b"x" * 16_384

    response = await signed_in.post(
        "/api/notes", content=endless(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "payload_too_large")
    assert sent < 2 * MAX_BODY_BYTES  # the app stopped reading soon after the limit


async def test_the_largest_valid_body_is_accepted(signed_in: ApiClient) -> None:
    # 20,000 characters outside the Basic Multilingual Plane, JSON-escaped as surrogate pairs.
    note = {"title": "\U0001f600" * 200, "body": "\U0001f600" * 20_000}
    content = json.dumps(note, ensure_ascii=True).encode()
    assert len(content) > 240_000
    response = await signed_in.post(
        "/api/notes", content=content, headers={"content-type": "application/json"}
    )
    assert_status(response, 201)
