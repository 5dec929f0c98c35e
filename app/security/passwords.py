"""Password hashing with argon2id, off the event loop.

A hash costs about 150 ms of CPU. The async helpers run it in a thread pool with one thread per
CPU (argon2 releases the GIL while it works), so a burst of sign-ins queues for the CPUs instead
of stalling every other request on the event loop. Callers hold no database connection meanwhile
(app.db.connection_released).
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from functools import cache, lru_cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_hasher = PasswordHash((Argon2Hasher(),))


@cache
def _unknown_user_hash() -> str:
    """Verified against when an email is unknown, so a failed sign-in costs the same time either
    way and response timing does not reveal which emails have accounts."""
    return _hasher.hash("unknown-user-timing-equalizer")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _hasher.verify(password, _unknown_user_hash())
        return False
    return _hasher.verify(password, password_hash)


@lru_cache
def _hashing_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="argon2")


async def hash_password_off_loop(password: str) -> str:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing_threads(), hash_password, password)


async def verify_password_off_loop(password: str, password_hash: str | None) -> bool:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_hashing_threads(), verify_password, password, password_hash)
