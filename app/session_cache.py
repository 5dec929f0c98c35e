"""A short memory, per process, of which session a token proves, for requests that only read.

Checking the session in PostgreSQL costs a round trip on every request, as much as the notes
list's own query. Reads (GET, HEAD, OPTIONS) may reuse a check for SESSION_CHECK_CACHE_SECONDS;
what is kept is the grant alone (whose data the session reaches), never a user's data, which every
request still reads fresh. The price is a bounded delay: a session ended in another process (sign
out, a password change or reset, ending a session from the sessions page) can still read for up to
that long here. Never longer, never past its expiry, never to write (requests with other methods
always check PostgreSQL), and not at all in the process that ended it, which forgets it at once.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from time import monotonic

from cachetools import TTLCache

from app.models import UserId, UserSessionId
from app.settings import get_settings

# Grants of as many sessions as a process serves at once; the oldest go first when it is full.
MAX_GRANTS = 10_000


@dataclass(frozen=True, slots=True)
class Grant:
    """What a valid session lets a request do, by id."""

    session_id: UserSessionId
    user_id: UserId
    """Whose data the request acts on."""
    impersonator_id: UserId | None
    """The admin really signed in, while they act as `user_id`."""
    expires_at: datetime


@lru_cache
def _grants() -> TTLCache[bytes, Grant]:
    ttl = get_settings().session_check_cache_seconds
    return TTLCache(maxsize=MAX_GRANTS, ttl=ttl, timer=monotonic)


def remembered(token_hash: bytes, now: datetime) -> Grant | None:
    grant = _grants().get(token_hash)
    if grant is not None and grant.expires_at <= now:
        return None
    return grant


def remember(token_hash: bytes, grant: Grant) -> None:
    if get_settings().session_check_cache_seconds > 0:
        _grants()[token_hash] = grant


def forget(token_hash: bytes) -> None:
    _grants().pop(token_hash, None)


def forget_user(user_id: UserId) -> None:
    """Forgets every grant to or by a user: theirs, and an admin's acting as them."""
    grants = _grants()
    for token_hash, grant in list(grants.items()):
        if user_id in (grant.user_id, grant.impersonator_id):
            grants.pop(token_hash, None)


def forget_session(session_id: UserSessionId) -> None:
    grants = _grants()
    for token_hash, grant in list(grants.items()):
        if grant.session_id == session_id:
            grants.pop(token_hash, None)


def reset() -> None:
    """Forgets every grant and the TTL, after settings changed (tests)."""
    _grants.cache_clear()
