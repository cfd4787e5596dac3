"""Log lines: timestamped and leveled text, or one JSON object a line, with the extra fields.

The formats are checked on real requests: in this process through Django's test client, and in
a real process serving HTTP with waitress under the site's own logging configuration.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from newsdesk.conf.logs import JsonFormatter, TextFormatter, logging_config
from newsdesk.errors import ConfigurationError
from newsdesk.settings import Settings
from tests.support.processes import free_port

TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
JOB = {"job": "article", "item": 12, "outcome": "retry", "duration_ms": 8.5, "error": ""}


@pytest.fixture
def lines() -> Iterator[io.StringIO]:
    """What newsdesk's loggers write, through a handler of our own (formatter set per test)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("newsdesk")
    logger.addHandler(handler)
    saved = logger.level
    logger.setLevel(logging.DEBUG)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(saved)


def use(stream: io.StringIO, formatter: logging.Formatter) -> None:
    for handler in logging.getLogger("newsdesk").handlers:
        if getattr(handler, "stream", None) is stream:
            handler.setFormatter(formatter)


def test_text_lines_are_timestamped_and_leveled_with_extras(lines: io.StringIO) -> None:
    use(lines, TextFormatter())
    jobs = logging.getLogger("newsdesk.jobs")
    jobs.info("article job done", extra=JOB)
    jobs.warning("article job failed", extra={**JOB, "error": 'HTTP 503 "busy"', "item": 13})
    first, second = lines.getvalue().splitlines()
    assert re.fullmatch(
        TIME + r" INFO newsdesk\.jobs article job done "
        r"job=article item=12 outcome=retry duration_ms=8\.5",  # an empty error is left out
        first,
    ), first
    assert second.endswith('item=13 outcome=retry duration_ms=8.5 error="HTTP 503 \\"busy\\""')
    assert " WARNING newsdesk.jobs " in second


def test_json_lines_carry_the_extras_and_the_traceback(lines: io.StringIO) -> None:
    use(lines, JsonFormatter())
    jobs = logging.getLogger("newsdesk.jobs")
    jobs.info("article job done", extra=JOB)
    try:
        raise ValueError("the page had no body")
    except ValueError:
        jobs.exception("article job crashed", extra={**JOB, "error": "ValueError"})
    done, crashed = (json.loads(line) for line in lines.getvalue().splitlines())
    assert re.fullmatch(TIME, done["time"])
    assert {k: done[k] for k in ("level", "logger", "message")} == {
        "level": "INFO",
        "logger": "newsdesk.jobs",
        "message": "article job done",
    }
    assert {k: done[k] for k in JOB} == JOB
    assert crashed["level"] == "ERROR" and crashed["error"] == "ValueError"
    assert "Traceback" in crashed["traceback"] and "the page had no body" in crashed["traceback"]


@pytest.mark.django_db
def test_one_access_line_per_request_with_route_status_and_time(
    lines: io.StringIO, client: Client
) -> None:
    use(lines, JsonFormatter())
    client.get("/search/", {"q": "ferry"})
    client.get("/no-such-page/")
    client.get("/healthz")
    access = [json.loads(line) for line in lines.getvalue().splitlines()]
    access = [entry for entry in access if entry["logger"] == "newsdesk.access"]
    assert [(a["method"], a["route"], a["path"], a["status"]) for a in access] == [
        ("GET", "/search/", "/search/", 200),
        ("GET", "unmatched", "/no-such-page/", 404),
        ("GET", "/healthz", "/healthz", 200),
    ]
    assert [a["level"] for a in access] == ["INFO", "INFO", "DEBUG"]  # probes do not flood
    assert all(a["duration_ms"] > 0 and a["bytes"] > 0 for a in access)
    assert access[0]["message"] == "GET /search/ 200"  # the query string is never logged
    assert access[2]["bytes"] == 2


def test_the_settings_choose_the_format_and_level() -> None:
    config = logging_config(Settings.from_env({"NEWSDESK_LOG_FORMAT": "JSON"}))
    assert config["handlers"]["console"]["formatter"] == "json"
    quiet = logging_config(Settings.from_env({"NEWSDESK_LOG_LEVEL": "warning"}))
    assert quiet["loggers"]["newsdesk"]["level"] == "WARNING"
    assert quiet["loggers"]["django"]["level"] == "WARNING"
    verbose = logging_config(Settings.from_env({"NEWSDESK_LOG_LEVEL": "debug"}))
    assert verbose["loggers"]["django"]["level"] == "INFO"  # never Django's template chatter
    for name, bad in (("NEWSDESK_LOG_FORMAT", "xml"), ("NEWSDESK_LOG_LEVEL", "loud")):
        with pytest.raises(ConfigurationError, match=name):
            Settings.from_env({name: bad})


SERVING_CHILD = """
import http.client, logging, sys, threading, time
import django
django.setup()
import waitress
from django.core.wsgi import get_wsgi_application

port = int(sys.argv[1])
threading.Thread(
    target=waitress.serve, args=(get_wsgi_application(),), daemon=True,
    kwargs={"host": "127.0.0.1", "port": port, "threads": 2, "ident": "newsdesk"},
).start()
for path in ("/healthz", "/no-such-page/", "/", "/healthz"):
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            connection.getresponse().read()
            break
        except ConnectionRefusedError:
            time.sleep(0.1)
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 3')
logging.getLogger("newsdesk.jobs").info("article job done", extra={"job": "article", "item": 5})
"""


def serve_and_log(tmp_path: Path, **env: str) -> list[str]:
    """Run a real waitress server under the site's logging settings; its standard error."""
    child_env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "newsdesk.conf.settings",
        **env,
    }
    child_env.pop("DATABASE_URL", None)  # an empty SQLite file: the home page fails (500)
    done = subprocess.run(
        [sys.executable, "-c", SERVING_CHILD, str(free_port())],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()


def test_a_real_server_writes_only_json_lines(tmp_path: Path) -> None:
    stderr = serve_and_log(tmp_path, NEWSDESK_LOG_FORMAT="json", NEWSDESK_LOG_LEVEL="DEBUG")
    entries = [json.loads(line) for line in stderr]  # every line, the traceback too, is JSON
    by_logger = {entry["logger"]: entry for entry in entries}
    assert by_logger["waitress"]["message"].startswith("Serving on http://127.0.0.1:")
    access = [e for e in entries if e["logger"] == "newsdesk.access"]
    assert [(a["path"], a["status"], a["level"]) for a in access] == [
        ("/healthz", 200, "DEBUG"),
        ("/no-such-page/", 404, "INFO"),
        ("/", 500, "INFO"),
        ("/healthz", 200, "DEBUG"),
    ]
    failure = by_logger["django.request"]
    assert failure["level"] == "ERROR" and failure["status_code"] == 500
    assert "no such table" in failure["traceback"]
    assert by_logger["django.server"]["message"] == '"GET / HTTP/1.1" 200 3'
    assert by_logger["newsdesk.jobs"]["item"] == 5
    assert all(re.fullmatch(TIME, entry["time"]) for entry in entries)


def test_a_real_server_writes_timestamped_text_lines(tmp_path: Path) -> None:
    stderr = serve_and_log(tmp_path)
    records = [line for line in stderr if re.match(TIME + " ", line)]
    assert records, stderr
    assert any(" INFO waitress Serving on http://127.0.0.1:" in line for line in records)
    access = [line for line in records if " newsdesk.access " in line]
    assert len(access) == 2  # the two probes are DEBUG lines, below the default INFO
    assert re.fullmatch(
        TIME + r" INFO newsdesk\.access GET /no-such-page/ 404 method=GET route=unmatched "
        r"path=/no-such-page/ status=404 duration_ms=[\d.]+ bytes=\d+",
        access[0],
    ), access[0]
    assert any(" INFO django.server " in line for line in records)
    assert records[-1].endswith("INFO newsdesk.jobs article job done job=article item=5")
    # A traceback follows its record on the next lines.
    failure = next(i for i, line in enumerate(stderr) if " ERROR django.request " in line)
    assert stderr[failure].endswith("Internal Server Error: / status_code=500")
    assert stderr[failure + 1] == "Traceback (most recent call last):"


def test_newsdesk_web_writes_only_json_lines_gunicorn_included(tmp_path: Path) -> None:
    """The whole multi-process server: the command's own lines, static collection, gunicorn's
    master and processes, and the access log all come out as JSON."""
    port = free_port()
    env = {**os.environ, "NEWSDESK_LOG_FORMAT": "json", "NEWSDESK_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "newsdesk.cli.main", "web", "--port", str(port),
               "--processes", "2"]  # fmt: skip
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    assert answer.status == 200
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.3)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    entries = [json.loads(line) for line in stderr.splitlines()]
    loggers = {entry["logger"] for entry in entries}
    assert {"newsdesk.web", "gunicorn.error", "newsdesk.access"} <= loggers
    assert any(e["message"].startswith("Booting worker") for e in entries)
    assert any(e["logger"] == "newsdesk.access" and e["path"] == "/" for e in entries)
