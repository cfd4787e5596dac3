"""WebSub (W3C Recommendation, 2018) as plain functions: hub discovery, signatures, requests.

- ``discover_hub(content, link_header, feed_url)``: the hub and topic a feed names, from the
  HTTP ``Link`` header first (section 4: a subscriber looks there before the body), then from
  ``<link rel="hub">`` / ``<atom:link rel="hub">`` in the feed's head (RSS and Atom). The topic
  is the ``rel="self"`` link, or the feed's own URL when it names none. Only the head (before
  the first item or entry) is read, and only http(s) addresses are taken.
- ``signature_valid(secret, header, body)``: the ``X-Hub-Signature: method=hex`` check of a
  content distribution (section 8), sha1, sha256, sha384 or sha512, compared in constant time.
- ``self_link(link_header)``: the topic a push names in its ``Link`` header.
- ``sign(secret, body)``: that header's value, for a hub (newsdesk's own and the test hub).
- ``subscription_form(...)``: the form body of a subscribe or unsubscribe request.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from html import unescape
from urllib.parse import urlencode, urljoin, urlsplit

SIGNATURE_HEADER = "X-Hub-Signature"
METHODS = {
    "sha1": hashlib.sha1,
    "sha256": hashlib.sha256,
    "sha384": hashlib.sha384,
    "sha512": hashlib.sha512,
}
HEAD_BYTES = 65_536  # hub links sit in the channel's head; a feed's first 64 KiB hold it
DEFAULT_LEASE = 10 * 24 * 3600  # asked of the hub; the hub decides (section 5.1)

_LINK_TAG = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?link\b([^>]*)>", re.IGNORECASE)
_FIRST_ITEM = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:item|entry)[\s>]", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LINK_VALUE = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+)*)")


@dataclass(frozen=True)
class HubLinks:
    hub: str
    topic: str


def new_secret() -> str:
    """A subscription's secret: 32 random bytes, URL-safe (the spec allows up to 200 bytes)."""
    return secrets.token_urlsafe(32)


def discover_hub(content: bytes, link_header: str, feed_url: str) -> HubLinks | None:
    """The hub the feed names and the topic to subscribe to, or None when it names no hub."""
    links = _header_links(link_header, feed_url) or _feed_links(content, feed_url)
    hubs = [href for rel, href in links if rel == "hub"]
    if not hubs:
        return None
    selves = [href for rel, href in links if rel == "self"]
    return HubLinks(hubs[0], selves[0] if selves else feed_url)


def self_link(link_header: str) -> str:
    """The ``rel="self"`` address a push's ``Link`` header names ("" when none)."""
    selves = [href for rel, href in _header_links(link_header, "") if rel == "self"]
    return selves[0] if selves else ""


def _header_links(value: str, base: str) -> list[tuple[str, str]]:
    """(rel, absolute href) for each relation of each link in an RFC 8288 ``Link`` header."""
    found: list[tuple[str, str]] = []
    for match in _LINK_VALUE.finditer(value):
        href = _absolute(match.group(1).strip(), base)
        for param in match.group(2).split(";"):
            name, _, rels = param.partition("=")
            if name.strip().lower() == "rel" and href:
                found.extend((rel, href) for rel in rels.strip().strip('"').lower().split())
    return found


def _feed_links(content: bytes, base: str) -> list[tuple[str, str]]:
    head = content[:HEAD_BYTES]
    first_item = _FIRST_ITEM.search(head)
    if first_item:
        head = head[: first_item.start()]
    found: list[tuple[str, str]] = []
    for tag in _LINK_TAG.finditer(head):
        attributes = {
            name.lower().decode("ascii", "replace"): unescape(
                (double or single).decode("utf-8", "replace")
            )
            for name, double, single in _ATTRIBUTE.findall(tag.group(1))
        }
        href = _absolute(attributes.get("href", "").strip(), base)
        if href:
            found.extend((rel, href) for rel in attributes.get("rel", "").lower().split())
    return found


def _absolute(href: str, base: str) -> str:
    url = urljoin(base, href) if href else ""
    return url if urlsplit(url).scheme in ("http", "https") else ""


def sign(secret: str, body: bytes, method: str = "sha256") -> str:
    """The ``X-Hub-Signature`` value for ``body``: ``method=hex HMAC``."""
    digest = hmac.new(secret.encode("utf-8"), body, METHODS[method]).hexdigest()
    return f"{method}={digest}"


def signature_valid(secret: str, header: str, body: bytes) -> bool:
    """Whether ``header`` (``method=hex``) is the HMAC of ``body`` keyed with ``secret``."""
    method, _, given = header.strip().partition("=")
    if method.lower() not in METHODS or not given:
        return False
    expected = sign(secret, body, method.lower()).partition("=")[2]
    return hmac.compare_digest(expected, given.strip().lower())


def subscription_form(
    mode: str, topic: str, callback: str, secret: str = "", lease_seconds: int = DEFAULT_LEASE
) -> bytes:
    """The ``application/x-www-form-urlencoded`` body of a (un)subscription request."""
    fields = {"hub.mode": mode, "hub.topic": topic, "hub.callback": callback}
    if mode == "subscribe":
        fields["hub.lease_seconds"] = str(lease_seconds)
        if secret:
            fields["hub.secret"] = secret
    return urlencode(fields).encode("ascii")
