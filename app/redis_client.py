"""The app's Redis clients, and REDIS_URL in the dialect each library speaks.

REDIS_URL is a redis-py URL: `redis://`, `rediss://` (TLS) or `unix:///path/redis.sock?db=N` for a
Unix socket (what a NixOS host with a local Redis uses: no TCP port, access by group). Celery and
the rate limiter take other names for the same servers; the functions below translate.
"""

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

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


def celery_redis_url(redis_url: str) -> str:
    """The URL for Celery's broker and result backend: kombu names a socket's database
    `virtual_host` and the socket itself `redis+socket://`."""
    parts = urlsplit(redis_url)
    if parts.scheme != "unix":
        return redis_url
    query = [
        ("virtual_host" if key == "db" else key, value) for key, value in parse_qsl(parts.query)
    ]
    # Spelled out: urlunsplit drops the empty host of `scheme:///path`.
    return f"redis+socket://{parts.netloc}{parts.path}?{urlencode(query)}"


def limits_storage_url(redis_url: str) -> str:
    """The URL for the `limits` library's asyncio Redis storage."""
    scheme = urlsplit(redis_url).scheme
    prefix = "async+redis+" if scheme == "unix" else "async+"
    return prefix + redis_url
