from functools import cache

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
