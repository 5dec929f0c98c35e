"""REDIS_URL in each Redis client's dialect; tests/deploy connects all of them through a socket."""

import pytest

from app.redis_client import celery_redis_url, limits_storage_url

SOCKET_URL = "unix:///run/redis-app/redis.sock?db=2"


@pytest.mark.parametrize(
    ("redis_url", "celery_url"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("rediss://:secret@redis.internal:6380/1", "rediss://:secret@redis.internal:6380/1"),
        (SOCKET_URL, "redis+socket:///run/redis-app/redis.sock?virtual_host=2"),
        ("unix://:secret@/run/r.sock?db=1", "redis+socket://:secret@/run/r.sock?virtual_host=1"),
    ],
)
def test_celery_names_a_socket_redis_socket(redis_url: str, celery_url: str) -> None:
    assert celery_redis_url(redis_url) == celery_url


@pytest.mark.parametrize(
    ("redis_url", "storage_url"),
    [
        ("redis://127.0.0.1:6379/0", "async+redis://127.0.0.1:6379/0"),
        ("rediss://redis.internal:6380/1", "async+rediss://redis.internal:6380/1"),
        (SOCKET_URL, "async+redis+unix:///run/redis-app/redis.sock?db=2"),
    ],
)
def test_the_rate_limiter_gets_an_asyncio_storage_url(redis_url: str, storage_url: str) -> None:
    assert limits_storage_url(redis_url) == storage_url
