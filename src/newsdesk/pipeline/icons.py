"""Publisher icons: which of the images a site offers to try first, and turning the one that
works into the small square PNGs the pages show.

Candidates come from the publisher's pages (``pipeline.extract.read_publisher``) and from the
``/favicon.ico`` every browser asks for. ``ranked`` orders them: the operator's choice, then
square icons of a declared size of at least ``MIN_SIDE`` (``apple-touch-icon`` is 180 px square
when it says nothing), then logos (og:logo, the JSON-LD publisher logo, often a wide wordmark
that its declared size already rules out), then icons of unknown size, then ``/favicon.ico``.
SVG is never tried: an SVG image is a document that can carry scripts and links, and a raster
icon is almost always offered beside it.

``make_logo`` decodes an image with Pillow (PNG, ICO, JPEG, GIF, WebP, BMP, told by the bytes,
not by the Content-Type), refuses what cannot be a crisp icon (smaller than ``MIN_SIDE``, further
from square than ``MAX_ASPECT``, more than ``MAX_SIDE`` pixels a side before it is decoded) and
returns it centred on a transparent square at each of ``SIZES``, never enlarged. Pillow is used
only here.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdesk.errors import IconError
from newsdesk.types import IconKind, IconLink

if TYPE_CHECKING:  # Pillow loads with the first logo made, not with the ranking of links
    from PIL import Image

# The pages show logos at 16 to 32 CSS pixels; 64 serves 1x to 2x screens, 128 up to 4x.
SIZES = (64, 128)
MIN_SIDE = 32
MAX_ASPECT = 1.25
MAX_SIDE = 4096
# Bytes on the wire for one candidate: apple-touch icons are 5-40 KB, a 512 px PNG about 100 KB.
MAX_BYTES = 1024 * 1024
ACCEPT = "image/png,image/x-icon,image/vnd.microsoft.icon,image/webp,image/*;q=0.8,*/*;q=0.1"
TOUCH_ICON_SIZE = 180
FORMATS = frozenset({"PNG", "ICO", "JPEG", "GIF", "WEBP", "BMP"})
REFUSED_TYPES = ("text/", "image/svg", "application/xml", "application/xhtml", "application/json")


@dataclass(frozen=True)
class Logo:
    """A publisher's icon made ready to serve: PNG bytes for each size, and the source image's
    dimensions."""

    width: int
    height: int
    images: dict[int, bytes]


def favicon_links(addresses: Iterable[str]) -> list[IconLink]:
    """``/favicon.ico`` at the origin of each http(s) address, each origin once."""
    origins = []
    for address in addresses:
        parts = urlsplit(address)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and parts.netloc and origin not in origins:
            origins.append(origin)
    return [IconLink(f"{origin}/favicon.ico", IconKind.FAVICON) for origin in origins]


def ranked(links: Iterable[IconLink]) -> list[IconLink]:
    """The candidates worth fetching, best first, each address once (see the module docstring)."""
    scored: dict[str, tuple[tuple[int, int, int, int], IconLink]] = {}
    for link in links:
        key = _rank(link)
        if key is not None and (link.url not in scored or key < scored[link.url][0]):
            scored[link.url] = (key, link)
    return [link for _, link in sorted(scored.values(), key=lambda pair: pair[0])]


def _rank(link: IconLink) -> tuple[int, int, int, int] | None:
    """(tier, size preference, type preference, size assumed), lower first; None to leave the
    link out. A declared size goes before the same size assumed."""
    if _is_svg(link):
        return None
    side = min(link.width, link.height) if link.width and link.height else 0
    assumed = int(link.kind == IconKind.TOUCH and not side)
    if assumed:
        side = TOUCH_ICON_SIZE
    square = bool(side) and max(link.width or side, link.height or side) <= MAX_ASPECT * side
    png_first = 0 if link.media_type in ("", "image/png") else 1
    # Up to 256 px bigger is better (crisper when scaled down); beyond, smaller is enough.
    size_key = -side if side <= 256 else side
    if link.kind == IconKind.OPERATOR:
        return (0, 0, 0, 0)
    if side and not square:
        return None  # a wordmark: it would be unreadable in a square
    if side and side < MIN_SIDE:
        return (4, 0, png_first, 0) if _is_ico(link) else None
    if link.kind in (IconKind.TOUCH, IconKind.ICON) and side:
        return (1, size_key, png_first, assumed)
    if link.kind == IconKind.LOGO:
        return (2, size_key, png_first, 0) if side else (3, 0, png_first, 0)
    if link.kind == IconKind.ICON:
        return (4, 0, png_first, 0)
    return (5, 0, 0, 0)


def _is_svg(link: IconLink) -> bool:
    path = urlsplit(link.url).path.lower()
    return "svg" in link.media_type or path.endswith((".svg", ".svgz"))


def _is_ico(link: IconLink) -> bool:
    return "icon" in link.media_type or urlsplit(link.url).path.lower().endswith(".ico")


def make_logo(content: bytes, content_type: str = "") -> Logo:
    """The image as square PNGs of ``SIZES`` (see the module docstring); ``IconError`` if the
    bytes are not an image that can be a crisp icon."""
    from PIL import Image

    media_type = content_type.split(";")[0].strip().lower()
    if media_type.startswith(REFUSED_TYPES):
        raise IconError(f"not a raster image ({media_type})")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _decoded(content)
    except IconError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning) as e:
        raise IconError(f"unreadable image: {e}") from e
    width, height = image.size
    if min(width, height) < MIN_SIDE:
        raise IconError(f"too small ({width}x{height}, at least {MIN_SIDE} px)")
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise IconError(f"not square ({width}x{height})")
    square = _on_square(image.convert("RGBA"))
    return Logo(width, height, {size: _png(square, size) for size in SIZES})


def _decoded(content: bytes) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(content))
    except UnidentifiedImageError as e:
        raise IconError("not an image") from e
    except Image.DecompressionBombError as e:  # dimensions past Pillow's own bound
        raise IconError(f"too large: {e}") from e
    if image.format not in FORMATS:
        raise IconError(f"not an icon format ({image.format})")
    if max(image.size) > MAX_SIDE:
        raise IconError(f"too large ({image.size[0]}x{image.size[1]})")
    image.seek(0)  # the first frame of an animation
    image.load()
    return image


def _on_square(image: Image.Image) -> Image.Image:
    from PIL import Image

    side = max(image.size)
    if image.size == (side, side):
        return image
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.paste(image, ((side - image.size[0]) // 2, (side - image.size[1]) // 2))
    return square


def _png(image: Image.Image, size: int) -> bytes:
    from PIL import Image

    side = min(size, image.size[0])
    if side != image.size[0]:
        image = image.resize((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
