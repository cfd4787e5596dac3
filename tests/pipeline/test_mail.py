"""Reading newsletters (pipeline.mail): which images are tracking pixels, the "view in browser"
address without the recipient, unsubscribe links kept or dropped, the publisher named by
List-Id or From, plain text made paragraphs, attachments never read, broken mail survived."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from newsdesk.pipeline.mail import (
    clean_newsletter_html,
    is_tracking_address,
    paragraphs_html,
    read_newsletter,
    without_recipient,
)


@pytest.mark.parametrize(
    "url",
    [
        "https://us1.list-manage.com/track/open.php?u=1&id=2",  # a tracker host's subdomain
        "https://email.example.com/wf/open?upn=abc",  # SendGrid's path on the sender's domain
        "https://news.example.com/o/eyJhbGciOiJIUzI1NiJ9abc",
        "https://cdn.example.com/banner.png?utm_source=newsletter",  # a tracking parameter
        "https://cdn.example.com/banner.png?e=reader-77",  # the recipient's id
        "https://example.com/images/1x1.gif",
    ],
)
def test_tracking_addresses(url: str) -> None:
    assert is_tracking_address(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://cdn.example.com/photo.jpg",
        "https://cdn.example.com/photo.jpg?w=600&h=400",
        "https://images.example.org/2026/12/open-water.jpg",  # "open" in a name, not a path
        "https://example.com/opinion/column.png",
    ],
)
def test_ordinary_image_addresses(url: str) -> None:
    assert not is_tracking_address(url)


def test_pixels_by_size_style_and_address_are_removed_text_kept() -> None:
    html = (
        "<p>Before<img src='https://a.example/x.gif' width='1' height='1'>after.</p>"
        "<p><img src='https://a.example/y.gif' style='width: 1px; height:1px'>Second</p>"
        "<p><img src='https://a.example/z.gif' style='display:none'>Third</p>"
        "<p><img src='https://a.example/w.gif' width='0'>Fourth</p>"
        "<p><img src='https://a.example/photo.jpg' width='600' alt='Photo'></p>"
    )
    cleaned = clean_newsletter_html(html, keep_unsubscribe=True)
    assert cleaned.pixels_removed == 4
    assert "Beforeafter." in cleaned.html and "Fourth" in cleaned.html
    assert "photo.jpg" in cleaned.html and ".gif" not in cleaned.html


def test_view_in_browser_without_the_recipient_and_unsubscribe_choice() -> None:
    html = (
        "<p><a href='https://n.example/issue/4?e=77&utm_medium=email&page=2'>"
        "View in browser</a></p>"
        "<p>News.</p><p><a href='https://n.example/u?id=77'>Unsubscribe</a> · "
        "<a href='https://n.example/list-u'>Leave the list</a> · "
        "<a href='https://n.example/archive'>Archive</a></p>"
    )
    listed = frozenset({"https://n.example/list-u"})
    kept = clean_newsletter_html(html, keep_unsubscribe=True, unsubscribe_urls=listed)
    assert kept.web_url == "https://n.example/issue/4?page=2"
    assert 'href="https://n.example/issue/4?page=2"' in kept.html  # the body's link too
    assert "n.example/u?id=77" in kept.html and "list-u" in kept.html
    dropped = clean_newsletter_html(html, keep_unsubscribe=False, unsubscribe_urls=listed)
    assert dropped.unsubscribe_removed == 2
    assert "u?id=77" not in dropped.html and "list-u" not in dropped.html
    assert "n.example/archive" in dropped.html


def test_without_recipient_keeps_other_parameters() -> None:
    assert without_recipient("https://a.example/p?id=3&mc_eid=9#top") == "https://a.example/p?id=3"


def test_the_publisher_from_list_id_then_from() -> None:
    message = EmailMessage()
    message["From"] = '"Ana at Harbour" <ana@harbour.example>'
    message["Subject"] = "Fwd: RE: Issue 4"
    message["List-Id"] = '"Harbour Weekly" <weekly.harbour.example>'
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message.set_content("Hello.")
    letter = read_newsletter(message.as_bytes())
    assert (letter.publisher, letter.publisher_key) == ("Harbour Weekly", "weekly.harbour.example")
    assert letter.subject == "Issue 4"
    assert letter.sent_at is not None and letter.sent_at.hour == 9
    del message["List-Id"]
    plain = read_newsletter(message.as_bytes())
    assert (plain.publisher, plain.publisher_key) == ("Ana at Harbour", "ana@harbour.example")


def test_plain_text_becomes_paragraphs_escaped() -> None:
    html = paragraphs_html(
        "Hello <b>all</b>\nline two\n\n-----\n\nSee https://a.example/x?y=1&z=2."
    )
    assert html == (
        "<p>Hello &lt;b&gt;all&lt;/b&gt;<br>line two</p>\n"
        '<p>See <a href="https://a.example/x?y=1&amp;z=2">https://a.example/x?y=1&amp;z=2</a>.</p>'
    )


def test_attachments_are_never_the_body() -> None:
    message = EmailMessage()
    message["From"] = "a@b.example"
    message["Subject"] = "Only an attachment"
    message.set_content("The text.")
    message.add_attachment("<p>attached page</p>", subtype="html", filename="page.html")
    letter = read_newsletter(message.as_bytes())
    assert letter.text_only and "The text." in letter.html and "attached" not in letter.html


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not a mail at all",
        b"Subject: =?x-unknown?q?broken?=\r\nContent-Type: text/html; charset=nonsense\r\n"
        b"\r\n\xff\xfe<p>x",
        b"From: <<<>>>\r\nDate: yesterday\r\nList-Id: <>\r\n\r\nbody",
    ],
)
def test_broken_mail_is_read_without_raising(raw: bytes) -> None:
    letter = read_newsletter(raw)
    assert isinstance(letter.html, str) and isinstance(letter.subject, str)
