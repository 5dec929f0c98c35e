"""Throttling guesses with a progressive delay: sign-in and password-change attempts.

An attempt is counted before the password is checked, in one Lua script in Redis, so concurrent
guesses cannot all slip through between a check and a count. The first few failures are free; each
one after that doubles the wait before the next attempt is even evaluated (1 s, 2 s, 4 s … up to
MAX_DELAY). A correct password forgives the attempt. Nothing is locked: the owner, whose own
(client, account) counter is untouched by an attacker elsewhere, signs in as usual, and even under
attack the right password works once the current delay has passed.

When Redis is unreachable the throttle fails open and logs it, like the quotas.
"""

import math
import time
from dataclasses import dataclass
from functools import lru_cache

import structlog
from redis.asyncio import Redis
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError

from app.redis_client import get_redis
from app.security.rate_limit import KEY_PREFIX

log = structlog.get_logger(__name__)

MAX_DELAY_SECONDS = 15 * 60
# A counter forgets its failures after this long without attempts.
MEMORY_SECONDS = 24 * 3600

# KEYS: one hash per counter. ARGV: now (ms), memory (ms), max delay (ms), then each key's free
# failures. Refuses with the longest wait when any counter is still waiting; otherwise counts the
# attempt on every key and sets each key's next allowed time.
_RESERVE = """
local now, memory, max_delay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wait = 0
for i, key in ipairs(KEYS) do
  local next_at = tonumber(redis.call('HGET', key, 'next_at') or '0')
  if next_at - now > wait then wait = next_at - now end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[3 + i])
  local count = redis.call('HINCRBY', key, 'count', 1)
  local delay = 0
  if count >= free then delay = math.min(1000 * 2 ^ (count - free), max_delay) end
  redis.call('HSET', key, 'next_at', now + delay)
  redis.call('PEXPIRE', key, memory)
end
return 0
"""

# The attempt was right: counters that ARGV marks 1 start over, the others take it back.
_FORGIVE = """
for i, key in ipairs(KEYS) do
  if ARGV[i] == '1' then
    redis.call('DEL', key)
  else
    local count = tonumber(redis.call('HINCRBY', key, 'count', -1))
    if count <= 0 then redis.call('DEL', key) else redis.call('HSET', key, 'next_at', 0) end
  end
end
return 0
"""


@dataclass(frozen=True)
class Counter:
    """One thing attempts are counted against, and how many failures it gets for free."""

    namespace: str
    key: str
    free_failures: int
    reset_on_success: bool = True
    """False for counters shared by many accounts (a client's), which only take the attempt back."""

    @property
    def redis_key(self) -> str:
        return f"{KEY_PREFIX}:attempts:{self.namespace}:{self.key.lower()}"


@lru_cache
def _scripts() -> tuple[AsyncScript, AsyncScript]:
    redis: Redis = get_redis()
    return redis.register_script(_RESERVE), redis.register_script(_FORGIVE)  # pyright: ignore[reportReturnType]


async def reserve_attempt(*counters: Counter) -> int:
    """Counts an attempt before it is evaluated; returns 0, or the seconds to wait when refused."""
    reserve, _ = _scripts()
    now_ms = int(time.time() * 1000)
    args = [now_ms, MEMORY_SECONDS * 1000, MAX_DELAY_SECONDS * 1000]
    args += [counter.free_failures for counter in counters]
    try:
        wait_ms = await reserve(keys=[c.redis_key for c in counters], args=args)
    except RedisError:
        log.exception("attempt throttle unavailable; allowing the attempt")
        return 0
    return math.ceil(int(wait_ms) / 1000)


async def forgive_attempt(*counters: Counter) -> None:
    """The attempt succeeded: it does not count against anyone."""
    _, forgive = _scripts()
    try:
        resets = ["1" if counter.reset_on_success else "0" for counter in counters]
        await forgive(keys=[c.redis_key for c in counters], args=resets)
    except RedisError:
        log.exception("could not forgive an attempt")


def reset_attempt_scripts() -> None:
    _scripts.cache_clear()
