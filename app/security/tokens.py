"""Signed, expiring, single-use tokens for the links in account emails.

A token is signed with SECRET_KEY (itsdangerous, a salt per purpose, so one kind of token never
passes for another) and carries the user id and a fingerprint of the state its use changes: the
password hash for a reset, the unverified address for a verification. Once used, that state is
different and the same link is refused, with no table of used tokens to keep.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.ids import InvalidTypeIDError, parse_typeid
from app.models import User, UserId
from app.settings import get_settings


class Purpose(StrEnum):
    VERIFY_EMAIL = "verify-email"
    RESET_PASSWORD = "reset-password"  # noqa: S105 - a token's purpose, not a password


VALID_FOR = {
    Purpose.VERIFY_EMAIL: timedelta(days=2),
    Purpose.RESET_PASSWORD: timedelta(hours=1),
}


@dataclass(frozen=True)
class TokenClaim:
    user_id: UserId
    fingerprint: str


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=f"account-link:{purpose}")


def _fingerprint(user: User, purpose: Purpose) -> str:
    # Keyed, because the payload of a signed token is readable: it must say nothing about the
    # password hash (or anything else) to whoever holds the link.
    if purpose is Purpose.VERIFY_EMAIL:
        state = f"{user.email.lower()}|verified={user.email_verified}"
    else:
        state = user.password_hash
    key = get_settings().secret_key.encode()
    return hmac.new(key, f"{purpose}|{state}".encode(), hashlib.sha256).hexdigest()[:32]


def make_token(user: User, purpose: Purpose) -> str:
    return _serializer(purpose).dumps({"user": str(user.id), "state": _fingerprint(user, purpose)})


def read_token(token: str, purpose: Purpose) -> TokenClaim | None:
    """The claim of a well-signed, unexpired token; None for anything else."""
    max_age = int(VALID_FOR[purpose].total_seconds())
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age)
        return TokenClaim(
            user_id=parse_typeid(payload["user"], "user"), fingerprint=str(payload["state"])
        )
    except (BadSignature, InvalidTypeIDError, KeyError, TypeError):
        return None


def is_current(claim: TokenClaim, user: User, purpose: Purpose) -> bool:
    """Whether the state the token was made for is still the user's (so it was not used yet)."""
    return hmac.compare_digest(claim.fingerprint, _fingerprint(user, purpose))


def describe_validity(purpose: Purpose) -> str:
    hours = int(VALID_FOR[purpose].total_seconds() // 3600)
    return f"{hours // 24} days" if hours >= 48 else f"{hours} hour{'s' if hours != 1 else ''}"
