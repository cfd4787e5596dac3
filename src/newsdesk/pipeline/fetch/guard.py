"""The address guard: which IP addresses may be connected to, and name resolution that vets them.

Feeds and pages are untrusted input, so a URL must never make the server reach itself, its
private network or a cloud metadata endpoint. :func:`is_blocked_address` holds the rules;
:class:`AddressGuard` resolves a host once, checks every address it got, and hands back only
vetted addresses, which the network backend then connects to directly (no second lookup, so no
DNS-rebinding gap).

The rules, by IANA's special-purpose registries:

* IPv4: this-network 0/8, RFC 1918 private ranges, CGNAT 100.64/10, loopback 127/8, link-local
  169.254/16, IETF protocol assignments 192.0.0/24, the three documentation nets, benchmarking
  198.18/15, AS112 and AMT anycast, the 6to4 relay anycast, multicast 224/4, reserved 240/4 and
  broadcast.
* IPv6: only global unicast 2000::/3 is reachable, minus IETF protocol assignments 2001::/23 and
  the documentation nets 2001:db8::/32 and 3fff::/20. Addresses that carry an IPv4 address
  (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32) are judged by
  the IPv4 addresses inside them.

An address inside one of the policy's ``allow_networks`` is never blocked; for an IPv4-mapped
address the IPv4 inside counts too, since connecting to it reaches that IPv4 host.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from functools import lru_cache

from newsdesk.errors import (
    BlockedAddressError,
    ConfigurationError,
    ConnectError,
    DeadlineExceededError,
)
from newsdesk.pipeline.fetch.lookups import LookupPool

Resolver = Callable[[str, int], list[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_BLOCKED_V4 = tuple(
    ipaddress.IPv4Network(net)
    for net in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.31.196.0/24",
        "192.52.193.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "192.175.48.0/24",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
)
_GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
_BLOCKED_V6 = tuple(
    ipaddress.IPv6Network(net) for net in ("2001::/23", "2001:db8::/32", "3fff::/20")
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_TEREDO = ipaddress.IPv6Network("2001::/32")


def is_blocked_address(ip: str, allow_networks: Iterable[str] = ()) -> bool:
    """True when ``ip`` must not be connected to. Text that is not an IP address is blocked."""
    try:
        address = ipaddress.ip_address(ip.strip("[]"))
    except ValueError:
        return True
    return _is_blocked(address, _parse_networks(tuple(allow_networks)))


def parse_networks(cidrs: Iterable[str]) -> tuple[Network, ...]:
    """Parse allow-list CIDRs, raising :class:`ConfigurationError` on a malformed one."""
    try:
        return _parse_networks(tuple(cidrs))
    except ValueError as e:
        raise ConfigurationError(f"invalid network in allow_networks: {e}") from e


@lru_cache(maxsize=64)
def _parse_networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


def _is_blocked(address: IPAddress, allowed: tuple[Network, ...]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.scope_id:
        return True
    if _is_allowed(address, allowed):
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return any(address in net for net in _BLOCKED_V4)
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return any(_is_blocked(inner, ()) for inner in embedded)
    if address not in _GLOBAL_UNICAST_V6:
        return True
    return any(address in net for net in _BLOCKED_V6)


def _is_allowed(address: IPAddress, allowed: tuple[Network, ...]) -> bool:
    candidates: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        candidates.append(address.ipv4_mapped)
    return any(a.version == net.version and a in net for a in candidates for net in allowed)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, ...] | None:
    """The IPv4 addresses an IPv6 address carries (mapped, NAT64, 6to4, Teredo), if any."""
    if address.ipv4_mapped is not None:
        return (address.ipv4_mapped,)
    if address in _NAT64:
        return (ipaddress.IPv4Address(int(address) & 0xFFFFFFFF),)
    if address.sixtofour is not None:
        return (address.sixtofour,)
    if address in _TEREDO and address.teredo is not None:
        return address.teredo
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, by the operating system's resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Resolves host names within a deadline, caches answers briefly, and vets every address.

    Lookups run on a small pool of daemon threads so a hanging resolver can hold neither a
    caller past its deadline nor the process at exit. Answers are cached for ``cache_ttl``
    seconds (the vetting is redone every time).
    """

    def __init__(
        self,
        allow_networks: Iterable[str] = (),
        resolver: Resolver | None = None,
        *,
        cache_ttl: float = 60.0,
        cache_size: int = 4096,
    ) -> None:
        self._allowed = parse_networks(allow_networks)
        self._resolver = resolver or system_resolver
        self._cache_ttl = cache_ttl
        self._cache_size = cache_size
        self._cache: OrderedDict[tuple[str, int], tuple[float, list[str]]] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = LookupPool(8, "newsdesk-dns")

    def vetted_addresses(self, host: str, port: int, deadline: float | None) -> list[str]:
        """Addresses to connect to for ``host``; raises if any of them is blocked.

        One blocked address blocks the host: a name that mixes public and private answers is
        either misconfigured or an attack.
        """
        addresses = self._literal(host) or self._resolve(host, port, deadline)
        for address in addresses:
            if _is_blocked(ipaddress.ip_address(address), self._allowed):
                raise BlockedAddressError(_refusal(host, address))
        return addresses

    def close(self) -> None:
        self._pool.shutdown()

    @staticmethod
    def _literal(host: str) -> list[str]:
        try:
            return [str(ipaddress.ip_address(host.strip("[]")))]
        except ValueError:
            return []

    def _resolve(self, host: str, port: int, deadline: float | None) -> list[str]:
        key = (host.lower(), port)
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] > now:
                return cached[1]
        addresses = self._lookup(host, port, deadline)
        with self._lock:
            self._cache[key] = (now + self._cache_ttl, addresses)
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return addresses

    def _lookup(self, host: str, port: int, deadline: float | None) -> list[str]:
        future: Future[list[str]] = self._pool.submit(self._resolver, host, port)
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            found = future.result(timeout=timeout)
        except FutureTimeout as e:
            future.cancel()
            raise DeadlineExceededError(f"resolving {host} took too long") from e
        except (OSError, UnicodeError, ValueError) as e:
            raise ConnectError(f"cannot resolve {host}: {e}") from e
        try:
            addresses = [str(ipaddress.ip_address(a.split("%", 1)[0])) for a in found]
        except ValueError as e:
            raise ConnectError(f"resolver gave a non-address for {host}: {e}") from e
        if not addresses:
            raise ConnectError(f"{host} has no address")
        return addresses


def _refusal(host: str, address: str) -> str:
    """Why a host is refused, and the setting that allows it (for an intranet or local feed)."""
    network = ipaddress.ip_network(address)
    what = (
        "the loopback address"
        if network.network_address.is_loopback
        else "a private or reserved address"
    )
    return (
        f"{host} resolves to {address}, {what}; newsdesk fetches only public addresses unless "
        f"told otherwise: to allow it, run `newsdesk config set NEWSDESK_FETCH_ALLOW {network}` "
        f"(or set NEWSDESK_FETCH_ALLOW in every newsdesk process's environment)"
    )
