"""The media stage on real image files: what it keeps, at which sizes, and what it refuses."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from newsdesk.errors import ConfigurationError, ImageRefusedError
from newsdesk.pipeline.media import (
    JPEG,
    WEBP,
    ImageRules,
    check_content_type,
    prepare_image,
    variant_widths,
)
from tests.support.images import (
    SVG_WITH_SCRIPT,
    decoded,
    encoded,
    jpeg,
    picture,
    png,
    png_header_only,
)


def test_a_photo_becomes_webp_at_the_page_widths_and_one_jpeg() -> None:
    prepared = prepare_image(jpeg(2400, 1350), "image/jpeg")
    assert prepared.source_format == "JPEG"
    sizes = [(v.media_type, v.width, v.height) for v in prepared.variants]
    assert sizes == [
        (WEBP, 1280, 720),
        (WEBP, 640, 360),
        (WEBP, 320, 180),
        (JPEG, 1200, 675),
    ]
    for variant in prepared.variants:
        image = decoded(variant.data)
        assert image.format == ("WEBP" if variant.media_type == WEBP else "JPEG")
        assert image.size == (variant.width, variant.height)
    # The picture survives: the disc in the middle is still yellow, the edge still blue.
    middle = decoded(prepared.variants[1].data).convert("RGB")
    assert middle.getpixel((320, 180))[0] > 200 and middle.getpixel((2, 2))[2] > 100


def test_an_image_is_never_made_larger() -> None:
    prepared = prepare_image(png(500, 300), "image/png")
    assert [(v.media_type, v.width) for v in prepared.variants] == [
        (WEBP, 500),
        (WEBP, 320),
        (JPEG, 500),
    ]
    assert variant_widths(200, ImageRules()) == [200]
    assert variant_widths(640, ImageRules()) == [320, 640]
    assert variant_widths(5000, ImageRules()) == [320, 640, 1280]


def test_orientation_is_applied_and_metadata_dropped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "Camera maker"
    photo = encoded(picture(400, 200), "JPEG", exif=exif.tobytes(), quality=90)
    prepared = prepare_image(photo, "image/jpeg")
    assert (prepared.width, prepared.height) == (200, 400)
    for variant in prepared.variants:
        image = decoded(variant.data)
        assert image.height > image.width
        assert not image.getexif() and "icc_profile" not in image.info


def test_transparency_kept_in_webp_and_flattened_on_white_in_jpeg() -> None:
    clear = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    prepared = prepare_image(encoded(clear, "PNG"), "image/png")
    webp, share = prepared.variants[0], prepared.variants[-1]
    assert decoded(webp.data).convert("RGBA").getpixel((5, 5))[3] == 0
    assert decoded(share.data).convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_an_animation_keeps_its_first_frame() -> None:
    frames = [Image.new("RGB", (200, 120), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    prepared = prepare_image(gif.getvalue(), "image/gif")
    image = decoded(prepared.variants[0].data)
    assert getattr(image, "n_frames", 1) == 1
    red, _, blue = image.convert("RGB").getpixel((100, 60))
    assert red > 150 and blue < 60


@pytest.mark.parametrize("kind", ["WEBP", "AVIF", "GIF", "PNG"])
def test_every_accepted_format_is_read(kind: str) -> None:
    data = encoded(picture(400, 300).convert("P" if kind == "GIF" else "RGB"), kind)
    prepared = prepare_image(data, f"image/{kind.lower()}")
    assert prepared.source_format == kind and prepared.width == 400


def test_a_storage_bucket_type_is_accepted_when_the_bytes_are_an_image() -> None:
    assert prepare_image(png(300, 200), "binary/octet-stream").width == 300
    with pytest.raises(ImageRefusedError, match="not a JPEG"):
        prepare_image(b"MZ\x90\x00" + bytes(500), "application/octet-stream")


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (SVG_WITH_SCRIPT, "image/svg+xml", "image/svg\\+xml is refused"),
        (SVG_WITH_SCRIPT, "image/svg+xml; charset=utf-8", "refused"),
        (SVG_WITH_SCRIPT, "image/png", "not a JPEG"),  # an SVG that claims to be a PNG
        (png(300, 200), "text/html; charset=utf-8", "not an image type"),
        (png(300, 200), "application/javascript", "not an image type"),
        (b"", "image/png", "empty"),
        (b"GIF89a" + bytes(40), "image/gif", "cannot be read|not a JPEG"),
    ],
)
def test_what_is_not_a_raster_image_is_refused(body: bytes, content_type: str, reason: str) -> None:
    with pytest.raises(ImageRefusedError, match=reason):
        prepare_image(body, content_type)


def test_other_decoders_are_never_used() -> None:
    """A TIFF (or PostScript, or any of Pillow's forty formats) sent as a JPEG is refused."""
    tiff = encoded(picture(300, 200), "TIFF")
    assert decoded(tiff).format == "TIFF"  # Pillow itself would read it
    with pytest.raises(ImageRefusedError, match="not a JPEG"):
        prepare_image(tiff, "image/jpeg")
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 300 200\nshowpage\n"
    with pytest.raises(ImageRefusedError, match="not a JPEG"):
        prepare_image(eps, "image/jpeg")


def test_a_pixel_bomb_is_refused_from_its_header() -> None:
    bomb = png_header_only(8_000, 8_000)  # 64 million pixels in a few kilobytes
    assert len(bomb) < 10_000
    with pytest.raises(ImageRefusedError, match="pixel limit"):
        prepare_image(bomb, "image/png")
    with pytest.raises(ImageRefusedError, match="pixel limit"):
        prepare_image(png_header_only(20_000, 20_000), "image/png")  # past Pillow's own limit


def test_too_many_bytes_and_too_few_pixels_are_refused() -> None:
    with pytest.raises(ImageRefusedError, match="byte limit"):
        prepare_image(jpeg(800, 600), "image/jpeg", ImageRules(max_bytes=1000))
    with pytest.raises(ImageRefusedError, match="too small"):
        prepare_image(encoded(Image.new("RGB", (1, 1)), "GIF"), "image/gif")


def test_a_truncated_image_is_refused() -> None:
    data = jpeg(1200, 800)
    with pytest.raises(ImageRefusedError, match="decoded"):
        prepare_image(data[: len(data) // 3], "image/jpeg")


def test_content_types_by_name() -> None:
    check_content_type("image/JPEG; charset=binary")
    for refused in ("image/svg+xml", "application/xhtml+xml", "text/plain", "image/x-icon"):
        with pytest.raises(ImageRefusedError):
            check_content_type(refused)


def test_impossible_rules_are_refused() -> None:
    with pytest.raises(ConfigurationError):
        ImageRules(widths=())
    with pytest.raises(ConfigurationError):
        ImageRules(max_bytes=0)
