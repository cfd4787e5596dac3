"""Images inside a stored body: which addresses it names, and the body as pages show it.

A stored body is sanitized HTML (``sanitize_html``): its ``<img>`` elements have an absolute
http(s) ``src`` and at most ``alt``, ``title``, ``width`` and ``height``. Those addresses are the
publisher's; pages never load them. The service layer keeps a copy of each (as it does the lead
image) and renders the body with :func:`with_kept_images`:

    addresses = image_addresses(html, limit=12)          # what to fetch, in the body's order
    shown = with_kept_images(html, {address: KeptPicture(...)})

Every ``<img>`` whose address has a kept copy points at the copy (``src``, ``srcset``, ``sizes``
and the copy's own ``width``/``height``, so nothing moves when it arrives); every other one is
removed, and so is what held only it: a link or paragraph left empty, a figure left without a
picture (its caption would describe nothing). The text around a removed image stays.

A body without ``<img`` is returned as it is, unparsed: most bodies cost nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsdesk.pipeline.extract.blocks import inner_html

# Elements removed when a dropped image leaves them with neither text nor other elements.
EMPTIED = frozenset({"a", "p", "em", "strong", "b", "i", "li"})


@dataclass(frozen=True)
class KeptPicture:
    """The site's copy of one body image, as an ``<img>`` names it."""

    src: str
    srcset: str
    sizes: str
    width: int
    height: int


def _parsed(html: str) -> HtmlElement | None:
    """The body under a ``<div>``, or None when it holds no image (or cannot be parsed)."""
    if "<img" not in html:
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None


def _is_http(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def image_addresses(html: str, limit: int) -> list[str]:
    """The distinct http(s) addresses of the body's images, in order, at most ``limit``."""
    root = _parsed(html)
    if root is None or limit < 1:
        return []
    found: dict[str, None] = {}
    for image in root.iter("img"):
        src = (image.get("src") or "").strip()
        if _is_http(src):
            found.setdefault(src)
            if len(found) == limit:
                break
    return list(found)


def with_kept_images(html: str, kept: Mapping[str, KeptPicture]) -> str:
    """The body with each image pointing at its kept copy, or removed (see the docstring)."""
    root = _parsed(html)
    if root is None:
        return html
    for image in list(root.iter("img")):
        picture = kept.get((image.get("src") or "").strip())
        if picture is None:
            _remove(image, root)
        else:
            _point_at(image, picture)
    return inner_html(root).strip()


def _point_at(image: HtmlElement, picture: KeptPicture) -> None:
    alt, title = image.get("alt"), image.get("title")
    image.attrib.clear()
    image.set("src", picture.src)
    image.set("srcset", picture.srcset)
    image.set("sizes", picture.sizes)
    image.set("width", str(picture.width))
    image.set("height", str(picture.height))
    image.set("alt", alt or "")
    if title:
        image.set("title", title)
    image.set("loading", "lazy")
    image.set("decoding", "async")


def _remove(element: HtmlElement, root: HtmlElement) -> None:
    """Remove ``element`` (keeping the text after it), then the ancestors it leaves empty."""
    parent = element.getparent()
    element.drop_tree()
    while parent is not None and parent is not root and _emptied(parent):
        above = parent.getparent()
        parent.drop_tree()
        parent = above


def _emptied(element: HtmlElement) -> bool:
    if element.tag == "figure":
        return next(element.iter("img"), None) is None
    if element.tag not in EMPTIED:
        return False
    return len(element) == 0 and not (element.text or "").strip()
