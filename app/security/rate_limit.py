"""Failed sign-in throttling in Redis, per email and per client IP.

Counting only failures means a user who signs in correctly is never slowed down, while guessing a
password (one email, many tries) or spraying one password across many emails (one IP, many tries)
both hit a limit. When Redis is unreachable the check fails open and logs it: locking every user out
during a Redis outage would be worse than a brief window without throttling.
"""

from functools import lru_cache

import structlog
from limits import RateLimitItem, parse
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError

from app.redis_client import limits_storage_url
from app.settings import get_settings

log = structlog.get_logger(__name__)

FAILED_SIGN_INS_PER_EMAIL = parse("5/15 minutes")
FAILED_SIGN_INS_PER_IP = parse("20/15 minutes")


@lru_cache
def _limiter() -> MovingWindowRateLimiter:
    storage = RedisStorage(
        limits_storage_url(get_settings().redis_url),
        implementation="redispy",
        socket_timeout=1,
        socket_connect_timeout=1,
    )
    return MovingWindowRateLimiter(storage)


def _checks(email: str, ip: str) -> list[tuple[RateLimitItem, str, str]]:
    return [
        (FAILED_SIGN_INS_PER_EMAIL, "sign-in:email", email.lower()),
        (FAILED_SIGN_INS_PER_IP, "sign-in:ip", ip),
    ]


async def sign_in_allowed(email: str, ip: str) -> bool:
    try:
        for item, namespace, key in _checks(email, ip):
            if not await _limiter().test(item, namespace, key):
                return False
    except RedisError:
        log.exception("sign-in rate limit unavailable; allowing the attempt")
    return True


async def record_failed_sign_in(email: str, ip: str) -> None:
    try:
        for item, namespace, key in _checks(email, ip):
            await _limiter().hit(item, namespace, key)
    except RedisError:
        log.exception("could not record a failed sign-in")


def reset_rate_limiter() -> None:
    _limiter.cache_clear()
