"""Choosing a publisher's icon among the candidates, and making the square PNGs the pages show."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from newsdesk.errors import IconError
from newsdesk.pipeline.icons import SIZES, favicon_links, make_logo, ranked
from newsdesk.types import IconKind, IconLink

SITE = "https://www.harbourpost.com"


def image_bytes(width: int, height: int, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 40, 40, 255)).save(buffer, fmt, **options)
    return buffer.getvalue()


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    return image


def test_candidates_are_ranked_best_first() -> None:
    links = [
        IconLink(f"{SITE}/favicon.ico", IconKind.FAVICON),
        IconLink(f"{SITE}/unsized.png", IconKind.ICON),
        IconLink(f"{SITE}/logo-wide.png", IconKind.LOGO, 600, 60),
        IconLink(f"{SITE}/logo.png", IconKind.LOGO),
        IconLink(f"{SITE}/logo-square.png", IconKind.LOGO, 200, 200),
        IconLink(f"{SITE}/icon-16.png", IconKind.ICON, 16, 16, "image/png"),
        IconLink(f"{SITE}/icon-16.ico", IconKind.ICON, 16, 16, "image/x-icon"),
        IconLink(f"{SITE}/icon-32.png", IconKind.ICON, 32, 32, "image/png"),
        IconLink(f"{SITE}/icon.svg", IconKind.ICON, 0, 0, "image/svg+xml"),
        IconLink(f"{SITE}/touch.png", IconKind.TOUCH),
        IconLink(f"{SITE}/icon-192.png", IconKind.ICON, 192, 192, "image/png"),
        IconLink(f"{SITE}/mine.png", IconKind.OPERATOR),
        IconLink(f"{SITE}/touch.png", IconKind.TOUCH),
    ]
    assert [link.url.rsplit("/", 1)[1] for link in ranked(links)] == [
        "mine.png",
        "icon-192.png",
        "touch.png",
        "icon-32.png",
        "logo-square.png",
        "logo.png",
        "unsized.png",
        "icon-16.ico",
        "favicon.ico",
    ]


def test_favicons_of_each_origin_once() -> None:
    addresses = [f"{SITE}/a", f"{SITE}/b?x=1", "http://cdn.example.com:8080/c", "ftp://x/y", ""]
    assert [link.url for link in favicon_links(addresses)] == [
        f"{SITE}/favicon.ico",
        "http://cdn.example.com:8080/favicon.ico",
    ]


def test_a_touch_icon_becomes_square_pngs_of_each_size() -> None:
    logo = make_logo(image_bytes(180, 180), "image/png")
    assert (logo.width, logo.height) == (180, 180)
    assert [decoded(logo.images[size]).size for size in SIZES] == [(64, 64), (128, 128)]


def test_a_small_icon_is_never_enlarged() -> None:
    logo = make_logo(image_bytes(48, 48), "image/png")
    assert [decoded(logo.images[size]).size for size in SIZES] == [(48, 48), (48, 48)]


def test_an_ico_gives_its_largest_frame_whatever_its_content_type() -> None:
    ico = image_bytes(64, 64, "ICO", sizes=[(16, 16), (32, 32), (64, 64)])
    logo = make_logo(ico, "application/octet-stream")
    assert (logo.width, logo.height) == (64, 64)


def test_a_nearly_square_icon_is_centred_on_a_transparent_square() -> None:
    logo = make_logo(image_bytes(100, 90), "image/png")
    square = decoded(logo.images[64]).convert("RGBA")
    assert square.size == (64, 64)
    assert square.getpixel((32, 0))[3] == 0 and square.getpixel((32, 32))[3] == 255


def test_a_gif_and_a_webp_work_too() -> None:
    assert make_logo(image_bytes(64, 64, "GIF"), "image/gif").width == 64
    assert make_logo(image_bytes(64, 64, "WEBP"), "image/webp").width == 64


@pytest.mark.parametrize(
    ("content", "content_type", "reason"),
    [
        (image_bytes(404, 60), "image/png", "not square"),
        (image_bytes(16, 16), "image/png", "too small"),
        (image_bytes(16, 16, "ICO", sizes=[(16, 16)]), "image/x-icon", "too small"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>', "image/svg+xml",
         "not a raster image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/png", "not an image"),
        (b"<!doctype html><title>Not found</title>", "text/html", "not a raster image"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png", "image"),
        (image_bytes(180, 180)[:200], "image/png", "unreadable"),
        (image_bytes(5000, 5000), "image/png", "too large"),
        (image_bytes(64, 64, "TIFF"), "image/tiff", "not an icon format"),
    ],
)  # fmt: skip
def test_what_cannot_be_a_crisp_icon_is_refused(
    content: bytes, content_type: str, reason: str
) -> None:
    with pytest.raises(IconError, match=reason):
        make_logo(content, content_type)


def test_a_pixel_bomb_is_refused_before_it_is_decoded() -> None:
    """A PNG header that claims 60,000 x 60,000 pixels (3.6 billion) in a few bytes."""
    png = bytearray(image_bytes(1, 1))
    png[16:24] = (60_000).to_bytes(4, "big") * 2  # IHDR width and height
    png[29:33] = zlib.crc32(bytes(png[12:29])).to_bytes(4, "big")
    with pytest.raises(IconError, match="too large"):
        make_logo(bytes(png), "image/png")
