"""Requests per second and latency of the signed-in notes list against two ceilings.

Three targets are served side by side with the same uvicorn flags: the real app, and the two bare
Starlette apps of bench/ceilings.py, which must answer with exactly the app's bytes. wrk measures
them in rounds that alternate between targets (A, B, C, A, B, C, ...), so whatever else the
machine does at some moment affects all of them alike.
"""

import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.security.cookies import CSRF_COOKIE, SESSION_COOKIE
from app.security.csrf import CSRF_HEADER
from bench.environment import EMAIL, NOTES_PER_USER, PASSWORD, BenchEnvironment
from bench.processes import HOST, running, uvicorn_command, wait_for_status
from tests.services import free_port

PATH = "/api/notes"
START_TIMEOUT = 30
MILLISECONDS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Settings:
    rounds: int = 5
    duration_seconds: int = 5
    warmup_seconds: int = 3
    connections: int = 32
    threads: int = 2


@dataclass
class Target:
    name: str
    factory: str
    port: int = field(default_factory=free_port)
    requests_per_second: list[float] = field(default_factory=list)
    p50_ms: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}{PATH}"


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def run(environment: BenchEnvironment, settings: Settings) -> list[Target]:
    """Measures [app, bytes-from-memory ceiling, one-query ceiling], in this order."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk not found on PATH: install wrk (Debian) or enter `nix develop`")
    app = Target("notes list (app)", "app.server:create_app")
    memory = Target("ceiling: bytes from memory", "bench.ceilings:memory_app")
    one_query = Target("ceiling: one async query", "bench.ceilings:one_query_app")
    targets = [app, memory, one_query]

    with ExitStack() as stack:
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-http-")))
        body_file = work_dir / "body.json"
        env = {
            **environment.env,
            "BENCH_OWNER_ID": environment.owner_id,
            "BENCH_BODY_FILE": str(body_file),
        }

        def serve(target: Target, ready_url: str) -> None:
            command = uvicorn_command(target.factory, target.port)
            process = stack.enter_context(running(command, env, work_dir / f"{target.port}.log"))
            wait_for_status(ready_url, 200, time.monotonic() + START_TIMEOUT, process)

        serve(app, f"http://{HOST}:{app.port}/healthcheck")
        cookies = _sign_in(app.port)
        body = _get(app.url, cookies)
        if body.count(b'"id":"note_') != NOTES_PER_USER:
            raise RuntimeError(f"expected {NOTES_PER_USER} notes from {app.url}: {body[:200]!r}")
        body_file.write_bytes(body)
        for ceiling in (memory, one_query):
            serve(ceiling, ceiling.url)
            if _get(ceiling.url, cookies) != body:
                raise RuntimeError(f"{ceiling.name} does not answer the app's bytes")

        header = "Cookie: " + "; ".join(f"{name}={value}" for name, value in cookies.items())
        for target in targets:
            _wrk(wrk, target.url, header, settings, settings.warmup_seconds)
        for _ in range(settings.rounds):
            for target in targets:
                result = _wrk(wrk, target.url, header, settings, settings.duration_seconds)
                target.requests_per_second.append(result.requests_per_second)
                target.p50_ms.append(result.p50_ms)
                target.p99_ms.append(result.p99_ms)
    return targets


def _sign_in(port: int) -> dict[str, str]:
    with httpx.Client(base_url=f"http://{HOST}:{port}") as client:
        client.get("/healthcheck").raise_for_status()
        client.post(
            "/api/auth/sign-in",
            json={"email": EMAIL, "password": PASSWORD},
            headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
        ).raise_for_status()
        # Both cookies, as a browser sends them: without the CSRF cookie every response would
        # carry a newly signed one.
        return {name: client.cookies[name] for name in (SESSION_COOKIE, CSRF_COOKIE)}


def _get(url: str, cookies: dict[str, str]) -> bytes:
    response = httpx.get(url, cookies=cookies)
    response.raise_for_status()
    return response.content


def _wrk(wrk: str, url: str, header: str, settings: Settings, seconds: int) -> WrkResult:
    command = [
        wrk, "--latency", "-H", header, f"-t{settings.threads}", f"-c{settings.connections}",
        f"-d{seconds}s", url,
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk saw failed requests against {url}:\n{output}")
    requests_per_second = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if requests_per_second is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    return WrkResult(
        float(requests_per_second.group(1)), _latency(output, "50%"), _latency(output, "99%")
    )


def _latency(output: str, percentile: str) -> float:
    found = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no {percentile} latency in wrk's output:\n{output}")
    return float(found.group(1)) * MILLISECONDS[found.group(2)]


def rows(targets: list[Target]) -> Iterator[list[str]]:
    for target in targets:
        yield [
            target.name,
            *(_spread(v) for v in (target.requests_per_second, target.p50_ms, target.p99_ms)),
        ]


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.1f} ({min(values):,.1f} to {max(values):,.1f})"
