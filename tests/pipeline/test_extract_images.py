"""Images inside stored bodies: the addresses to keep, and the body as pages show it."""

from __future__ import annotations

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.pipeline.extract import sanitize_html
from newsdesk.pipeline.extract.images import KeptPicture, image_addresses, with_kept_images

PHOTO = "https://cdn.example.test/photo.jpg"
CHART = "https://cdn.example.test/chart.png?size=large&v=2"
KEPT = KeptPicture(
    src="/media/aa/1.webp",
    srcset="/media/aa/0.webp 320w, /media/aa/1.webp 640w",
    sizes="(min-width: 672px) 640px, calc(100vw - 32px)",
    width=640,
    height=360,
)


def body(*parts: str) -> str:
    """A body as stored: through the sanitizer, as every stored body is."""
    return sanitize_html("".join(parts), "https://news.example.test/story")


def test_the_addresses_are_the_bodys_images_in_order_each_once_up_to_the_limit() -> None:
    html = body(
        f'<p>Intro <img src="{PHOTO}" alt="Ferry"></p>',
        '<figure><img src="/images/chart.png?size=large&amp;v=2"><figcaption>Fares</figcaption>'
        "</figure>",
        f'<p><img src="{PHOTO}"></p>',
        '<img src="https://cdn.example.test/third.gif">',
    )
    assert image_addresses(html, 10) == [
        PHOTO,
        "https://news.example.test/images/chart.png?size=large&v=2",  # resolved and unescaped
        "https://cdn.example.test/third.gif",
    ]
    assert image_addresses(html, 2) == image_addresses(html, 10)[:2]
    assert image_addresses("<p>No pictures here.</p>", 10) == []
    assert image_addresses(html, 0) == []


def test_a_kept_image_points_at_the_sites_copy_and_keeps_its_words() -> None:
    html = body(f'<p>Before <img src="{PHOTO}" alt="The ferry" title="Dawn" width="2"> after</p>')
    shown = with_kept_images(html, {PHOTO: KEPT})
    [image] = lxml.html.fragment_fromstring(shown, create_parent="div").iter("img")
    assert dict(image.attrib) == {
        "src": KEPT.src,
        "srcset": KEPT.srcset,
        "sizes": KEPT.sizes,
        "width": "640",
        "height": "360",
        "alt": "The ferry",
        "title": "Dawn",
        "loading": "lazy",
        "decoding": "async",
    }
    assert "cdn.example.test" not in shown
    assert shown.startswith("<p>Before <img") and shown.endswith("> after</p>")


def test_an_image_not_kept_leaves_no_trace_but_its_neighbours_words() -> None:
    html = body(
        "<p>First paragraph.</p>",
        f'<p><a href="https://news.example.test/big.jpg"><img src="{CHART}"></a></p>',
        f'<figure><img src="{CHART}"><figcaption>A chart of fares</figcaption></figure>',
        f'<p>Text <img src="{CHART}"> goes on.</p>',
        f'<figure><img src="{CHART}"><img src="{PHOTO}"><figcaption>Two</figcaption></figure>',
        "<p>Last paragraph.</p>",
    )
    shown = with_kept_images(html, {PHOTO: KEPT})
    assert "cdn.example.test" not in shown and "big.jpg" not in shown
    assert "A chart of fares" not in shown  # its figure went with its only picture
    assert "<p></p>" not in shown and "<a" not in shown
    assert "<p>Text  goes on.</p>" in shown
    assert shown.count("<img") == 1 and "<figcaption>Two</figcaption>" in shown
    assert shown.startswith("<p>First paragraph.</p>") and shown.endswith("<p>Last paragraph.</p>")
    assert with_kept_images(html, {}).count("<img") == 0


def test_a_body_without_images_is_not_touched() -> None:
    html = "<p>Fish &amp; chips, <em>as ever</em>.</p>"
    assert with_kept_images(html, {PHOTO: KEPT}) is html


@given(st.lists(st.sampled_from(["<p>Words.</p>", f'<img src="{PHOTO}">', f'<img src="{CHART}">',
                                 "<figure>", "</figure>", "<figcaption>Cap</figcaption>", "<a>",
                                 "</a>", "<p>", "</p>"]), max_size=12))  # fmt: skip
def test_no_publisher_address_survives_whatever_the_shape(parts: list[str]) -> None:
    shown = with_kept_images(body(*parts), {PHOTO: KEPT})
    assert "cdn.example.test" not in shown
    assert shown.count("<img") == body(*parts).count(PHOTO)
