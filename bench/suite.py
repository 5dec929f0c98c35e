"""Wall time of the README's test command, `bin/just test`, recipe by recipe and suite by suite.

The recipes run through `just` itself: bin/just would first run scripts/setup, and the figure is
for a machine that has everything installed.
"""

import shutil
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# tests/<suite>/...: the suites README's Tests section describes, grouped as reported.
GROUPS = {
    "unit": "unit, routes, jobs, mail",
    "routes": "unit, routes, jobs, mail",
    "jobs": "unit, routes, jobs, mail",
    "mail": "unit, routes, jobs, mail",
    "reliability": "reliability drills",
    "integration": "browser (tests/integration)",
}


@dataclass
class SuiteResult:
    recipes: dict[str, float] = field(default_factory=dict)
    """Wall seconds of each recipe `just test` runs: lint, test_python, test_web."""

    python_suites: dict[str, float] = field(default_factory=dict)
    """Seconds of pytest's own per-test time (setup, call, teardown), by group of suites."""

    @property
    def total(self) -> float:
        return sum(self.recipes.values())

    @property
    def pytest_overhead(self) -> float:
        """Collection, service start-up, coverage: test_python's time outside any test."""
        return self.recipes["test_python"] - sum(self.python_suites.values())


def run() -> SuiteResult:
    result = SuiteResult()
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as work_dir:
        report = Path(work_dir) / "junit.xml"
        for recipe, args in (
            ("lint", []),
            ("test_python", [f"--junitxml={report}"]),
            ("test_web", []),
        ):
            result.recipes[recipe] = _timed([_just(), recipe, *args])
        # Our own pytest's report, not untrusted input.
        for case in ET.parse(report).getroot().iter("testcase"):  # noqa: S314
            suite = case.get("classname", "").split(".")[1:2]
            group = GROUPS.get(suite[0] if suite else "", "other")
            result.python_suites[group] = result.python_suites.get(group, 0) + float(
                case.get("time", 0)
            )
    return result


def _just() -> str:
    just = shutil.which("just")
    if just is None:
        raise RuntimeError("just not found on PATH: run scripts/setup or enter `nix develop`")
    return just


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, check=False, capture_output=True, text=True)  # noqa: S603
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}")
    return time.perf_counter() - started
