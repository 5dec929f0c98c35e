"""Schemathesis fuzzes every operation of the served OpenAPI schema: signed out, as a user and as
an admin, always sending the CSRF header as the web app does.

Every generated request, valid or not, must get a documented status with a body that matches its
documented schema, never a 5xx, and a request the schema rules out must get a 4xx. Examples derive
from a fixed seed, so a run is reproducible and CI does not flake.
"""

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.specs.openapi.checks import positive_data_acceptance

from app.security.cookies import CSRF_COOKIE
from app.security.csrf import CSRF_HEADER
from tests.reliability.processes import ApiServer

EXAMPLES_PER_OPERATION = 50

# The app under test runs in the server's process, which coverage does not measure; tracing
# Schemathesis and Hypothesis in this one only doubled the module's CPU time.
pytestmark = pytest.mark.usefixtures("coverage_paused")

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


# The committed schema, which tests/unit/openapi_test.py keeps equal to what the app serves.
schema = schemathesis.openapi.from_path(Path(__file__).parents[2] / "web" / "openapi.json")


@schema.parametrize()
@pytest.mark.parametrize("identity", ["signed out", "user", "admin"])
@FUZZ_SETTINGS
def test_fuzz(
    case: Case,
    identity: str,
    *,
    fuzz_server: ApiServer,
    identities: dict[str, dict[str, str]],
    generated_cases: Counter[str],
    request: pytest.FixtureRequest,
) -> None:
    cookies = identities[identity]
    generated_cases[request.node.name] += 1
    case.call_and_validate(
        base_url=fuzz_server.url,
        headers={CSRF_HEADER: cookies[CSRF_COOKIE]},
        cookies=cookies,
        # It expects every schema-valid request to succeed, but business rules reject some (a
        # wrong current password, an email domain reserved for testing) with a documented 4xx.
        excluded_checks=[positive_data_acceptance],
    )
