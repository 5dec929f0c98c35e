"""Schemathesis fuzzes every operation of the served OpenAPI schema: signed out, as a user and as
an admin, always sending the CSRF header as the web app does.

Every generated request, valid or not, must get a documented status with a body that matches its
documented schema, never a 5xx, and a request the schema rules out must get a 4xx. Examples derive
from a fixed seed, so a run is reproducible and CI does not flake.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import text
from sqlmodel import SQLModel

from app.db import get_sync_engine, sync_session
from app.models import Role, User
from app.security.csrf import CSRF_COOKIE, CSRF_HEADER
from app.security.passwords import hash_password
from tests.factories import DEFAULT_PASSWORD
from tests.reliability.processes import ApiServer

MIN_CASES = 2000
EXAMPLES_PER_OPERATION = 50

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def fuzz_server(
    app_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    with ApiServer(app_env, tmp_path_factory.mktemp("fuzz") / "api.log") as server:
        yield server
    # The module's users and the fuzzer's sign-ups and notes must not leak into later tests.
    tables = ", ".join(f'"{table.name}"' for table in SQLModel.metadata.sorted_tables)
    with get_sync_engine().begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def _browser_cookies(server: ApiServer, role: Role | None) -> dict[str, str]:
    """The cookies of a browser signed in with `role`, or only the CSRF cookie for None."""
    with httpx.Client(base_url=server.url) as client:
        client.get("/healthcheck").raise_for_status()
        if role is not None:
            email = f"fuzz-{role.value}@example.com"
            with sync_session() as db:
                password_hash = hash_password(DEFAULT_PASSWORD)
                db.add(User(email=email, name="Fuzz", password_hash=password_hash, role=role))
                db.commit()
            client.post(
                "/api/auth/sign-in",
                json={"email": email, "password": DEFAULT_PASSWORD},
                headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
            ).raise_for_status()
        return dict(client.cookies)


@pytest.fixture(scope="module")
def identities(fuzz_server: ApiServer) -> dict[str, dict[str, str]]:
    return {
        "signed out": _browser_cookies(fuzz_server, None),
        "user": _browser_cookies(fuzz_server, Role.USER),
        "admin": _browser_cookies(fuzz_server, Role.ADMIN),
    }


@pytest.fixture(scope="module")
def generated_cases(request: pytest.FixtureRequest) -> Iterator[Counter[str]]:
    """Cases run per test; once every test of the module ran, together at least MIN_CASES."""
    counts: Counter[str] = Counter()
    yield counts
    module_tests = [item for item in request.session.items if item.path == request.path]
    if len(counts) == len(module_tests):
        assert sum(counts.values()) >= MIN_CASES, counts


def _fuzz(
    case: Case,
    server: ApiServer,
    cookies: dict[str, str],
    counts: Counter[str],
    request: pytest.FixtureRequest,
) -> None:
    counts[f"{request.node.originalname} {case.operation.label}"] += 1
    case.call_and_validate(
        base_url=server.url,
        headers={CSRF_HEADER: cookies[CSRF_COOKIE]},
        cookies=cookies,
        # It expects every schema-valid request to succeed, but business rules reject some (a
        # wrong current password, an email domain reserved for testing) with a documented 4xx.
        excluded_checks=[positive_data_acceptance],
    )


# The committed schema, which tests/unit/openapi_test.py keeps equal to what the app serves.
schema = schemathesis.openapi.from_path(Path(__file__).parents[2] / "web" / "openapi.json")


@schema.parametrize()
@FUZZ_SETTINGS
def test_signed_out(
    case: Case,
    fuzz_server: ApiServer,
    identities: dict[str, dict[str, str]],
    generated_cases: Counter[str],
    request: pytest.FixtureRequest,
) -> None:
    _fuzz(case, fuzz_server, identities["signed out"], generated_cases, request)


@schema.parametrize()
@FUZZ_SETTINGS
def test_signed_in_user(
    case: Case,
    fuzz_server: ApiServer,
    identities: dict[str, dict[str, str]],
    generated_cases: Counter[str],
    request: pytest.FixtureRequest,
) -> None:
    _fuzz(case, fuzz_server, identities["user"], generated_cases, request)


@schema.parametrize()
@FUZZ_SETTINGS
def test_signed_in_admin(
    case: Case,
    fuzz_server: ApiServer,
    identities: dict[str, dict[str, str]],
    generated_cases: Counter[str],
    request: pytest.FixtureRequest,
) -> None:
    _fuzz(case, fuzz_server, identities["admin"], generated_cases, request)
