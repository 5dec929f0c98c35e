"""Quotas in Redis (limits' moving windows, checked and counted in one atomic step).

When Redis is unreachable a quota fails open and logs it: refusing every sign-up or email during a
Redis outage would be worse than a brief window without quotas.
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

# Every throttling key in Redis starts with this, so tests and operators can find them all.
KEY_PREFIX = "throttle"

SIGN_UPS_PER_CLIENT = parse("10/hour")
PASSWORD_RESETS_PER_CLIENT = parse("10/hour")
# Outgoing mail: whoever causes it, and whoever receives it (an address may belong to no user).
EMAILS_PER_USER = parse("50/hour")
EMAILS_PER_RECIPIENT = parse("20/hour")
# Verification and password-reset links to one address: enough to retry, too few to flood it.
ACCOUNT_EMAILS_PER_RECIPIENT = parse("5/hour")


@lru_cache
def _limiter() -> MovingWindowRateLimiter:
    storage = RedisStorage(
        limits_storage_url(get_settings().redis_url),
        implementation="redispy",
        key_prefix=KEY_PREFIX,
        socket_timeout=1,
        socket_connect_timeout=1,
    )
    return MovingWindowRateLimiter(storage)


async def within_quota(item: RateLimitItem, namespace: str, key: str) -> bool:
    """Counts one use and says whether it stayed within the quota (atomic in Redis)."""
    try:
        return await _limiter().hit(item, namespace, key.lower())
    except RedisError:
        log.exception("quota unavailable; allowing", namespace=namespace)
        return True


async def clear_throttles() -> int:
    """Forgets every quota and attempt counted so far (all keys under KEY_PREFIX), ending every
    sign-in delay; returns the count of counters removed. Redis also holds the job queue, which
    stays."""
    return await _limiter().storage.reset() or 0


def reset_rate_limiter() -> None:
    _limiter.cache_clear()
