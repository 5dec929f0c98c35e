"""Password hashing with argon2id, off the event loop.

A hash at the standard cost (argon2-cffi's defaults, RFC 9106's low-memory profile) costs about
150 ms of CPU. The async helpers run it in a thread pool with one thread per CPU (argon2 releases
the GIL while it works), so a burst of sign-ins queues for the CPUs instead of stalling every
other request on the event loop. Callers hold no database connection meanwhile
(app.db.connection_released).

A test suite signs in hundreds of times, so it may hash at argon2's minimal cost instead
(PASSWORD_HASH_COST=minimal, refused outside APP_ENV=test). A hash records its own parameters,
so verifying it costs what hashing it did, whatever the current setting.
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache

from argon2.profiles import CHEAPEST, RFC_9106_LOW_MEMORY
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.settings import PasswordHashCost, get_settings

_PARAMETERS = {PasswordHashCost.STANDARD: RFC_9106_LOW_MEMORY, PasswordHashCost.MINIMAL: CHEAPEST}


@cache
def password_hasher(cost: PasswordHashCost) -> PasswordHash:
    parameters = _PARAMETERS[cost]
    return PasswordHash(
        (
            Argon2Hasher(
                time_cost=parameters.time_cost,
                memory_cost=parameters.memory_cost,
                parallelism=parameters.parallelism,
                hash_len=parameters.hash_len,
                salt_len=parameters.salt_len,
            ),
        )
    )


def _hasher() -> PasswordHash:
    return password_hasher(get_settings().password_hash_cost)


@cache
def _unknown_user_hash(cost: PasswordHashCost) -> str:
    """Verified against when an email is unknown, so a failed sign-in costs the same time either
    way and response timing does not reveal which emails have accounts."""
    return password_hasher(cost).hash("unknown-user-timing-equalizer")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        cost = get_settings().password_hash_cost
        password_hasher(cost).verify(password, _unknown_user_hash(cost))
        return False
    return _hasher().verify(password, password_hash)


@lru_cache
def _hashing_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="argon2")


async def hash_password_off_loop(password: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing_threads(), hash_password, password)


async def verify_password_off_loop(password: str, password_hash: str | None) -> bool:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing_threads(), verify_password, password, password_hash)
