"""Bounded body reading: wire-size cap, incremental content decoding, decoded-size cap.

Decoders are pull-based generators over the wire chunks and never produce more than
:data:`OUTPUT_CHUNK` bytes per step: zlib gets a ``max_length``, brotli an
``output_buffer_limit``, zstd is read through a stream reader in bounded reads with a bounded
window. The reader stops as soon as a cap is crossed, so a 1 GiB compression bomb costs a few
megabytes of memory and the time to inflate up to the cap, never the whole bomb.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import brotli
import zstandard

from newsdesk.errors import DeadlineExceededError, FetchError, ResponseTooLargeError

OUTPUT_CHUNK = 64 * 1024
ZSTD_MAX_WINDOW = 8 * 2**20  # RFC 9659: HTTP zstd decoders need at most an 8 MiB window

Decoder = Callable[[Iterator[bytes]], Iterator[bytes]]


@dataclass(frozen=True)
class BodyLimits:
    """Caps for one body. With ``truncate`` the body is cut at the caps instead of refused."""

    max_bytes: int
    max_decoded_bytes: int
    deadline: float
    truncate: bool = False


def read_body(chunks: Iterable[bytes], content_encoding: str, limits: BodyLimits) -> bytes:
    """Read, decode and return a body within ``limits``.

    Raises :class:`ResponseTooLargeError` when a cap is crossed (unless ``truncate``),
    :class:`DeadlineExceededError` when the deadline passes, :class:`FetchError` when the body
    cannot be decoded. A body with a coding this module does not know is returned as it came.
    """
    stream = _wire_capped(iter(chunks), limits)
    codings = parse_codings(content_encoding)
    if all(coding in DECODERS for coding in codings):
        for coding in reversed(codings):
            stream = DECODERS[coding](stream)
    body = bytearray()
    try:
        for piece in stream:
            if time.monotonic() > limits.deadline:
                raise DeadlineExceededError("the total deadline passed while reading the body")
            room = limits.max_decoded_bytes - len(body)
            if len(piece) > room:
                if limits.truncate:
                    body += piece[:room]
                    break
                raise ResponseTooLargeError(f"decoded body over {limits.max_decoded_bytes} bytes")
            body += piece
    except (zlib.error, brotli.error, zstandard.ZstdError) as e:
        raise FetchError(f"cannot decode the {content_encoding} body: {e}") from e
    return bytes(body)


def parse_codings(content_encoding: str) -> list[str]:
    """Content codings in the order they were applied, ``identity`` left out."""
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    return [c for c in codings if c and c != "identity"]


def _wire_capped(chunks: Iterator[bytes], limits: BodyLimits) -> Iterator[bytes]:
    seen = 0
    for chunk in chunks:
        seen += len(chunk)
        if seen > limits.max_bytes:
            if not limits.truncate:
                raise ResponseTooLargeError(f"body over {limits.max_bytes} bytes on the wire")
            yield chunk[: len(chunk) - (seen - limits.max_bytes)]
            return
        yield chunk


def _inflate_gzip(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """gzip, including bodies of several concatenated members; trailing junk is ignored."""
    members = 0
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    for chunk in chunks:
        data = chunk
        while data:
            if inflater.eof:
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                yield from _drain_zlib(inflater, data)
            except zlib.error:
                if members:
                    return
                raise
            if not inflater.eof:
                break
            members += 1
            data = inflater.unused_data


def _inflate_deflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """HTTP "deflate": zlib-wrapped by the standard, raw deflate from some servers."""
    head = b""
    for chunk in chunks:
        head += chunk
        if len(head) >= 2:
            break
    wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
    for chunk in _chained(head, chunks):
        if inflater.eof:
            return
        yield from _drain_zlib(inflater, chunk)


def _drain_zlib(inflater: zlib._Decompress, data: bytes) -> Iterator[bytes]:
    """Feed ``data`` and yield all output it makes available, at most OUTPUT_CHUNK at a time."""
    while True:
        out = inflater.decompress(data, OUTPUT_CHUNK)
        data = inflater.unconsumed_tail
        if out:
            yield out
        if inflater.eof or (not data and len(out) < OUTPUT_CHUNK):
            return


def _decode_brotli(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Brotli with a bounded output buffer: drain with empty input until no output is left."""
    decoder = brotli.Decompressor()
    for chunk in chunks:
        out = decoder.process(chunk, output_buffer_limit=OUTPUT_CHUNK)
        while out:
            yield out
            out = decoder.process(b"", output_buffer_limit=OUTPUT_CHUNK)


class _ChunkReader:
    """A minimal readable file over an iterator of chunks, for zstandard's stream reader."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = b""

    def read(self, size: int = -1) -> bytes:
        if not self._pending:
            self._pending = next(self._chunks, b"")
        if size < 0 or size >= len(self._pending):
            data, self._pending = self._pending, b""
        else:
            data, self._pending = self._pending[:size], self._pending[size:]
        return data


def _decode_zstd(chunks: Iterator[bytes]) -> Iterator[bytes]:
    decompressor = zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW)
    reader = decompressor.stream_reader(
        _ChunkReader(chunks),  # type: ignore[arg-type]
        read_size=OUTPUT_CHUNK,
        read_across_frames=True,
    )
    while out := reader.read(OUTPUT_CHUNK):
        yield out


def _chained(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


DECODERS: dict[str, Decoder] = {
    "gzip": _inflate_gzip,
    "x-gzip": _inflate_gzip,
    "deflate": _inflate_deflate,
    "zstd": _decode_zstd,
}
if hasattr(brotli.Decompressor, "can_accept_more_data"):  # brotli >= 1.2 bounds its output
    DECODERS["br"] = _decode_brotli


def accept_encoding(codings: Sequence[str] = ("gzip", "deflate", "br", "zstd")) -> str:
    """The Accept-Encoding header for the codings this module decodes."""
    return ", ".join(c for c in codings if c in DECODERS)
