from tests.api_client import ApiClient
from tests.assertions import assert_status
from tests.services import RedisServer


async def test_healthcheck_reports_every_dependency(client: ApiClient) -> None:
    body = assert_status(await client.get("/healthcheck"), 200)
    assert body == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


async def test_healthcheck_answers_503_while_redis_is_down(
    client: ApiClient, redis_server: RedisServer
) -> None:
    redis_server.stop()
    try:
        body = assert_status(await client.get("/healthcheck"), 503)
        assert body["status"] == "error"
        assert body["checks"]["database"] == "ok"
        assert body["checks"]["redis"].startswith("error")
    finally:
        redis_server.start()
    assert_status(await client.get("/healthcheck"), 200)
