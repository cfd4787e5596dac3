"""Canonical form of article URLs (see the package docstring for the rules).

The URL-standard work (IDNA hosts, percent-encoding, dot segments, the sorted query) is w3lib's
``canonicalize_url``; what is ours is the policy around it: http(s) only, no credentials, no
default port, no trailing dot on the host, no empty path segments, no tracking parameters.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as w3lib_canonicalize_url

from newsdesk.errors import InvalidURLError

# Query parameters that only say where a click came from. Lower-cased names; prefixes end in "_".
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "matomo_", "hsa_", "_hs", "oly_", "vero_")
TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mkt_tok", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ncid", "ocid", "sr_share",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
        "smid", "smtyp", "ito", "cmp", "__twitter_impression", "s_cid", "sc_cid", "rss",
        "fromrss", "feedtype", "xtor", "wt_mc", "wt.mc_id", "icid", "intcid",
    }
)  # fmt: skip
DEFAULT_PORTS = {"http": 80, "https": 443}
_SLASHES = re.compile(r"/{2,}")
# Characters the URL standard reads away or as a slash, which may leave an empty path segment.
_READ_AWAY = re.compile(r"[\x00-\x1f\\]")


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_NAMES or lowered.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an absolute http(s) URL, or raise InvalidURLError."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise InvalidURLError(f"not a valid URL: {url!r}") from e
    scheme = parts.scheme.lower()
    hostname = parts.hostname
    if scheme not in DEFAULT_PORTS or not hostname:
        raise InvalidURLError(f"not an absolute http(s) URL: {url!r}")
    host = hostname.rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _SLASHES.sub("/", parts.path or "/")
    query = "&".join(_without_tracking(parts.query))
    try:
        canonical = w3lib_canonicalize_url(urlunsplit((scheme, netloc, path, query, "")))
    except (ValueError, UnicodeError) as e:
        raise InvalidURLError(f"not a valid URL: {url!r}") from e
    return _resplit(canonical, url) if _READ_AWAY.search(url) else canonical


def _resplit(canonical: str, url: str) -> str:
    """``canonical`` once more without empty path segments, after the URL standard read
    backslashes as slashes and dropped tabs and line breaks (a host may be all gone)."""
    parts = urlsplit(canonical)
    if not parts.hostname:
        raise InvalidURLError(f"not an absolute http(s) URL: {url!r}")
    return parts._replace(path=_SLASHES.sub("/", parts.path)).geturl()


def _without_tracking(query: str) -> list[str]:
    """The query's ``name=value`` pairs as written, less empty ones and tracking parameters."""
    return [
        pair
        for pair in query.split("&")
        if pair and not is_tracking_param(unquote_plus(pair.partition("=")[0]))
    ]


def content_hash(*parts: str) -> str:
    """A short stable hash of an article's visible content (title, text)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(" ".join(part.split()).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()
