"""`python -m bench [http] [startup] [recovery] [web] [suite]`: run benchmarks (default all)."""

import argparse
import statistics
from contextlib import ExitStack

from app.db import POOL_TIMEOUT_SECONDS
from bench import http, recovery, startup, suite, web
from bench.environment import bench_environment
from bench.processes import UVICORN_FLAGS
from bench.report import machine, seconds, table

BENCHMARKS = ("http", "startup", "recovery", "web", "suite")
NOTES_LIST_TARGET = 0.5
PAGE_FLATNESS_TARGET = 0.1
COLD_START_TARGET_SECONDS = 1.5
INITIAL_JS_TARGET_KIB = 120
SUITE_TARGET_SECONDS = 180


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "benchmarks", nargs="*", metavar="BENCHMARK", help=f"{', '.join(BENCHMARKS)} (default: all)"
    )
    parser.add_argument("--rounds", type=int, default=http.Settings.rounds, help="HTTP rounds")
    parser.add_argument(
        "--duration", type=int, default=http.Settings.duration_seconds, help="seconds per round"
    )
    args = parser.parse_args()
    if unknown := set(args.benchmarks) - set(BENCHMARKS):
        parser.error(f"unknown benchmark {', '.join(sorted(unknown))}")
    selected = args.benchmarks or BENCHMARKS

    print(f"Machine: {machine()}\n")
    summary: list[list[str]] = []
    with ExitStack() as stack:
        if {"http", "startup", "recovery"} & set(selected):
            environment = stack.enter_context(bench_environment())
            if "http" in selected:
                settings = http.Settings(rounds=args.rounds, duration_seconds=args.duration)
                summary += _http(http.run(environment, settings), settings)
            if "startup" in selected:
                summary += _startup(startup.run(environment))
            if "recovery" in selected:
                summary += _recovery(recovery.run(environment))
    if "web" in selected:
        web.build()
        summary += _web(web.measure())
    if "suite" in selected:
        summary += _suite(suite.run())
    print(table(["Benchmark", "Result", "Target"], summary))


def _http(result: http.HttpResult, settings: http.Settings) -> list[list[str]]:
    print(
        f"HTTP: GET {http.PATH} signed in, first page; uvicorn {' '.join(UVICORN_FLAGS)}; "
        f"wrk -t{settings.threads} -c{settings.connections}, {settings.warmup_seconds} s warm-up, "
        f"then {settings.rounds} alternating rounds of {settings.duration_seconds} s; "
        "median (min to max)\n"
    )
    print(table(["Target", "req/s", "p50 ms", "p99 ms"], list(http.rows(result.targets))) + "\n")
    print(
        f"Load curve: the notes list, {settings.duration_seconds * 2} s at each number of "
        f"connections (pool timeout {POOL_TIMEOUT_SECONDS} s)\n"
    )
    header = ["Connections", "req/s", "p50 ms", "p99 ms", "max ms", "errors"]
    print(table(header, list(http.load_rows(result.load))) + "\n")
    rss = ", ".join(f"{size / 2**20:.0f} MiB" for size in result.worker_rss_bytes)
    p99 = statistics.median(result.app.p99_ms)
    p99_asyncpg = statistics.median(result.asyncpg.p99_ms)
    return [
        [
            "notes list / one-query ceiling (asyncpg)",
            http.ratio(result.app, result.asyncpg),
            f"≥ {NOTES_LIST_TARGET}x",
        ],
        ["notes list / one-query ceiling (psycopg)", http.ratio(result.app, result.psycopg), ""],
        ["notes list / bytes-from-memory ceiling", http.ratio(result.app, result.memory), ""],
        ["notes list p99 (asyncpg ceiling's)", f"{p99:.1f} ms ({p99_asyncpg:.1f} ms)", ""],
        [
            "first page: 100,000 notes / 20 notes",
            http.ratio(result.app_many, result.app),
            f"within {PAGE_FLATNESS_TARGET:.0%}",
        ],
        *(_load_row(point) for point in result.load),
        ["RSS per API worker after the load", rss, ""],
    ]


def _load_row(point: http.LoadPoint) -> list[str]:
    result = point.result
    return [
        f"load: {point.connections} connections",
        f"{result.requests_per_second:,.0f} req/s, p99 {result.p99_ms:,.0f} ms, "
        f"max {result.max_ms / 1000:.1f} s, {result.errors} errors",
        f"0 errors, max < {POOL_TIMEOUT_SECONDS} s",
    ]


def _startup(result: startup.StartupResult) -> list[list[str]]:
    return [
        ["import app.server", _spread(result.import_seconds), ""],
        [
            "app serve: exec to first 200 /healthcheck",
            _spread(result.cold_start_seconds),
            f"< {COLD_START_TARGET_SECONDS} s",
        ],
    ]


def _recovery(seconds_after_restart: list[float]) -> list[list[str]]:
    return [
        [
            "PostgreSQL restart: back up to first 200 /healthcheck",
            _spread(seconds_after_restart),
            "",
        ]
    ]


def _web(result: web.WebResult) -> list[list[str]]:
    return [
        ["web: landing page JS, gzip", _kib(result.js_bytes), f"≤ {INITIAL_JS_TARGET_KIB} KiB"],
        ["web: landing page CSS, gzip", _kib(result.css_bytes), ""],
    ]


def _suite(result: suite.SuiteResult) -> list[list[str]]:
    def timing(value: suite.Timing) -> str:
        return f"{seconds(value.wall)} (CPU {seconds(value.cpu)})"

    rows = [["tests: lint (ruff, pyright), alone", timing(result.recipes["lint"]), ""]]
    rows += [
        [f"tests: {group}, test time over all workers", seconds(time), ""]
        for group, time in result.python_suites.items()
    ]
    rows += [
        ["tests: pytest, all workers' test time", seconds(result.python_tests), ""],
        ["tests: pytest, wall time in `just test`", seconds(result.pytest_wall), ""],
        ["tests: web (types, lint, format, vitest), alone", timing(result.recipes["test_web"]), ""],
        [
            "tests: `just test` in total",
            timing(result.total),
            f"< {SUITE_TARGET_SECONDS // 60} min",
        ],
    ]
    return rows


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f} to {max(values):.2f})"


def _kib(size: int) -> str:
    return f"{size / 1024:.1f} KiB"


if __name__ == "__main__":
    main()
