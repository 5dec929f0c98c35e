"""A throwaway PostgreSQL and Redis with a seeded database, shared by the benchmarks.

The servers are the test suite's (tests/services.py): real binaries on free loopback ports in a
temporary directory, so a benchmark never touches the development stack.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from unittest.mock import patch

from sqlalchemy import text

from app.db import reset_engines, sync_session
from app.ids import typeid_to_uuid
from app.migrate import migrate
from app.models import Note, User
from app.models.base import utcnow
from app.security.passwords import hash_password
from app.settings import get_settings
from tests.services import PostgresServer, RedisServer

DATABASE = "app_bench"
EMAIL = "bench@example.com"
PASSWORD = "bench-password"  # noqa: S105 - a throwaway account in a throwaway database
NOTES_PER_USER = 20
# A user with many notes, whose first page must cost what a new user's does.
MANY_NOTES_EMAIL = "bench-many@example.com"
MANY_NOTES = 100_000
# Other users' notes make the owner filter do real work, as it would in a live database.
OTHER_USERS = 200


@dataclass(frozen=True)
class BenchEnvironment:
    env: dict[str, str]
    """Environment variables that point an app process at these servers."""

    owner_id: str
    """The signed-in user whose notes the HTTP benchmark lists."""

    postgres: PostgresServer
    """The database server, which the recovery benchmark restarts."""


def app_environment(database_url: str, redis_url: str, work_dir: Path) -> dict[str, str]:
    return {
        "APP_ENV": "production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "bench-secret-key-that-is-long-enough-to-be-real",
        # http, so the session cookie is not Secure and a plain-HTTP client can send it back.
        "BASE_URL": "http://127.0.0.1",
        "WEB_DIST_DIR": str(work_dir / "no-web-build"),
        "MIGRATIONS_DIR": str(Path("migrations").resolve()),
        "LOG_FORMAT": "json",
    }


@contextmanager
def bench_environment() -> Iterator[BenchEnvironment]:
    with ExitStack() as stack:
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-")))
        postgres = stack.enter_context(PostgresServer(work_dir / "postgres"))
        redis = stack.enter_context(RedisServer(work_dir / "redis"))
        postgres.create_database(DATABASE)
        env = app_environment(postgres.url(DATABASE), redis.url(), work_dir)
        # This process migrates and seeds through the app's settings, read from the environment;
        # the original environment comes back afterwards, for whatever runs next (the test suite).
        stack.enter_context(patch.dict(os.environ, env))
        stack.callback(_forget_settings)
        _forget_settings()
        migrate()
        owner_id = _seed()
        yield BenchEnvironment(env=dict(os.environ), owner_id=owner_id, postgres=postgres)


def _forget_settings() -> None:
    get_settings.cache_clear()
    reset_engines()


def _seed() -> str:
    """One user with NOTES_PER_USER notes, plus OTHER_USERS users with as many notes each."""
    password_hash = hash_password(PASSWORD)
    with sync_session() as db:
        owner = User(email=EMAIL, name="Bench User", password_hash=password_hash)
        others = [
            User(email=f"other{i}@example.com", name=f"Other {i}", password_hash=password_hash)
            for i in range(OTHER_USERS)
        ]
        db.add_all([owner, *others])
        db.flush()
        now = utcnow()
        db.add_all(
            Note(
                owner_id=user.id,
                title=f"Note {n} of {user.name}",
                body="Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4,
                # Distinct times: the list is ordered by them, and every target must agree.
                created_at=now - timedelta(minutes=n),
                updated_at=now - timedelta(minutes=n),
            )
            for user in (owner, *others)
            for n in range(NOTES_PER_USER)
        )
        many = User(email=MANY_NOTES_EMAIL, name="Prolific User", password_hash=password_hash)
        db.add(many)
        db.flush()
        db.execute(
            text(
                "INSERT INTO note (id, owner_id, title, body, created_at, updated_at) "
                "SELECT gen_random_uuid(), :owner, 'Note ' || n, :body, "
                "now() - n * interval '1 second', now() - n * interval '1 second' "
                "FROM generate_series(1, :count) AS n"
            ),
            {"owner": typeid_to_uuid(many.id), "body": "Lorem ipsum. " * 20, "count": MANY_NOTES},
        )
        db.commit()
        db.execute(text("ANALYZE"))  # planner statistics as a live database would have them
        db.commit()
        return str(owner.id)
