"""Structured logging: JSON lines in production, readable console output elsewhere.

Standard-library loggers (uvicorn, celery, sqlalchemy) are routed through the same structlog
processors so every line has one shape, and the request id bound by the middleware appears on
everything logged while a request is handled.
"""

import logging
import sys

import structlog

from app.settings import LogFormat, Settings

# Celery logs three info lines for every run of a task (sent by beat, received, succeeded). The
# outbox relay runs every 30 seconds and logs by itself when it has work, so its routine runs stay
# quiet; anything it logs at warning or above still shows.
ROUTINE_TASKS = ("app.jobs.email.relay_pending_emails",)


class RoutineTaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO or not record.name.startswith("celery"):
            return True
        message = record.getMessage()
        return not any(task in message for task in ROUTINE_TASKS)


def _tidy_library_fields(
    _logger: object, _method: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    """Drops what libraries pass as `extra` that only repeats the message (uvicorn's
    `color_message`, Celery's task `data`), and names uvicorn's server log `uvicorn`: it logs
    every start and stop as `uvicorn.error`, a historic name that makes them look like errors."""
    event_dict.pop("color_message", None)
    logger = str(event_dict.get("logger", ""))
    if logger.startswith("celery"):
        event_dict.pop("data", None)
    elif logger == "uvicorn.error":
        event_dict["logger"] = "uvicorn"
    return event_dict


def configure_logging(settings: Settings) -> None:
    shared_processors: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
        _tidy_library_fields,
    ]
    renderer: structlog.types.Processor
    if settings.effective_log_format is LogFormat.JSON:
        shared_processors.append(structlog.processors.format_exc_info)
        renderer = structlog.processors.JSONRenderer()
    else:
        colors = sys.stderr.isatty()
        renderer = structlog.dev.ConsoleRenderer(
            colors=colors,
            exception_formatter=structlog.dev.RichTracebackFormatter(
                # Rendering every frame's locals takes seconds with objects as large as the app.
                show_locals=False,
                # Escape codes only for a terminal, so log files stay plain text.
                color_system="auto" if colors else None,
            ),
        )

    structlog.configure(
        processors=[*shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

    handler = logging.StreamHandler()
    handler.addFilter(RoutineTaskFilter())
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared_processors,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # The request middleware logs every request with its duration; uvicorn's own access log would
    # only repeat it without the request id.
    logging.getLogger("uvicorn.access").handlers.clear()
    logging.getLogger("uvicorn.access").propagate = False
    for name in ("uvicorn", "uvicorn.error", "celery"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
