"""Who published a page, as the page says it: the publisher's name and the images it offers as
the publisher's icon.

The name is the first believable one of ``og:site_name``, the JSON-LD ``publisher.name`` and
``application-name``. Pages lie in small ways: an empty or generic name ("Home", "News"), the
headline again, an address, a sentence of keywords. Those are refused (``believable_name``) and
the caller falls back to the page's host, which no page can fake.

The icons are every ``<link rel="apple-touch-icon">`` and ``<link rel="icon">`` with their
declared sizes and type, ``og:logo`` and the JSON-LD ``publisher.logo``; choosing among them is
``newsdesk.pipeline.icons``'s job, after the images are fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsdesk.pipeline.extract.metadata import absolute_http_url
from newsdesk.types import IconKind, IconLink

# Longer than any publisher's name in the extraction sets (the longest, 38 characters, is a
# university's); a longer "site name" is a tagline or a keyword list.
MAX_NAME_LENGTH = 60
MAX_NAME_WORDS = 8
MAX_ICONS = 24
MAX_JSON_LD_BYTES = 256 * 1024
MAX_JSON_LD_SCRIPTS = 20
# "Name | tagline", "Name - tagline" with a hyphen, en or em dash, bullet, middle dot or colon.
_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u2022\u00b7:/-]\s+")
_LOOSE_PUBLISHER = re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"\\]{1,200})"')
_SIZES = re.compile(r"(\d{1,4})\s*[xX\u00d7]\s*(\d{1,4})")
_TOUCH_RELS = frozenset({"apple-touch-icon", "apple-touch-icon-precomposed"})


@dataclass(frozen=True)
class PagePublisher:
    name: str = ""
    icons: tuple[IconLink, ...] = ()


def read_publisher(tree: HtmlElement, url: str, *, title: str = "") -> PagePublisher:
    """The publisher's name (or "") and icon candidates of a parsed page; never raises."""
    try:
        nodes = list(_json_ld_nodes(tree))
        publishers = _publishers(nodes)
        names = [
            _meta(tree, "property", "og:site_name"),
            *(_text(node.get("name")) for node in publishers),
            _meta(tree, "name", "application-name"),
        ]
        name = _best_name(names, title, urlsplit(url).hostname or "")
        icons = [*_link_icons(tree, url), *_logos(tree, publishers, url)]
    except Exception:  # odd markup costs the publisher, never the article
        return PagePublisher()
    return PagePublisher(name, tuple(_unique(icons))[:MAX_ICONS])


def _best_name(names: list[str], title: str, host: str) -> str:
    """The first believable name that matches the host, else the first believable one.

    A name with a tagline ("LinkNaija | Nigeria's news platform") is cut to the part that matches
    the host (or its first part). Matching the host puts a JSON-LD "Reuters" before an
    ``og:site_name`` of "U.S." (a section's name) on reuters.com.
    """
    labels = [label for label in host.lower().split(".")[:-1] if label != "www" and len(label) > 2]
    believable = []
    for name in names:
        parts = [p for p in _SEPARATORS.split(" ".join(name.split()).lstrip("@")) if p.strip()]
        matching = [p for p in parts if _matches(p, labels)]
        part = (matching or parts or [""])[0].strip()
        if believable_name(part, title):
            believable.append(part)
    return next((n for n in believable if _matches(n, labels)), believable[0] if believable else "")


def _matches(name: str, labels: list[str]) -> bool:
    compact = "".join(ch for ch in name.casefold() if ch.isalnum())
    return any(label in compact or (len(compact) > 2 and compact in label) for label in labels)


def believable_name(name: str, title: str = "") -> bool:
    """Whether ``name`` can be a publisher's name (see the module docstring)."""
    flat = " ".join(name.split()).lstrip("@")
    folded = flat.casefold()
    if not flat or len(flat) > MAX_NAME_LENGTH or len(flat.split()) > MAX_NAME_WORDS:
        return False
    if not any(ch.isalnum() for ch in flat) or "://" in flat or "<" in flat:
        return False
    if folded in generic_names():
        return False
    return not (title and folded == " ".join(title.split()).casefold())


@cache
def generic_names() -> frozenset[str]:
    data = files("newsdesk.pipeline.extract").joinpath("data/generic-site-names.txt")
    lines = (line.split("#", 1)[0].strip() for line in data.read_text("utf-8").splitlines())
    return frozenset(" ".join(line.split()).casefold() for line in lines if line)


def _meta(tree: HtmlElement, attribute: str, value: str) -> str:
    for element in tree.iterfind(f".//meta[@{attribute}]"):
        if (element.get(attribute) or "").strip().lower() == value:
            return element.get("content") or ""
    return ""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _json_ld_nodes(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """Every JSON object of the page's JSON-LD, nested ones and ``@graph`` members included."""
    scripts = tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]')
    for script in scripts[:MAX_JSON_LD_SCRIPTS]:
        source = (script.text or "").strip()
        if not source or len(source) > MAX_JSON_LD_BYTES:
            continue
        try:
            data = json.loads(source, strict=False)
        except ValueError:  # JSON-LD with single quotes or trailing commas is common
            match = _LOOSE_PUBLISHER.search(source)
            data = {"publisher": {"name": match.group(1)}} if match else None
        yield from _walk(data, depth=0)


def _walk(data: object, depth: int) -> Iterator[dict[str, object]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value, depth + 1)


def _publishers(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
    """The objects named as ``publisher``, a reference (``{"@id": ...}``) resolved in the page."""
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    found = []
    for node in nodes:
        value = node.get("publisher")
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, dict):
                continue
            reference = item.get("@id")
            if isinstance(reference, str) and reference in by_id and "name" not in item:
                item = {**by_id[reference], **item}
            found.append(item)
    return found


def _link_icons(tree: HtmlElement, url: str) -> Iterator[IconLink]:
    for link in tree.iterfind(".//link[@rel]"):
        rels = set((link.get("rel") or "").lower().split())
        if rels & _TOUCH_RELS:
            kind = IconKind.TOUCH
        elif "icon" in rels:
            kind = IconKind.ICON
        else:
            continue
        address = absolute_http_url(link.get("href") or "", url)
        if address:
            width, height = _declared_size(link.get("sizes") or "")
            media_type = (link.get("type") or "").strip().lower()
            yield IconLink(address, kind, width, height, media_type)


def _declared_size(sizes: str) -> tuple[int, int]:
    """The largest of ``sizes="16x16 32x32"``; (0, 0) for "any" or nothing."""
    pairs = [(int(w), int(h)) for w, h in _SIZES.findall(sizes)]
    return max(pairs, default=(0, 0))


def _logos(tree: HtmlElement, publishers: list[dict[str, object]], url: str) -> Iterator[IconLink]:
    address = absolute_http_url(_meta(tree, "property", "og:logo"), url)
    if address:
        yield IconLink(address, IconKind.LOGO)
    for publisher in publishers:
        logo = publisher.get("logo")
        for item in logo if isinstance(logo, list) else [logo]:
            if isinstance(item, str):
                item = {"url": item}
            if not isinstance(item, dict):
                continue
            address = absolute_http_url(_text(item.get("url") or item.get("contentUrl")), url)
            if address:
                width, height = _int(item.get("width")), _int(item.get("height"))
                yield IconLink(address, IconKind.LOGO, width, height)


def _int(value: object) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return max(int(value), 0)
    if isinstance(value, str):
        digits = value.strip().removesuffix("px")
        return int(digits) if digits.isdigit() and len(digits) < 6 else 0
    return 0


def _unique(icons: list[IconLink]) -> Iterator[IconLink]:
    seen: set[str] = set()
    for icon in icons:
        if icon.url not in seen:
            seen.add(icon.url)
            yield icon
