"""Compression bombs built in a streaming way: gigabytes of zeros in about a megabyte or less."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

import brotli
import zstandard

MiB = 2**20
_BLOCK = bytes(MiB)


def gzip_zeros(size: int) -> bytes:
    """A valid gzip member of ``size`` zero bytes (``size`` a multiple of 1 MiB).

    Once the deflate window is all zeros, every further MiB compresses to the same bytes after a
    full flush, so the stream is built from one repeated segment; CRC-32 is computed as it goes.
    """
    blocks = size // MiB
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = deflater.compress(_BLOCK) + deflater.flush(zlib.Z_FULL_FLUSH)
    repeat = deflater.compress(_BLOCK) + deflater.flush(zlib.Z_FULL_FLUSH)
    parts = [b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", first]
    parts += [repeat] * (blocks - 1)
    parts.append(zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH))
    crc = 0
    for _ in range(blocks):
        crc = zlib.crc32(_BLOCK, crc)
    parts.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(parts)


def brotli_zeros(size: int) -> bytes:
    """``size`` zero bytes compressed by brotli, fed 1 MiB at a time."""
    compressor = brotli.Compressor(quality=5)
    parts = [compressor.process(_BLOCK) for _ in range(size // MiB)]
    return b"".join([*parts, compressor.finish()])


def zstd_zeros(size: int) -> bytes:
    """``size`` zero bytes compressed by zstd, fed 1 MiB at a time."""
    compressor = zstandard.ZstdCompressor(level=3).compressobj()
    parts = [compressor.compress(_BLOCK) for _ in range(size // MiB)]
    return b"".join([*parts, compressor.flush()])


BOMBS: dict[str, Callable[[int], bytes]] = {
    "gzip": gzip_zeros,
    "br": brotli_zeros,
    "zstd": zstd_zeros,
}
