"""check_url, is_blocked_address and Retry-After parsing, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.errors import ConfigurationError, InvalidURLError
from newsdesk.pipeline.fetch import (
    FetchPolicy,
    check_url,
    is_blocked_address,
    parse_retry_after,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM:80/a?b=1#frag", "http://example.com/a?b=1"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("  http://example.com/feed\n", "http://example.com/feed"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("https://bücher.de/", "https://xn--bcher-kva.de/"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0177.0.0.1/", "http://127.0.0.1/"),
        ("http://0x7f000001/", "http://127.0.0.1/"),
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://127.1/", "http://127.0.0.1/"),
        ("http://017700000001/", "http://127.0.0.1/"),
        ("http://[::FFFF:127.0.0.1]:8080/", "http://[::ffff:7f00:1]:8080/"),
        ("http://[0:0:0:0:0:0:0:1]/", "http://[::1]/"),
    ],
)
def test_check_url_normalises(raw: str, expected: str) -> None:
    assert check_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "file:///etc/passwd",
        "ftp://example.com/feed.xml",
        "gopher://example.com/",
        "javascript:alert(1)",
        "data:text/html,hello",
        "mailto:editor@example.com",
        "",
        "   ",
        "example.com/feed",
        "//example.com/feed",
        "http://",
        "http:///feed",
        "http://exa mple.com/",
        "http://[::1/",
        "http://example.com:99999/",
        "http://user:secret@example.com/",
        "http://1.2.3.4.5/",
        "http://256.0.0.1/",
        "http://0x100000000/",
        "http://example.123/",
        "http://example.com/\r\nX-Injected: 1",
        "http://[fe80::1%25eth0]/",
        "http://exa_mple..com/",
    ],
)
def test_check_url_refuses(raw: str) -> None:
    with pytest.raises(InvalidURLError):
        check_url(raw)


def test_check_url_refuses_non_strings() -> None:
    with pytest.raises(InvalidURLError):
        check_url(None)  # type: ignore[arg-type]


BLOCKED = [
    # IPv4
    "0.0.0.0",
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "198.51.100.7",
    "203.0.113.9",
    "198.18.0.1",
    "198.19.255.255",
    "192.88.99.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    # IPv6
    "::",
    "::1",
    "[::1]",
    "::127.0.0.1",
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "100::1",
    "2001:db8::1",
    "3fff::1",
    "2001:2::1",
    "64:ff9b:1::1",
    # IPv6 wrapping a blocked IPv4
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe",
    "2002:7f00:1::",
    "2002:a00:1::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    "2001:0:a00:1:8000:63bf:f7f7:f7f7",  # Teredo, server 10.0.0.1
    # not an address at all
    "localhost",
    "",
]

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.128.0.1",
    "172.32.0.1",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:81c::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7",  # Teredo, client 8.8.8.8
]


@pytest.mark.parametrize("ip", BLOCKED)
def test_blocked_addresses(ip: str) -> None:
    assert is_blocked_address(ip)


@pytest.mark.parametrize("ip", PUBLIC)
def test_public_addresses(ip: str) -> None:
    assert not is_blocked_address(ip)


def test_allow_networks_exempt_exactly_what_they_cover() -> None:
    loopback_only = ("127.0.0.1/32",)
    assert not is_blocked_address("127.0.0.1", loopback_only)
    assert not is_blocked_address("::ffff:127.0.0.1", loopback_only)
    assert is_blocked_address("127.0.0.2", loopback_only)
    assert is_blocked_address("::1", ("127.0.0.0/8",))
    assert is_blocked_address("64:ff9b::7f00:1", loopback_only)
    assert not is_blocked_address("10.9.8.7", ("10.0.0.0/8",))
    assert not is_blocked_address("fd00::5", ("fd00::/8",))


@pytest.mark.parametrize(
    "bad",
    [
        {"allow_networks": ("127.0.0.1/33",)},
        {"allow_networks": ("localhost",)},
        {"per_host_concurrency": 0},
        {"total_timeout": 0},
        {"read_timeout": -1.0},
        {"max_bytes": 0},
        {"max_redirects": -1},
        {"per_host_delay": -0.5},
        {"user_agent": " "},
    ],
)
def test_impossible_policies_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        FetchPolicy(**bad)  # type: ignore[arg-type]


NOW = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        ("Sat, 01 Mar 2025 12:01:30 GMT", 90.0),
        ("Sat, 01 Mar 2025 11:00:00 GMT", 0.0),
        ("Saturday, 01-Mar-25 12:00:10 GMT", 10.0),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
    ],
)
def test_parse_retry_after(value: str, seconds: float | None) -> None:
    assert parse_retry_after(value, NOW) == seconds
