"""The `app` command: every lifecycle task of the backend, the same in development and the image."""

import code
import json
import sys
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import Annotated

import typer

from app.settings import Settings, get_settings

cli = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)


@cli.command()
def serve(
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development)")] = False,
) -> None:
    """Serve the API and the web build with uvicorn on HOST:PORT."""
    import uvicorn  # noqa: PLC0415 - keep `app --help` and the health check fast

    settings = get_settings()
    if settings.migrate_on_start:
        from app.migrate import migrate  # noqa: PLC0415

        migrate()
    uvicorn.run(
        "app.server:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=None if reload else settings.web_concurrency,
        reload=reload,
        reload_dirs=["app"] if reload else None,
        log_config=None,
        access_log=False,
        # The app applies X-Forwarded-* itself, from FORWARDED_ALLOW_IPS (app.server).
        proxy_headers=False,
        timeout_graceful_shutdown=20,
    )


@cli.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def worker(
    ctx: typer.Context,
    beat: Annotated[
        bool, typer.Option(help="Also run the periodic scheduler (one process per deployment)")
    ] = False,
) -> None:
    """Run a Celery worker; extra arguments go to `celery worker` (e.g. --concurrency 4)."""
    from celery.exceptions import SecurityWarning  # noqa: PLC0415

    from app.jobs.celery_app import celery_app, configure_celery  # noqa: PLC0415

    settings = get_settings()
    if not settings.is_production:
        # Development machines and CI run everything as root, so Celery's warning about a worker
        # running as root would greet every start. The image runs as an unprivileged user; in
        # production the warning stays.
        warnings.filterwarnings(
            "ignore",
            message="You're running the worker with superuser privileges",
            category=SecurityWarning,
        )
    configure_celery(settings)
    argv = ["worker", "--loglevel", settings.log_level, *ctx.args]
    if beat:
        argv.append("--beat")
    celery_app.worker_main(argv)


@cli.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision")] = "head") -> None:
    """Upgrade the database schema (serialized across processes by an advisory lock)."""
    from app.migrate import migrate as run_migrations  # noqa: PLC0415

    run_migrations(revision)


@cli.command()
def seed() -> None:
    """Create the development admin and demo users with a few notes; refuses in production."""
    from app.seed import seed_development_data  # noqa: PLC0415

    if get_settings().is_production:
        typer.echo("Refusing to seed a production database.", err=True)
        raise typer.Exit(1)
    for line in seed_development_data():
        typer.echo(line)


@cli.command("clear-rate-limits")
def clear_rate_limits() -> None:
    """Forget every throttle and quota counted so far, ending every sign-in delay."""
    import asyncio  # noqa: PLC0415

    from app.security.rate_limit import clear_throttles  # noqa: PLC0415

    removed = asyncio.run(clear_throttles())
    typer.echo(f"Cleared {removed} throttle counter(s); every sign-in delay is over.")


@cli.command()
def console() -> None:
    """A Python REPL with the settings, the models, a database session and the query helpers."""
    import sqlalchemy  # noqa: PLC0415
    import sqlmodel  # noqa: PLC0415

    from app import models  # noqa: PLC0415
    from app.db import sync_session  # noqa: PLC0415

    helpers = {
        "select": sqlmodel.select,
        "col": sqlmodel.col,
        "func": sqlalchemy.func,
        "and_": sqlalchemy.and_,
        "or_": sqlalchemy.or_,
        "delete": sqlalchemy.delete,
        "update": sqlalchemy.update,
        "text": sqlalchemy.text,
    }
    with sync_session() as db:
        namespace = {
            "settings": get_settings(),
            "db": db,
            "models": models,
            **{n: getattr(models, n) for n in models.__all__},
            **helpers,
        }
        banner = (
            "app console: `db` is a Session, e.g. db.exec(select(User).limit(5)).all()\n"
            f"models: {', '.join(models.__all__)}\nhelpers: {', '.join(helpers)}, settings"
        )
        code.interact(banner=banner, local=namespace, exitmsg="")


@cli.command()
def openapi(
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout")] = None,
) -> None:
    """Print or write the OpenAPI schema (the web client is generated from it)."""
    from app.server import create_app  # noqa: PLC0415

    schema = json.dumps(create_app().openapi(), indent=2, sort_keys=True) + "\n"
    if output is None:
        sys.stdout.write(schema)
    else:
        output.write_text(schema)


@cli.command()
def healthcheck() -> None:
    """Exit 0 when GET /healthcheck on this host's PORT answers 200 (container health check)."""
    url = f"http://127.0.0.1:{get_settings().port}/healthcheck"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read().decode()
    except (urllib.error.URLError, OSError) as error:
        typer.echo(f"unhealthy: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(body)


@cli.command("env-docs")
def env_docs() -> None:
    """Print the Markdown table of environment variables that the README embeds."""
    typer.echo(environment_table())


def environment_table() -> str:
    rows = ["| Variable | Default | Description |", "| --- | --- | --- |"]
    for name, field in Settings.model_fields.items():
        default = field.default.value if hasattr(field.default, "value") else field.default
        shown = "" if default is None else f"`{default}`"
        # A docstring may wrap; a Markdown table row may not.
        description = " ".join((field.description or "").split())
        rows.append(f"| `{name.upper()}` | {shown} | {description} |")
    return "\n".join(rows)


def main() -> None:
    cli()
