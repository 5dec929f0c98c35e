"""Requests per second and latency of the signed-in notes list against its ceilings, and under load.

Five targets are served side by side with the same uvicorn flags: the real app listing the first
page of a user with 20 notes and of one with 100,000, and the bare Starlette apps of
bench/ceilings.py, which must answer with exactly the app's bytes. wrk measures them in rounds
that alternate between targets (A, B, C, A, B, C, ...), so whatever else the machine does at some
moment affects all of them alike. Then the load curve: the app alone at more and more concurrent
connections, where no request should fail nor take longer than the pool timeout, and the memory
each API worker holds afterwards.
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
import psutil

from app.db import POOL_TIMEOUT_SECONDS
from app.security.cookies import CSRF_COOKIE, SESSION_COOKIE
from app.security.csrf import CSRF_HEADER
from bench.environment import (
    EMAIL,
    MANY_NOTES_EMAIL,
    NOTES_PER_USER,
    PASSWORD,
    BenchEnvironment,
)
from bench.processes import HOST, running, uvicorn_command, wait_for_status
from tests.services import free_port

PATH = "/api/notes"
START_TIMEOUT = 30
MILLISECONDS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
LOAD_CONNECTIONS = (32, 128, 512)


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
    header: str = ""
    """The Cookie header wrk sends."""
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
    max_ms: float
    errors: int
    """Answers other than 2xx or 3xx, and connection errors and timeouts."""


@dataclass(frozen=True)
class LoadPoint:
    connections: int
    result: WrkResult


@dataclass(frozen=True)
class HttpResult:
    app: Target
    """The first page of the user with 20 notes."""
    app_many: Target
    """The first page of the user with 100,000 notes."""
    memory: Target
    asyncpg: Target
    psycopg: Target
    load: list[LoadPoint]
    worker_rss_bytes: list[int]

    @property
    def targets(self) -> list[Target]:
        return [self.app, self.app_many, self.memory, self.asyncpg, self.psycopg]


def run(environment: BenchEnvironment, settings: Settings) -> HttpResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk not found on PATH: install wrk (Debian) or enter `nix develop`")
    app = Target(f"notes list, first page ({NOTES_PER_USER} notes)", "app.server:create_app")
    app_many = Target("notes list, first page (100,000 notes)", app.factory, port=app.port)
    memory = Target("ceiling: bytes from memory", "bench.ceilings:memory_app")
    asyncpg = Target("ceiling: one query, asyncpg", "bench.ceilings:asyncpg_app")
    psycopg = Target("ceiling: one query, psycopg", "bench.ceilings:psycopg_app")

    with ExitStack() as stack:
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-http-")))
        body_file = work_dir / "body.json"
        env = {
            **environment.env,
            "BENCH_OWNER_ID": environment.owner_id,
            "BENCH_BODY_FILE": str(body_file),
        }

        def serve(target: Target, ready_url: str) -> subprocess.Popen:
            command = uvicorn_command(target.factory, target.port)
            process = stack.enter_context(running(command, env, work_dir / f"{target.port}.log"))
            wait_for_status(ready_url, 200, time.monotonic() + START_TIMEOUT, process)
            return process

        app_process = serve(app, f"http://{HOST}:{app.port}/healthcheck")
        app.header = _sign_in(app.port, EMAIL)
        app_many.header = _sign_in(app.port, MANY_NOTES_EMAIL)
        body = _get(app.url, app.header)
        if body.count(b'"id":"note_') != NOTES_PER_USER:
            raise RuntimeError(f"expected {NOTES_PER_USER} notes from {app.url}: {body[:200]!r}")
        if _get(app_many.url, app_many.header).count(b'"id":"note_') != NOTES_PER_USER:
            raise RuntimeError(f"expected a page of {NOTES_PER_USER} notes from {app_many.url}")
        body_file.write_bytes(body)
        for ceiling in (memory, asyncpg, psycopg):
            ceiling.header = app.header
            serve(ceiling, ceiling.url)
            if _get(ceiling.url, app.header) != body:
                raise RuntimeError(f"{ceiling.name} does not answer the app's bytes")

        targets = [app, app_many, memory, asyncpg, psycopg]
        for target in targets:
            _wrk(wrk, target, settings.connections, settings, settings.warmup_seconds)
        for _ in range(settings.rounds):
            for target in targets:
                result = _wrk(
                    wrk, target, settings.connections, settings, settings.duration_seconds
                )
                target.requests_per_second.append(result.requests_per_second)
                target.p50_ms.append(result.p50_ms)
                target.p99_ms.append(result.p99_ms)

        # Failures under load are figures to report, not reasons to stop.
        load = [
            LoadPoint(n, _wrk(wrk, app, n, settings, settings.duration_seconds * 2, strict=False))
            for n in LOAD_CONNECTIONS
        ]
        # uvicorn's workers, not multiprocessing's resource tracker beside them.
        workers = [
            child
            for child in psutil.Process(app_process.pid).children(recursive=True)
            if "spawn_main" in " ".join(child.cmdline())
        ]
        rss = sorted(worker.memory_info().rss for worker in workers)
    return HttpResult(app, app_many, memory, asyncpg, psycopg, load, rss)


def _sign_in(port: int, email: str) -> str:
    with httpx.Client(base_url=f"http://{HOST}:{port}") as client:
        client.get("/healthcheck").raise_for_status()
        client.post(
            "/api/auth/sign-in",
            json={"email": email, "password": PASSWORD},
            headers={CSRF_HEADER: client.cookies[CSRF_COOKIE]},
        ).raise_for_status()
        # Both cookies, as a browser sends them: without the CSRF cookie every response would
        # carry a newly signed one.
        cookies = {name: client.cookies[name] for name in (SESSION_COOKIE, CSRF_COOKIE)}
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _get(url: str, header: str) -> bytes:
    response = httpx.get(url, headers={"Cookie": header})
    response.raise_for_status()
    return response.content


def _wrk(
    wrk: str,
    target: Target,
    connections: int,
    settings: Settings,
    seconds: int,
    *,
    strict: bool = True,
) -> WrkResult:
    # wrk's own timeout well above the pool's, so a slow answer is measured, not dropped.
    command = [
        wrk, "--latency", "--timeout", f"{POOL_TIMEOUT_SECONDS * 3}s",
        "-H", f"Cookie: {target.header}", f"-t{settings.threads}", f"-c{connections}",
        f"-d{seconds}s", target.url,
    ]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    requests_per_second = re.search(r"Requests/sec:\s+([\d.]+)", output)
    maximum = re.search(r"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\s", output, re.MULTILINE)
    if requests_per_second is None or maximum is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    if strict and errors:
        raise RuntimeError(f"wrk saw failed requests against {target.url}:\n{output}")
    return WrkResult(
        float(requests_per_second.group(1)),
        _latency(output, "50%"),
        _latency(output, "99%"),
        float(maximum.group(1)) * MILLISECONDS[maximum.group(2)],
        errors,
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


def load_rows(load: list[LoadPoint]) -> Iterator[list[str]]:
    for point in load:
        result = point.result
        yield [
            str(point.connections),
            f"{result.requests_per_second:,.1f}",
            f"{result.p50_ms:,.1f}",
            f"{result.p99_ms:,.1f}",
            f"{result.max_ms:,.1f}",
            str(result.errors),
        ]


def ratio(numerator: Target, denominator: Target) -> str:
    """Median of the per-round ratios, with their range: rounds alternate, so each pair is fair."""
    ratios = [
        a / b
        for a, b in zip(numerator.requests_per_second, denominator.requests_per_second, strict=True)
    ]
    return f"{statistics.median(ratios):.2f}x ({min(ratios):.2f} to {max(ratios):.2f})"


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.1f} ({min(values):,.1f} to {max(values):,.1f})"
