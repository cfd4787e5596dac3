"""WebSub's pure parts: the hub a feed names (Link header first, then the feed's head) and the
X-Hub-Signature of a push."""

from __future__ import annotations

from urllib.parse import parse_qs

from newsdesk.pipeline.feeds.websub import (
    HubLinks,
    discover_hub,
    self_link,
    sign,
    signature_valid,
    subscription_form,
)

RSS = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>Harbour Times</title>
<atom:link rel="hub" href="https://hub.example.org/" />
<atom:link rel='self' type="application/rss+xml" href="https://harbour.example/feed.xml?a=1&amp;b=2"/>
<item><title>One</title><link>https://harbour.example/1</link>
<atom:link rel="hub" href="https://other-hub.example/"/></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>River</title>
<link href="/hub" rel="hub"/><link rel="alternate" href="/"/>
<entry><title>x</title></entry></feed>"""


def test_an_rss_feed_names_its_hub_and_its_self_address() -> None:
    found = discover_hub(RSS, "", "https://harbour.example/feed.xml")
    assert found == HubLinks("https://hub.example.org/", "https://harbour.example/feed.xml?a=1&b=2")


def test_an_atom_hub_is_made_absolute_and_the_topic_defaults_to_the_feed() -> None:
    found = discover_hub(ATOM, "", "https://river.example/atom.xml")
    assert found == HubLinks("https://river.example/hub", "https://river.example/atom.xml")


def test_the_link_header_comes_before_the_body() -> None:
    header = '<https://push.example/>; rel="hub", <https://harbour.example/topic>; rel="self"'
    found = discover_hub(RSS, header, "https://harbour.example/feed.xml")
    assert found == HubLinks("https://push.example/", "https://harbour.example/topic")


def test_a_hub_named_only_inside_an_item_or_not_at_all_is_no_hub() -> None:
    inside = b"<rss><channel><item><atom:link rel='hub' href='https://h.example/'/></item>"
    assert discover_hub(inside, "", "https://a.example/f") is None
    assert (
        discover_hub(b"<rss><channel><title>t</title></channel></rss>", "", "https://a.example/f")
        is None
    )
    assert (
        discover_hub(
            b"<feed><link rel='hub' href='javascript:x'/></feed>", "", "https://a.example/f"
        )
        is None
    )


def test_signatures_of_each_method_check_and_a_changed_body_fails() -> None:
    body = b"<rss>pushed</rss>"
    for method in ("sha1", "sha256", "sha512"):
        header = sign("s3cret", body, method)
        assert header.startswith(method + "=")
        assert signature_valid("s3cret", header, body)
        assert signature_valid("s3cret", header.upper().replace(method.upper(), method), body)
        assert not signature_valid("s3cret", header, body + b" ")
        assert not signature_valid("other", header, body)
    assert not signature_valid("s3cret", "md5=abc", body)
    assert not signature_valid("s3cret", "", body)
    assert not signature_valid("s3cret", "sha256=", body)


def test_a_push_names_its_topic_in_its_link_header() -> None:
    header = '<https://hub.example/>; rel="hub", <https://a.example/feed.xml>; rel="self"'
    assert self_link(header) == "https://a.example/feed.xml"
    assert self_link("") == ""


def test_the_subscription_form_carries_secret_and_lease() -> None:
    form = parse_qs(subscription_form("subscribe", "https://t/", "https://cb/x", "k", 600).decode())
    assert form == {
        "hub.mode": ["subscribe"],
        "hub.topic": ["https://t/"],
        "hub.callback": ["https://cb/x"],
        "hub.lease_seconds": ["600"],
        "hub.secret": ["k"],
    }
