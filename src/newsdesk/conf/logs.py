"""Log lines: the two formats and the ``LOGGING`` configuration every process uses.

Text (the default) is one line a record, for people and ``journalctl``::

    2026-12-06T21:30:00.123Z INFO newsdesk.access GET /story/12/ 200 route=story/<int:pk>/ ...

JSON (``NEWSDESK_LOG_FORMAT=json``) is one object a line, for log shippers::

    {"time": "2026-12-06T21:30:00.123Z", "level": "INFO", "logger": "newsdesk.access",
     "message": "GET /story/12/ 200", "route": "story/<int:pk>/", ...}

Both carry the record's extra fields (``logger.info(..., extra={"job": "article", ...})``):
as ``key=value`` after the message in text, as keys of the object in JSON. Only plain values
(text, numbers, booleans, None) are extra fields; objects some libraries attach for their own
handlers (Django's ``request``) are left out. Times are UTC with milliseconds.

Every line goes to standard error through one handler on the root logger: newsdesk's own
loggers, Django's, and the web server's (waitress) all propagate to it.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from newsdesk.settings import Settings

# The attributes every LogRecord has; whatever else a record carries came in through ``extra``.
_RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
_PLAIN = (str, int, float, bool, type(None))
# The paths ``web.probes`` answers (it logs readiness changes itself).
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The extra fields of a record that are plain values, in the order they were given."""
    return {
        key: value
        for key, value in vars(record).items()
        if key not in _RECORD_FIELDS and not key.startswith("_") and isinstance(value, _PLAIN)
    }


def utc_time(record: logging.LogRecord) -> str:
    """``2026-12-06T21:30:00.123Z``: the record's creation time in UTC, to the millisecond."""
    moment = datetime.fromtimestamp(record.created, UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{int(record.msecs):03d}Z"


class TextFormatter(logging.Formatter):
    """``TIME LEVEL LOGGER message key=value ...``, the traceback (if any) on the lines after.
    Empty extras (no item, no error) are left out of the line; JSON keeps every key."""

    def format(self, record: logging.LogRecord) -> str:
        parts = [utc_time(record), record.levelname, record.name, record.getMessage()]
        parts.extend(
            f"{key}={_text_value(value)}"
            for key, value in extra_fields(record).items()
            if value not in ("", None)
        )
        line = " ".join(parts)
        trace = self._trace(record)
        return f"{line}\n{trace}" if trace else line

    def _trace(self, record: logging.LogRecord) -> str:
        trace = ""
        if record.exc_info:
            trace = self.formatException(record.exc_info)
        elif record.exc_text:
            trace = record.exc_text
        if record.stack_info:
            trace = f"{trace}\n{self.formatStack(record.stack_info)}".strip("\n")
        return trace


class JsonFormatter(TextFormatter):
    """One JSON object a line: time, level, logger, message, the extra fields, the traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in extra_fields(record).items():
            entry.setdefault(key, value)
        trace = self._trace(record)
        if trace:
            entry["traceback"] = trace
        return json.dumps(entry, ensure_ascii=False, default=str)


class QuietProbes(logging.Filter):
    """Drops Django's line for a probe's error status ("Service Unavailable: /readyz" every few
    seconds while a site is not ready): readiness logs when it changes, and why."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return getattr(request, "path_info", None) not in PROBE_PATHS


class WithoutTraceback(logging.Filter):
    """Keeps the message of a record and drops its traceback (which says nothing more)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def _text_value(value: object) -> str:
    """A value as it reads after ``key=``: quoted (JSON style) when it has spaces or quotes."""
    text = "" if value is None else str(value)
    if not text or any(c.isspace() or c in "\"'=" for c in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def logging_config(settings: Settings) -> dict[str, Any]:
    """Django's ``LOGGING``: one handler on the root logger with the chosen format.

    ``log_level`` applies to newsdesk's loggers and the web server's; Django's own loggers
    never go below INFO (its DEBUG is every template variable lookup), other libraries stay at
    WARNING (httpx logs every request at INFO; the fetch log is the feed's record).
    """
    level = settings.log_level
    django_level = logging.getLevelName(max(logging.INFO, logging.getLevelName(level)))

    def chosen(level: str = level) -> dict[str, Any]:
        return {"level": level, "propagate": True, "handlers": []}

    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "text": {"()": TextFormatter},
            "json": {"()": JsonFormatter},
        },
        "filters": {
            "quiet_probes": {"()": QuietProbes},
            "without_traceback": {"()": WithoutTraceback},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": settings.log_format},
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "newsdesk": chosen(),
            "waitress": chosen(),
            # Django's defaults give these loggers handlers of their own; ours replace them.
            "django": chosen(django_level),
            "django.server": chosen(django_level),
            # Every 404 would be a warning line beside its access line; errors still show.
            "django.request": {**chosen("ERROR"), "filters": ["quiet_probes"]},
            # A request for a host not in ALLOWED_HOSTS: the message says it all.
            "django.security.DisallowedHost": {**chosen(), "filters": ["without_traceback"]},
            "django_tasks": chosen("WARNING"),
            # Extraction libraries log every page they give up on; the article records the error.
            "readability": {"level": "CRITICAL"},
            "trafilatura": {"level": "ERROR"},
            "htmldate": {"level": "ERROR"},
        },
    }
