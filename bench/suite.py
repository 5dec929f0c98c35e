"""Wall and CPU time of the README's test command, `bin/just test`, and where it goes.

`just test` runs once as a whole, for the figure that counts, with pytest writing a JUnit report
(through PYTEST_ADDOPTS) that gives pytest's own wall time and each group of suites' test time.
Its test time adds up over pytest-xdist's workers, so the groups' sum exceeds pytest's wall time
when the workers overlap. lint and test_web then run once more on their own, for their share.
The recipes run through `just` itself: bin/just would first run scripts/setup, and the figure is
for a machine that has everything installed. CPU time is that of every process the recipe waited
for (user plus system), which on a busy machine says more than wall time does.
"""

import os
import resource
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
    "deploy": "deploy rehearsal",
    "reliability": "reliability drills",
    "integration": "browser (tests/integration)",
    "template": "template (tests/template)",
}


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


@dataclass
class SuiteResult:
    total: Timing
    """`just test` as a whole."""

    recipes: dict[str, Timing] = field(default_factory=dict)
    """lint and test_web, each run on its own."""

    pytest_wall: float = 0.0
    """pytest's session inside `just test`, from start to end, as its JUnit report says."""

    python_suites: dict[str, float] = field(default_factory=dict)
    """Seconds of pytest's per-test time (setup, call, teardown) by group of suites, added up over
    the workers."""

    @property
    def python_tests(self) -> float:
        return sum(self.python_suites.values())


def run() -> SuiteResult:
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as work_dir:
        report = Path(work_dir) / "junit.xml"
        addopts = f"{os.environ.get('PYTEST_ADDOPTS', '')} --junitxml={report}".strip()
        result = SuiteResult(total=_timed([_just(), "test"], {"PYTEST_ADDOPTS": addopts}))
        # Our own pytest's report, not untrusted input.
        root = ET.parse(report).getroot()  # noqa: S314
        suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
        result.pytest_wall = sum(float(suite.get("time", 0)) for suite in suites)
        for case in root.iter("testcase"):
            suite = case.get("classname", "").split(".")[1:2]
            group = GROUPS.get(suite[0] if suite else "", "other")
            result.python_suites[group] = result.python_suites.get(group, 0) + float(
                case.get("time", 0)
            )
    for recipe in ("lint", "test_web"):
        result.recipes[recipe] = _timed([_just(), recipe])
    return result


def _just() -> str:
    just = shutil.which("just")
    if just is None:
        raise RuntimeError("just not found on PATH: run scripts/setup or enter `nix develop`")
    return just


def _timed(command: list[str], environment: dict[str, str] | None = None) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(  # noqa: S603
        command,
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, **(environment or {})},
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stdout[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)
