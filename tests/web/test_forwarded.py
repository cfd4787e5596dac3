"""The client's address behind trusted proxies: read from the right of X-Forwarded-For."""

from __future__ import annotations

import ipaddress

import pytest

from newsdesk.web.forwarded import client_address

TRUSTED = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]


@pytest.mark.parametrize(
    ("remote", "forwarded_for", "client"),
    [
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
        # What the client wrote itself is left of what the proxy appended: never read.
        ("127.0.0.1", "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        ("127.0.0.1", "203.0.113.5, 10.1.2.3", "203.0.113.5"),  # two proxies
        ("127.0.0.1", "2001:db8::7", "2001:db8::7"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),  # only proxies: the farthest
        ("127.0.0.1", "203.0.113.5, not-an-address", "127.0.0.1"),
        # Not from a trusted proxy: the header is anyone's word.
        ("198.51.100.7", "203.0.113.5", "198.51.100.7"),
    ],
)
def test_client_address(remote: str, forwarded_for: str, client: str) -> None:
    assert client_address(remote, forwarded_for, TRUSTED) == client
