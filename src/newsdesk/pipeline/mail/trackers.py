"""What a newsletter's HTML is cleaned of before it is sanitized, and the links read from it.

:func:`clean_newsletter_html` parses the HTML once (lxml) and

1. finds the "view in browser" link (its text is one of the phrases of ``data/trackers.json``;
   only an http(s) address counts): the newsletter's address on the web, its identity and the
   publisher's credit. The parameters that name the recipient are removed from it, in the body
   too;
2. removes tracking pixels: an image 1 px (or 0) wide or high by its attributes or inline
   style, an image hidden by its style, an image on a known tracker host (or a subdomain of
   one), with a known tracker path, or with a query parameter that names the recipient
   (``?e=…``, ``utm_…``, ``mc_eid``…). The lists are data, in ``data/trackers.json``;
3. removes the unsubscribe links (by their text, or their address being one of the message's
   ``List-Unsubscribe`` addresses) unless ``keep_unsubscribe``: such a link is the subscriber's
   key to the list, so it stays only where the subscriber alone reads it (decision 67).

The result is still unsanitized HTML: the caller passes it through the site's sanitizer. The
page's own ``<img>`` elements survive only as the sanitizer allows, and the site shows its own
copies of them (spacers are refused there too), so nothing here is the last line of defence:
it keeps the stored body free of the recipient's tokens and the tracker addresses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

_SIZE = re.compile(
    r"(?:^|;)\s*(?:max-)?(width|height)\s*:\s*([0-9.]+)\s*(px)?\s*(?:!important)?", re.I
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:[;\s]|$)", re.I)


@dataclass(frozen=True)
class TrackerRules:
    hosts: frozenset[str]
    paths: tuple[re.Pattern[str], ...]
    query_keys: frozenset[str]
    query_prefixes: tuple[str, ...]
    view_in_browser: frozenset[str]
    unsubscribe: frozenset[str]


@dataclass(frozen=True)
class CleanedHTML:
    html: str
    web_url: str  # the "view in browser" address, "" without one
    pixels_removed: int
    unsubscribe_removed: int


@cache
def tracker_rules() -> TrackerRules:
    """The rules of ``data/trackers.json``, read once."""
    raw = json.loads(resources.files(__package__).joinpath("data/trackers.json").read_text("utf-8"))
    return TrackerRules(
        hosts=frozenset(h.lower() for h in raw["hosts"]),
        paths=tuple(re.compile(p, re.I) for p in raw["paths"]),
        query_keys=frozenset(k.lower() for k in raw["query_keys"]),
        query_prefixes=tuple(p.lower() for p in raw["query_prefixes"]),
        view_in_browser=frozenset(_fold(p) for p in raw["view_in_browser"]),
        unsubscribe=frozenset(_fold(p) for p in raw["unsubscribe"]),
    )


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" :>.!\u00bb\u203a\u2192")


def clean_newsletter_html(
    html: str, *, keep_unsubscribe: bool, unsubscribe_urls: frozenset[str] = frozenset()
) -> CleanedHTML:
    """``html`` without tracking pixels (and unsubscribe links unless kept); see the module."""
    if not html.strip():
        return CleanedHTML("", "", 0, 0)
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return CleanedHTML(html, "", 0, 0)
    rules = tracker_rules()
    web_url = _view_in_browser(root, rules)
    pixels = 0
    for image in list(root.iter("img")):
        if is_tracking_image(image, rules):
            _drop(image)
            pixels += 1
    dropped = 0
    if not keep_unsubscribe:
        for link in list(root.iter("a")):
            if _is_unsubscribe(link, rules, unsubscribe_urls):
                _drop(link)
                dropped += 1
    body = root.find("body")
    kept = body if body is not None else root
    text = (kept.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in kept
    )
    return CleanedHTML(text, web_url, pixels, dropped)


def is_tracking_image(image: HtmlElement, rules: TrackerRules | None = None) -> bool:
    """Whether ``<img>`` is a tracking pixel by its size, style or address (module docstring)."""
    rules = rules or tracker_rules()
    style = image.get("style", "")
    if _HIDDEN.search(style):
        return True
    if any(_tiny(image.get(side, "")) for side in ("width", "height")):
        return True
    if any(_tiny(value) for _, value, _ in _SIZE.findall(style)):
        return True
    return is_tracking_address(image.get("src", ""), rules)


def is_tracking_address(url: str, rules: TrackerRules | None = None) -> bool:
    """Whether an image address is a tracker's: its host, its path or its query."""
    rules = rules or tracker_rules()
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    labels = host.split(".")
    if any(".".join(labels[i:]) in rules.hosts for i in range(len(labels) - 1)):
        return True
    if any(pattern.search(parts.path) for pattern in rules.paths):
        return True
    for key, _ in parse_qsl(parts.query, keep_blank_values=True):
        lowered = key.lower()
        if lowered in rules.query_keys or lowered.startswith(rules.query_prefixes):
            return True
    return False


def _tiny(value: str) -> bool:
    number = value.strip().lower().removesuffix("px").strip()
    try:
        return float(number) <= 1
    except ValueError:
        return False


def _view_in_browser(root: HtmlElement, rules: TrackerRules) -> str:
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href.startswith(("http://", "https://")) and _fold(link.text_content()) in (
            rules.view_in_browser
        ):
            clean = without_recipient(href, rules)
            link.set("href", clean)  # the body keeps the link, without the recipient's token
            return clean
    return ""


def without_recipient(url: str, rules: TrackerRules | None = None) -> str:
    """``url`` without the query parameters that name the recipient (``?e=…``, ``utm_…``)."""
    rules = rules or tracker_rules()
    parts = urlsplit(url)
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in rules.query_keys and not key.lower().startswith(rules.query_prefixes)
    ]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def _is_unsubscribe(link: HtmlElement, rules: TrackerRules, urls: frozenset[str]) -> bool:
    href = (link.get("href") or "").strip()
    return (bool(href) and href in urls) or _fold(link.text_content()) in rules.unsubscribe


def _drop(element: HtmlElement) -> None:
    """Remove ``element`` and what it holds, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
