"""Every environment variable the application reads, with a development default and a description.

This class is the single source of truth: the README's table of variables is generated from it
(`app env-docs`) and a test fails when the two drift apart.
"""

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET_KEY = "development-secret-key-do-not-use-in-production"  # noqa: S105


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class PasswordHashCost(StrEnum):
    STANDARD = "standard"
    MINIMAL = "minimal"


class LogFormat(StrEnum):
    CONSOLE = "console"
    JSON = "json"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)

    app_env: Environment = Environment.DEVELOPMENT
    """Which environment this is: development, test or production."""

    database_url: str = "postgresql+psycopg://app@127.0.0.1:5432/fullstack_flake_development"
    """PostgreSQL URL: postgresql+psycopg://user:password@host:port/db (the API uses asyncpg)."""

    database_pool_size: int = Field(default=10, ge=1)
    """Connections in each of an API process's two PostgreSQL pools (reads, writes)."""

    redis_url: str = "redis://127.0.0.1:6379/0"
    """Redis URL for jobs, rate limits and the health check; unix:///path?db=N for a socket."""

    job_visibility_timeout_seconds: int = Field(default=900, ge=1)
    """Seconds before a dead worker's job goes to another; must exceed run time + retry delay."""

    smtp_url: str = "smtp://127.0.0.1:1025"
    """SMTP server for outgoing email (Mailpit in development and tests)."""

    email_from: str = "Fullstack Flake <noreply@localhost>"
    """The From address of every email the app sends."""

    secret_key: str = DEVELOPMENT_SECRET_KEY
    """Signs session and CSRF cookies. Production refuses to start with the development value."""

    base_url: str = "http://localhost:8000"
    """Public URL of the app; an https URL makes every cookie Secure and enables HSTS."""

    web_dist_dir: Path = Path("web/build/client")
    """The production build of the web app, served by the API when it exists."""

    migrations_dir: Path = Path("migrations")
    """The Alembic migrations folder."""

    migrate_on_start: bool = False
    """Run pending migrations before serving (serialized by a PostgreSQL advisory lock)."""

    log_level: str = "INFO"
    """Lowest log level written (DEBUG, INFO, WARNING, ERROR)."""

    log_format: LogFormat | None = None
    """console or json; defaults to json in production and console elsewhere."""

    host: str = "127.0.0.1"
    """Interface `app serve` binds to."""

    port: int = Field(default=8000, ge=1, le=65535)
    """Port `app serve` listens on and `app healthcheck` probes."""

    forwarded_allow_ips: str = "127.0.0.1"
    """Proxies (comma-separated IPs or CIDR networks, or *) whose X-Forwarded-For and
    X-Forwarded-Proto are believed; the client address behind them keys rate limits and sessions."""

    web_concurrency: int = Field(default=1, ge=1)
    """Worker processes `app serve` starts."""

    session_max_age_seconds: int = Field(default=14 * 24 * 3600, ge=60)
    """How long a sign-in lasts at most."""

    session_idle_timeout_seconds: int = Field(default=3 * 24 * 3600, ge=600)
    """A session unused for this long ends (checked on the server on every request)."""

    session_check_cache_seconds: float = Field(default=1.0, ge=0, le=10)
    """How long a process may reuse a session check for reads; 0 checks PostgreSQL every time."""

    password_hash_cost: PasswordHashCost = PasswordHashCost.STANDARD
    """argon2id cost of new password hashes: standard, or minimal (only with APP_ENV=test)."""

    @property
    def is_production(self) -> bool:
        return self.app_env is Environment.PRODUCTION

    @property
    def https(self) -> bool:
        return urlsplit(self.base_url).scheme == "https"

    @property
    def effective_log_format(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.JSON if self.is_production else LogFormat.CONSOLE

    @model_validator(mode="after")
    def _refuse_development_secret_in_production(self) -> Self:
        if self.is_production and (
            self.secret_key == DEVELOPMENT_SECRET_KEY or len(self.secret_key) < 32
        ):
            raise ValueError(
                "SECRET_KEY must be set to a random value of at least 32 characters in production"
            )
        return self

    @model_validator(mode="after")
    def _refuse_minimal_password_hashing_outside_tests(self) -> Self:
        # Minimal-cost hashes fall to offline guessing at once; only a test suite, which signs in
        # hundreds of times, may trade that for speed.
        if (
            self.password_hash_cost is PasswordHashCost.MINIMAL
            and self.app_env is not Environment.TEST
        ):
            raise ValueError("PASSWORD_HASH_COST=minimal is accepted only with APP_ENV=test")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
