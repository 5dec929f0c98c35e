"""What the structured logs leave out: repeated library fields and the relay's routine runs."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

from app.logs import configure_logging
from app.settings import LogFormat, Settings


@pytest.fixture
def json_logs() -> Iterator[io.StringIO]:
    """The app's logging set up for JSON, writing into a buffer."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    configure_logging(Settings(log_format=LogFormat.JSON, log_level="INFO"))
    output = io.StringIO()
    (handler,) = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(output)
    yield output
    root.handlers[:], root.level = handlers, level


def logged(output: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.getvalue().splitlines()]


def test_uvicorn_lines_carry_no_color_message_nor_error_in_their_name(
    json_logs: io.StringIO,
) -> None:
    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]", 42, extra={"color_message": "Started \x1b[36m%d\x1b[0m"}
    )
    (line,) = logged(json_logs)
    assert line["event"] == "Started server process [42]"
    assert line["logger"] == "uvicorn"
    assert "color_message" not in line


def test_the_relays_routine_runs_are_quiet_and_its_failures_are_not(
    json_logs: io.StringIO,
) -> None:
    relay = {"name": "app.jobs.email.relay_pending_emails", "id": "1", "return_value": "0"}
    email = {"name": "app.jobs.email.deliver_email", "id": "2", "return_value": "True"}
    trace = logging.getLogger("celery.app.trace")
    beat = logging.getLogger("celery.beat")
    beat.info("Scheduler: Sending due task %s (%s)", "relay", relay["name"])
    trace.info("Task %(name)s[%(id)s] succeeded: %(return_value)s", relay, extra={"data": relay})
    trace.info("Task %(name)s[%(id)s] succeeded: %(return_value)s", email, extra={"data": email})
    trace.error("Task %(name)s[%(id)s] raised unexpected: boom", relay)

    lines = logged(json_logs)
    assert [line["event"] for line in lines] == [
        "Task app.jobs.email.deliver_email[2] succeeded: True",
        "Task app.jobs.email.relay_pending_emails[1] raised unexpected: boom",
    ]
    assert "data" not in lines[0]
