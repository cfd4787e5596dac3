"""The media stage: a publisher's image checked, decoded and re-encoded at the sizes pages use.

Nothing a publisher sent is ever served as sent. :func:`prepare_image` takes the bytes of one
fetched image and its declared Content-Type, and returns new files made by Pillow (which lives
here and nowhere else):

    prepared = prepare_image(result.content, result.content_type)
    for variant in prepared.variants:        # WebP at 320, 640 and 1280 px wide (never upscaled)
        store(variant.data)                  # plus one JPEG at the largest width, for sharing

The checks, in order, each refusing with :class:`~newsdesk.errors.ImageRefusedError`:

* the declared type is a raster image type (JPEG, PNG, WebP, GIF, AVIF) or a generic binary type
  (``application/octet-stream``, as storage buckets answer); SVG, HTML and every other type are
  refused: SVG is a document that can carry script, never a picture to pass on;
* the bytes decode as one of those five formats, by Pillow's decoders for those formats only (a
  file that claims to be a JPEG but is a PostScript or a TIFF is never handed to their decoders);
* the picture's size, read from its header before any pixel is decoded, is at most
  ``max_pixels`` (a 20,000 x 20,000 PNG compresses to a few kilobytes and would need 1.6 GB to
  decode) and at least ``min_side`` on each side (tracking pixels and spacers are no lead image).

The output carries no metadata: the EXIF orientation is applied to the pixels, colours are
converted from the image's ICC profile to sRGB, and neither EXIF (camera, GPS position) nor the
profile is written. An animated GIF or WebP keeps its first frame.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from newsdesk.errors import ConfigurationError, ImageRefusedError

if TYPE_CHECKING:  # Pillow loads with the first image prepared, not with the rules and types
    from PIL import Image

# Pillow's decoders for the types we accept (a camera's multi-picture JPEG opens as "MPO").
DECODERS: Final = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
IMAGE_TYPES: Final = frozenset({"image/jpeg", "image/pjpeg", "image/png", "image/webp",
                                "image/gif", "image/avif"})  # fmt: skip
GENERIC_TYPES: Final = frozenset({"application/octet-stream", "binary/octet-stream", ""})
ACCEPT: Final = "image/avif,image/webp,image/jpeg,image/png,image/gif;q=0.9"
WEBP: Final = "image/webp"
JPEG: Final = "image/jpeg"


@dataclass(frozen=True)
class ImageRules:
    """Limits and sizes for the images a site keeps.

    ``widths`` are the widths pages ask for (see the stylesheet: cards are at most about 360 CSS
    px wide, the article's lead image 704 px, so 320, 640 and 1280 cover one and two device
    pixels per CSS pixel); an image narrower than one of them is kept at its own width instead.
    ``share_width`` is the widest JPEG made for link previews (og:image). ``per_body`` is how many
    of the images inside one article's body are kept (the first ones; the rest are left out of
    the body as shown): a report's photographs and charts, not a gallery. On the zyte set's
    bodies as readability extracts them, 62 of 181 have images: 58 at most 7, one 11, and
    three 14 to 21 (galleries and image-heavy pages; docs/benchmarks.md, "Body images").
    """

    max_bytes: int = 10 * 2**20
    max_pixels: int = 40_000_000
    min_side: int = 64
    widths: tuple[int, ...] = (320, 640, 1280)
    share_width: int = 1200
    webp_quality: int = 80
    jpeg_quality: int = 82
    per_body: int = 12

    def __post_init__(self) -> None:
        if not self.widths or any(w < 1 for w in self.widths) or self.min_side < 1:
            raise ConfigurationError("ImageRules needs positive widths and min_side")
        if self.max_bytes < 1 or self.max_pixels < 1 or self.share_width < 1:
            raise ConfigurationError("ImageRules limits must be positive")


@dataclass(frozen=True)
class Variant:
    """One file made from the image: its pixels' size, its media type and its bytes."""

    width: int
    height: int
    media_type: str
    data: bytes


@dataclass(frozen=True)
class PreparedImage:
    """The image's own size (orientation applied), what it was, and the files made from it."""

    width: int
    height: int
    source_format: str
    variants: tuple[Variant, ...]


def media_type_of(content_type: str) -> str:
    """The bare, lower-case media type of a Content-Type header value."""
    return content_type.split(";", 1)[0].strip().lower()


def check_content_type(content_type: str) -> None:
    """Refuse a declared type that is not a raster image (SVG by name, as the usual attempt)."""
    declared = media_type_of(content_type)
    if declared == "image/svg+xml" or declared.endswith("+xml"):
        raise ImageRefusedError(f"{declared} is refused: only raster images are kept")
    if declared not in IMAGE_TYPES | GENERIC_TYPES:
        raise ImageRefusedError(f"not an image type we keep ({declared})")


def prepare_image(
    content: bytes,
    content_type: str,
    rules: ImageRules = ImageRules(),
) -> PreparedImage:
    """Check, decode and re-encode one fetched image (see the module docstring)."""
    check_content_type(content_type)
    if len(content) > rules.max_bytes:
        raise ImageRefusedError(f"{len(content)} bytes, over the {rules.max_bytes} byte limit")
    with _open(content, rules) as image:
        source_format = str(image.format)
        picture = _pixels(image, rules)
    variants = tuple(_variants(picture, rules))
    return PreparedImage(picture.width, picture.height, source_format, variants)


def _open(content: bytes, rules: ImageRules) -> Image.Image:
    """The image opened from its header only (no pixel decoded yet), its size checked."""
    from PIL import Image, UnidentifiedImageError

    if not content:
        raise ImageRefusedError("an empty body is no image")
    Image.init()  # registers every decoder (once), so those in DECODERS can be named
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content), formats=list(DECODERS))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as e:
        raise ImageRefusedError(f"over the pixel limit: {e}") from e
    except UnidentifiedImageError as e:
        raise ImageRefusedError(f"not a JPEG, PNG, WebP, GIF or AVIF image: {e}") from e
    except (OSError, ValueError, SyntaxError) as e:
        raise ImageRefusedError(f"the image cannot be read: {e}") from e
    width, height = image.size
    if width * height > rules.max_pixels:
        image.close()
        raise ImageRefusedError(
            f"{width} x {height} pixels, over the {rules.max_pixels:,} pixel limit"
        )
    if min(width, height) < rules.min_side:
        image.close()
        raise ImageRefusedError(
            f"{width} x {height} pixels is too small to keep (under {rules.min_side} px a side)"
        )
    return image


def _pixels(image: Image.Image, rules: ImageRules) -> Image.Image:
    """The decoded first frame: upright, in sRGB, RGB or RGBA, with nothing else kept."""
    from PIL import Image, ImageOps

    if image.format in ("JPEG", "MPO"):
        # A JPEG decodes at 1/2, 1/4 or 1/8 of its size almost for free: never below our widest.
        widest = max(*rules.widths, rules.share_width)
        image.draft("RGB", (widest, widest * image.height // max(image.width, 1)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.seek(0)
            image.load()
            profile = image.info.get("icc_profile")
            upright = ImageOps.exif_transpose(image)
            return _to_srgb(upright, profile)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombWarning) as e:
        raise ImageRefusedError(f"the image cannot be decoded: {e}") from e


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        image.mode == "P" and "transparency" in image.info
    )


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    from PIL import ImageCms

    mode = "RGBA" if _has_alpha(image) else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels are taken as sRGB
    return image.convert(mode)


def variant_widths(width: int, rules: ImageRules) -> list[int]:
    """The widths to make for an image ``width`` px wide: the rules' smaller ones, then the
    widest that the image allows (its own width when it is narrower than the widest rule)."""
    widest = max(rules.widths)
    smaller = sorted(w for w in rules.widths if w < min(width, widest))
    return [*smaller, min(width, widest)]


def _variants(picture: Image.Image, rules: ImageRules) -> Iterator[Variant]:
    """WebP files, widest first (each smaller one is resized from the one before), then the JPEG."""
    current = picture
    for width in sorted(variant_widths(picture.width, rules), reverse=True):
        current = _resized(current, width)
        yield Variant(current.width, current.height, WEBP, _encode_webp(current, rules))
    share = _resized(picture, min(picture.width, rules.share_width))
    yield Variant(share.width, share.height, JPEG, _encode_jpeg(share, rules))


def _resized(image: Image.Image, width: int) -> Image.Image:
    from PIL import Image

    if image.width == width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode_webp(image: Image.Image, rules: ImageRules) -> bytes:
    out = io.BytesIO()
    image.save(out, "WEBP", quality=rules.webp_quality, method=4)
    return out.getvalue()


def _encode_jpeg(image: Image.Image, rules: ImageRules) -> bytes:
    from PIL import Image

    if image.mode == "RGBA":  # JPEG has no transparency: on white, as a page would show it
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    out = io.BytesIO()
    image.save(out, "JPEG", quality=rules.jpeg_quality, optimize=True, progressive=True)
    return out.getvalue()
