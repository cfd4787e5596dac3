"""URL checking: only absolute http(s) URLs pass, normalised to one spelling.

Hosts are normalised the way browsers read them (WHATWG URL standard): the numeric IPv4 forms
``2130706433``, ``0x7f000001``, ``0177.0.0.1`` and ``127.1`` all become ``127.0.0.1``; IPv6
literals are compressed; international names become their IDNA (punycode) form. The address guard
then sees the address that is really meant, whatever spelling a feed used.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, urlsplit

import idna

from newsdesk.errors import InvalidURLError

MAX_URL_LENGTH = 8192
_SCHEMES = {"http": 80, "https": 443}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LABEL = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")


def check_url(url: str) -> str:
    """Return ``url`` as a normalised absolute http(s) URL, or raise :class:`InvalidURLError`.

    Scheme and host are lower-cased, the default port and the fragment dropped, an empty path
    becomes ``/``. URLs carrying credentials (``user:pass@``) are refused.
    """
    if not isinstance(url, str):
        raise InvalidURLError(f"not a URL: {url!r}")
    text = url.strip()
    if not text or len(text) > MAX_URL_LENGTH or _CONTROL.search(text):
        raise InvalidURLError(f"not a usable URL: {url[:200]!r}")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as e:
        raise InvalidURLError(f"unparseable URL {url[:200]!r}: {e}") from e
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise InvalidURLError(f"only http and https URLs can be fetched, not {url[:200]!r}")
    if parts.username is not None or parts.password is not None:
        raise InvalidURLError("URLs with credentials are not fetched")
    host = normalise_host(parts)
    netloc = host if port in (None, _SCHEMES[scheme]) else f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    built = f"{scheme}://{netloc}{parts.path or '/'}{query}"
    import httpx  # here: a page that only checks an address need not load the HTTP client

    try:
        return str(httpx.URL(built))
    except httpx.InvalidURL as e:
        raise InvalidURLError(f"invalid URL {url[:200]!r}: {e}") from e


def host_of(url: str) -> str:
    """The host name or address of a URL already passed through :func:`check_url`."""
    return urlsplit(url).hostname or ""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL already passed through :func:`check_url`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def normalise_host(parts: SplitResult) -> str:
    """The host of ``parts`` in canonical form; raises :class:`InvalidURLError` if it has none."""
    host = parts.hostname or ""
    if not host:
        raise InvalidURLError(f"URL without a host: {parts.geturl()[:200]!r}")
    if "[" in parts.netloc:
        return f"[{_ipv6_literal(host)}]"
    if _ends_in_number(host):
        return _parse_ipv4(host)
    return _domain_name(host)


def _ipv6_literal(host: str) -> str:
    if "%" in host:
        raise InvalidURLError(f"IPv6 zone identifiers are not fetched: [{host}]")
    try:
        return ipaddress.IPv6Address(host).compressed
    except ValueError as e:
        raise InvalidURLError(f"invalid IPv6 literal [{host}]") from e


def _domain_name(host: str) -> str:
    if not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as e:
            raise InvalidURLError(f"invalid international host name {host!r}") from e
    labels = host.removesuffix(".").split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise InvalidURLError(f"invalid host name {host!r}")
    return host


def _ends_in_number(host: str) -> bool:
    """WHATWG "ends in a number": the last label is decimal digits or a valid IPv4 number."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    last = labels[-1]
    return last.isdigit() or _ipv4_number(last) is not None


def _parse_ipv4(host: str) -> str:
    """Parse the WHATWG IPv4 forms (1 to 4 parts, each decimal, 0x-hex or 0-octal)."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels.pop()
    numbers = [_ipv4_number(label) for label in labels]
    if len(numbers) > 4 or any(n is None for n in numbers):
        raise InvalidURLError(f"invalid IPv4 address {host!r}")
    values = [n for n in numbers if n is not None]
    *head, last = values
    if any(n > 255 for n in head) or last >= 256 ** (5 - len(values)):
        raise InvalidURLError(f"IPv4 address out of range {host!r}")
    address = last + sum(n * 256 ** (3 - i) for i, n in enumerate(head))
    return str(ipaddress.IPv4Address(address))


def _ipv4_number(label: str) -> int | None:
    if not label:
        return None
    base, digits = 10, label
    if label[:2].lower() == "0x":
        base, digits = 16, label[2:]
        if not digits:
            return 0
    elif len(label) > 1 and label[0] == "0":
        base, digits = 8, label[1:]
    try:
        return int(digits, base) if digits.isalnum() and digits.isascii() else None
    except ValueError:
        return None
