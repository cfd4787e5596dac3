"""Real image files for the media tests, made with Pillow (and a few made by hand to attack it)."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageDraw

RGB = tuple[int, int, int]
SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450">'
    b"<script>alert(document.domain)</script>"
    b'<rect width="800" height="450" fill="red" onload="alert(1)"/></svg>'
)


def picture(width: int, height: int, colour: RGB = (22, 92, 140)) -> Image.Image:
    """A picture with bands and a disc, so resizing has edges to keep."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for top in range(0, height, max(1, height // 9)):
        shade = tuple(min(255, c + 40) for c in colour)
        draw.rectangle([0, top, width, top + max(1, height // 18)], fill=shade)
    draw.ellipse([width // 4, height // 4, width * 3 // 4, height * 3 // 4], fill=(240, 200, 40))
    return image


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def jpeg(width: int = 2400, height: int = 1350, **options: object) -> bytes:
    return encoded(picture(width, height), "JPEG", quality=90, **options)


def png(
    width: int = 1200, height: int = 675, colour: tuple[int, int, int] = (22, 92, 140)
) -> bytes:
    return encoded(picture(width, height, colour), "PNG")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with one row of data: the size
    is read without decoding, as a pixel bomb's would be."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" + b"\x00" * 3 * min(width, 1000))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
