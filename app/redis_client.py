from functools import lru_cache

from redis.asyncio import Redis

from app.settings import get_settings

# Short timeouts: callers (the health check) must answer quickly while Redis is unreachable.
TIMEOUT_SECONDS = 1


@lru_cache
def get_redis() -> Redis:
    return Redis.from_url(
        get_settings().redis_url,
        socket_timeout=TIMEOUT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
    )
