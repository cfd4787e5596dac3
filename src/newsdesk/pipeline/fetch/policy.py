"""The knobs of one :class:`~newsdesk.pipeline.fetch.Fetcher`: timeouts, caps, guard and manners.

A policy is fixed when the fetcher is built; every request made through that fetcher obeys it.
Impossible values are refused when the policy is made, with a ConfigurationError.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from newsdesk.errors import ConfigurationError


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners applied to every request of a fetcher.

    ``total_timeout`` bounds a whole :meth:`Fetcher.fetch` call: DNS, queueing for the host,
    every redirect hop and the body. ``max_bytes`` counts bytes on the wire (after chunked
    framing, before content decoding); ``max_decompressed_bytes`` counts the decoded body.
    ``allow_networks`` lists CIDRs exempt from the private-address block (tests, intranets).
    ``robots_ttl`` is how long a host's robots.txt answer is kept (RFC 9309 advises 24 hours).
    """

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 2**20
    max_decompressed_bytes: int = 50 * 2**20
    max_redirects: int = 5
    allow_networks: tuple[str, ...] = ()
    user_agent: str = "newsdesk/0.1"
    per_host_concurrency: int = 2
    per_host_delay: float = 0.0
    obey_robots: bool = True
    robots_ttl: float = 24 * 3600.0

    def __post_init__(self) -> None:
        positive = {
            "connect_timeout": self.connect_timeout,
            "read_timeout": self.read_timeout,
            "total_timeout": self.total_timeout,
            "max_bytes": self.max_bytes,
            "max_decompressed_bytes": self.max_decompressed_bytes,
            "per_host_concurrency": self.per_host_concurrency,
        }
        not_negative = {
            "max_redirects": self.max_redirects,
            "per_host_delay": self.per_host_delay,
            "robots_ttl": self.robots_ttl,
        }
        for name, value in positive.items():
            if not value > 0:
                raise ConfigurationError(f"FetchPolicy.{name} must be positive, not {value}")
        for name, value in not_negative.items():
            if not value >= 0:
                raise ConfigurationError(f"FetchPolicy.{name} must not be negative, not {value}")
        if not self.user_agent.strip():
            raise ConfigurationError("FetchPolicy.user_agent must not be empty")
        for cidr in self.allow_networks:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as e:
                raise ConfigurationError(f"FetchPolicy.allow_networks: {e}") from e
