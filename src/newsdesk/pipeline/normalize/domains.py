"""The registered domain of an address: the part a publisher owns (``thesun.co.uk`` for
``www.thesun.co.uk``, ``nypost.com`` for ``feeds.nypost.com``), by the Public Suffix List as
courlan (through tld) ships it, so private suffixes count too: ``a.blogspot.com`` and
``b.blogspot.com`` are two owners. An address with no listed suffix (an IP address, an intranet
name) has its host, without ``www.``, as its domain.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan.urlutils import extract_domain


def registered_domain(url: str) -> str:
    """The registered domain of ``url`` (or of a bare host name), lower-case; "" if none."""
    address = url if "//" in url else f"http://{url}"
    try:
        host = (urlsplit(address).hostname or "").rstrip(".")
    except ValueError:
        return ""
    if not host:
        return ""
    found = extract_domain(f"http://{host}/")
    return found or host.removeprefix("www.")
