"""The web servers as an operator runs them: real ``newsdesk web`` and ``serve`` processes on
127.0.0.1, asked over HTTP for pages and static files, stopped with SIGTERM.

Static files come with hashed names, brotli or gzip as the client accepts, a year's cache
lifetime and the same security headers as pages; pages come gzipped. Behind TLS, cookies are
Secure, HSTS goes out on requests the trusted proxy header says are HTTPS, and only the
configured origin may post.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import signal
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest

from tests.support.processes import NEWSDESK, free_port

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
ORIGIN = "https://news.example.org"


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    data_dir: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
        return self.request("GET", path, headers=headers)

    def request(
        self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
    ) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        response.read_body = response.read()  # type: ignore[attr-defined]
        connection.close()
        return response

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGTERM)
        _, stderr = self.process.communicate(timeout=60)
        return self.process.returncode, stderr


def body(response: http.client.HTTPResponse) -> bytes:
    return bytes(response.read_body)  # type: ignore[attr-defined]


def start(command: list[str], data_dir: Path, env: dict[str, str] | None = None) -> Server:
    environ = {**os.environ, "NEWSDESK_DATA_DIR": str(data_dir), **(env or {})}
    environ.pop("DATABASE_URL", None)
    port = free_port()
    process = subprocess.Popen(
        [*NEWSDESK, *command, "--port", str(port)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = Server(process, port, data_dir)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server stopped: {process.communicate()[1]}")
        try:
            server.get("/")
            return server
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise TimeoutError("the server did not answer")


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``newsdesk web`` with two processes, on a data directory others may read (made so
    before the first start)."""
    data_dir = tmp_path_factory.mktemp("web") / "data"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    (data_dir / "metrics" / "web-999999999").mkdir(parents=True)  # a run that died
    server = start(["web", "--processes", "2", "--threads", "2"], data_dir)
    yield server
    if server.process.poll() is None:
        server.process.kill()
        server.process.wait()


def static_url(page: bytes, name: str) -> str:
    stem, extension = name.rsplit(".", 1)
    found = re.search(rf'"(/static/{re.escape(stem)}\.[0-9a-f]{{12}}\.{extension})"', page.decode())
    assert found, f"{name} is not named by a hashed name"
    return found.group(1)


def test_static_files_are_hashed_compressed_and_cached_for_a_year(web: Server) -> None:
    url = static_url(body(web.get("/")), "web/site.css")
    plain = web.get(url)
    assert plain.status == 200 and plain.getheader("Content-Encoding") is None
    assert b"--" in body(plain)  # the stylesheet itself
    cache = plain.getheader("Cache-Control", "")
    assert "immutable" in cache and "public" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600  # type: ignore[union-attr]
    assert "Accept-Encoding" in plain.getheader("Vary", "")
    for name in SECURITY_HEADERS:
        assert plain.getheader(name), name
    assert plain.getheader("X-Content-Type-Options") == "nosniff"

    as_brotli = web.get(url, {"Accept-Encoding": "gzip, deflate, br"})
    assert as_brotli.getheader("Content-Encoding") == "br"
    assert brotli.decompress(body(as_brotli)) == body(plain)
    assert int(as_brotli.getheader("Content-Length", "0")) < len(body(plain)) / 3
    as_gzip = web.get(url, {"Accept-Encoding": "gzip"})
    assert as_gzip.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body(as_gzip)) == body(plain)
    assert "Content-Security-Policy" in dict(as_gzip.getheaders())

    head = web.request("HEAD", url)
    assert head.status == 200 and body(head) == b""
    assert head.getheader("Content-Length") == str(len(body(plain)))

    # Only hashed names are kept: an unversioned address cannot be cached for ever by mistake.
    assert web.get("/static/web/site.css").status == 404


def test_pages_are_gzipped_and_the_service_worker_names_hashed_files(web: Server) -> None:
    assert web.request("HEAD", "/").status == 200
    home = web.get("/", {"Accept-Encoding": "gzip, br"})
    assert home.status == 200 and home.getheader("Content-Encoding") == "gzip"
    html = gzip.decompress(body(home))
    assert b"<html" in html and "Accept-Encoding" in home.getheader("Vary", "")
    worker = body(web.get("/sw.js")).decode()
    shell = re.findall(r'"(/static/[^"]+\.\w+)"', worker)
    assert len(shell) >= 5
    for url in shell:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url
        assert web.get(url).status == 200, url


def test_web_runs_the_processes_asked_for_and_stops_on_sigterm(web: Server) -> None:
    children = [
        pid for pid in os.listdir("/proc") if pid.isdigit() and _parent(int(pid)) == web.process.pid
    ]
    assert len(children) == 2
    # PROMETHEUS_MULTIPROC_DIR of this run; the dead run's directory is gone.
    [metrics] = list((web.data_dir / "metrics").iterdir())
    assert metrics.name == f"web-{web.process.pid}" and metrics.is_dir()
    # A data directory that others may read is reported and left as the operator made it.
    assert stat.S_IMODE(web.data_dir.stat().st_mode) == 0o755
    code, stderr = web.stop()
    assert code == 0, stderr
    assert "mode 755" in stderr and "chmod 700" in stderr
    assert "no-body response" not in stderr  # HEAD requests were answered without a warning
    assert not metrics.exists()
    for child in children:
        assert not Path(f"/proc/{child}").exists()


def _parent(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[1])


def test_serve_gives_static_files_the_same_headers(tmp_path: Path) -> None:
    server = start(["serve", "--add-defaults", "none", "--workers", "0"], tmp_path / "data")
    try:
        url = static_url(body(server.get("/")), "web/site.js")
        response = server.get(url, {"Accept-Encoding": "br"})
        assert response.status == 200 and response.getheader("Content-Encoding") == "br"
        assert "immutable" in response.getheader("Cache-Control", "")
        for name in SECURITY_HEADERS:
            assert response.getheader(name), name
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr


def test_behind_tls(tmp_path: Path) -> None:
    server = start(
        ["web", "--processes", "1", "--threads", "2"],
        tmp_path / "data",
        {
            "NEWSDESK_BEHIND_TLS": "1",
            "NEWSDESK_PROXY_SCHEME_HEADER": "X-Forwarded-Proto",
            "NEWSDESK_ORIGIN": ORIGIN,
            "NEWSDESK_HSTS_SECONDS": "600",
            "NEWSDESK_TRUSTED_PROXIES": "127.0.0.1",
        },
    )
    proxied = {"Host": "news.example.org", "X-Forwarded-Proto": "https"}
    try:
        login = server.get("/accounts/login/", proxied)
        assert login.status == 200
        assert login.getheader("Strict-Transport-Security") == "max-age=600"
        cookie = login.getheader("Set-Cookie", "")
        assert cookie.startswith("csrftoken=") and "Secure" in cookie
        # Without the proxy's word it is not HTTPS, whatever gunicorn would believe by itself.
        spoofed = {"Host": "news.example.org", "X-Forwarded-Ssl": "on"}
        plain = server.get("/accounts/login/", spoofed)
        assert plain.status == 200 and plain.getheader("Strict-Transport-Security") is None

        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body(login).decode())
        assert token
        csrf = cookie.split(";")[0]
        form = f"csrfmiddlewaretoken={token.group(1)}&login=a%40example.org&password=wrong"
        posted = {
            **proxied,
            "Cookie": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"{ORIGIN}/accounts/login/",
        }
        ours = server.request("POST", "/accounts/login/", form, {**posted, "Origin": ORIGIN})
        assert ours.status == 200  # the form again, with "wrong password": past the CSRF check
        forged = {**posted, "Origin": "https://evil.example"}
        assert server.request("POST", "/accounts/login/", form, forged).status == 403

        # Failed sign-ins are counted per client, read from the trusted proxy's X-Forwarded-For:
        # ten from one reader lock that reader out, not everyone behind the proxy.
        def sign_in(client: str, attempt: int) -> bytes:
            form = f"csrfmiddlewaretoken={token.group(1)}&login=r{attempt}%40example.org&password=x"
            headers = {**posted, "Origin": ORIGIN, "X-Forwarded-For": f"198.51.100.9, {client}"}
            return body(server.request("POST", "/accounts/login/", form, headers))

        for attempt in range(10):
            assert b"Too many failed" not in sign_in("203.0.113.5", attempt)
        assert b"Too many failed" in sign_in("203.0.113.5", 10)
        assert b"Too many failed" not in sign_in("203.0.113.6", 11)
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr


def test_a_static_root_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    environ = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    environ["NEWSDESK_STATIC_ROOT"] = str(blocker / "static")
    environ.pop("DATABASE_URL", None)
    result = subprocess.run(
        [*NEWSDESK, "web", "--port", str(free_port())],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"cannot collect the static files into {blocker / 'static'}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["0", "-2", "two"])
def test_web_wants_at_least_one_process_and_thread(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdesk.cli.main import build_parser

    for option in ("--processes", "--threads"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["web", option, value])
        assert f"argument {option}: must be a whole number from 1" in capsys.readouterr().err
    arguments = build_parser().parse_args(["web", "--processes", "3"])
    assert (arguments.processes, arguments.threads) == (3, 4)


def test_serve_starts_its_workers_once_the_first_page_is_answered(tmp_path: Path) -> None:
    """Loading the workers (the job code, then the models of their first jobs) waits for the
    first page, which would otherwise share the interpreter with it (decision 54)."""
    environ = {**os.environ, "NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    environ.pop("DATABASE_URL", None)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*NEWSDESK, "serve", "--add-defaults", "none", "--workers", "1", "--port", str(port)],
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            text=True,
        )
    server = Server(process, port, tmp_path / "data")
    try:
        deadline = time.monotonic() + 120
        while "serving on" not in log.read_text():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        time.sleep(1)
        assert "worker threads started" not in log.read_text()  # no page asked for yet
        assert server.get("/").status == 200
        while "worker threads started" not in log.read_text():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
    finally:
        code, _ = server.stop()
    lines = log.read_text().splitlines()
    page = next(at for at, line in enumerate(lines) if "GET / 200" in line)
    started = next(at for at, line in enumerate(lines) if "worker threads started" in line)
    assert code == 0 and page < started, lines


def test_a_serving_process_freezes_what_its_first_requests_made() -> None:
    """What a process's first requests load (templates, modules, prepared queries) is frozen by
    the first full collection after the chosen requests, once each, so later full collections
    stop walking it; no collection is added for it (decision 94)."""
    import gc

    from newsdesk.cli.serving import _settling

    kept: list[object] = []

    def application(environ: dict[str, object], start_response: object) -> list[bytes]:
        kept.append({"loaded": [environ["PATH_INFO"]]})  # lives as long as the process
        return [b"ok"]

    app = _settling(application, after=(3, 5))
    frozen, collected = [], []

    def in_sight() -> list[bool]:
        seen = {id(item) for item in gc.get_objects()}  # the permanent generation left out
        return [id(item) in seen for item in kept]

    try:
        for number in range(1, 7):
            assert app({"PATH_INFO": f"/{number}"}, None) == [b"ok"]
            before = gc.get_freeze_count()
            gc.collect(1)  # a younger collection never freezes
            # Frozen objects can still be freed when their last reference goes (another thread of
            # the test process did so once), so the count may fall; a freeze would raise it and
            # take this request's object out of the collector's sight.
            assert gc.get_freeze_count() <= before
            assert in_sight()[-1]
            gc.collect()  # as the collector's own full collection
            frozen.append(gc.get_freeze_count() > before)
            collected.append(in_sight())
    finally:
        gc.callbacks.remove(app.after_collection)
        gc.unfreeze()
    assert frozen == [False, False, True, False, True, False]
    assert collected[1] == [True, True]  # before the third request, in the collector's sight
    assert collected[2] == [False, False, False]
    assert collected[3] == [False, False, False, True]
