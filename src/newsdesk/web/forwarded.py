"""The client's address behind trusted reverse proxies, from X-Forwarded-For.

Every per-address limit (failed sign-ins, the API's visitor limit, comment checks) reads
``REMOTE_ADDR``; behind a proxy that is the proxy's address, and every visitor would share one
budget. When the connection comes from a proxy in ``NEWSDESK_TRUSTED_PROXIES``, the
X-Forwarded-For list is read from the right (each proxy appends the address it saw) and the first
address that is not a trusted proxy becomes ``REMOTE_ADDR``. Whatever a client writes into the
header itself stays to the left of that address and is never read. From any other address the
header is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(remote: str, forwarded_for: str, trusted: Sequence[Network]) -> str:
    if not _is_trusted(remote, trusted):
        return remote
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _parse(hop) is None:  # not an address: the proxy did not write it
            return remote
        if not _is_trusted(hop, trusted):
            return hop
        remote = hop
    return remote


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(text: str, trusted: Sequence[Network]) -> bool:
    address = _parse(text)
    return address is not None and any(address in network for network in trusted)


class ForwardedClientMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = [ipaddress.ip_network(n) for n in settings.NEWSDESK.trusted_proxies]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META["REMOTE_ADDR"] = client_address(
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            self.trusted,
        )
        return self.get_response(request)
