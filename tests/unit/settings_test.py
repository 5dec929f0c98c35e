import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.cli import environment_table
from app.settings import DEVELOPMENT_SECRET_KEY, LogFormat, Settings


def test_production_refuses_the_development_secret_key() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(app_env="production", secret_key=DEVELOPMENT_SECRET_KEY)  # pyright: ignore[reportArgumentType]


def test_production_refuses_a_short_secret_key() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(app_env="production", secret_key="short")  # pyright: ignore[reportArgumentType]


def test_production_defaults_to_json_logs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PASSWORD_HASH_COST")  # the test suite's, which production refuses
    settings = Settings(app_env="production", secret_key="x" * 40)  # pyright: ignore[reportArgumentType]
    assert settings.effective_log_format is LogFormat.JSON
    assert Settings(app_env="development").effective_log_format is LogFormat.CONSOLE  # pyright: ignore[reportArgumentType]


@pytest.mark.parametrize("environment", ["development", "production"])
def test_minimal_password_hashing_is_refused_outside_tests(environment: str) -> None:
    with pytest.raises(ValidationError, match="PASSWORD_HASH_COST"):
        Settings(app_env=environment, secret_key="x" * 40, password_hash_cost="minimal")  # pyright: ignore[reportArgumentType]
    assert Settings(app_env="test", password_hash_cost="minimal").password_hash_cost == "minimal"  # pyright: ignore[reportArgumentType]


def test_https_base_url_means_secure_cookies() -> None:
    assert Settings(base_url="https://example.com").https
    assert not Settings(base_url="http://localhost:8000").https


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("MIGRATE_ON_START", "true")
    settings = Settings()
    assert (settings.port, settings.migrate_on_start) == (9123, True)


def test_every_setting_is_described() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} needs a docstring: it becomes the README's description"


def test_readme_lists_every_environment_variable() -> None:
    readme = Path("README.md").read_text()
    match = re.search(r"<!-- env-table -->\n(.*?)\n<!-- /env-table -->", readme, re.DOTALL)
    assert match, "README.md needs the <!-- env-table --> block"
    assert match.group(1).strip() == environment_table(), (
        "README's variables are stale: run `app env-docs`"
    )
