import pytest
from fastapi import FastAPI
from httpx import ASGITransport

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
