"""Newsletters delivered to ``newsdesk mail``'s SMTP listener on 127.0.0.1, sent with smtplib as a
publisher's server sends them, and read back through desk and the reader's pages: an HTML issue
with tracking pixels, plain text, a multipart with an attachment, the same issue sent again, an
oversized message, an unknown recipient, a session whose other messages survive a bad one;
another reader never sees them; an operator's address fills a public source."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from dataclasses import replace
from email.message import EmailMessage
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.cli.mail import MailListener
from newsdesk.desk import newsletters
from newsdesk.desk.readers.subscriptions import subscribed_articles, subscriptions
from newsdesk.desk.reading import newest_articles
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.readers.rules import Rule
from newsdesk.sources.models import MailAddress, Source
from tests.support.following import make_reader, make_source

pytestmark = pytest.mark.django_db(transaction=True)

DOMAIN = "in.news.example.org"
MAX_BYTES = 200_000

ISSUE_HTML = """<html><head><style>p{color:red}</style></head><body>
<p><a href="https://harbour.example/issues/12?e=reader-token-77&utm_source=mail">
View in browser</a></p>
<h1>Harbour Weekly 12</h1>
<p>The new harbour crane lifted its first ship today.</p>
<p>Harbour workers welcomed the crane at dawn.</p>
<img src="https://harbour.example/o/pixel?u=reader-token-77" width="1" height="1" alt="">
<img src="https://x.list-manage.com/track/open.php?u=abc&id=def" alt="">
<img src="https://cdn.harbour.example/img/crane.jpg?e=reader-token-77" alt="the crane">
<img src="https://cdn.harbour.example/img/ship.jpg" style="width:1px;height:1px" alt="">
<img src="https://cdn.harbour.example/img/photo.jpg" width="600" alt="The crane at dawn">
<script>alert(1)</script><p onclick="steal()">Read more next week.</p>
<p><a href="https://harbour.example/unsubscribe?u=reader-token-77">Unsubscribe</a></p>
</body></html>"""


@pytest.fixture
def listener(settings: Any) -> Iterator[MailListener]:
    settings.NEWSDESK = replace(settings.NEWSDESK, mail_domain=DOMAIN, mail_max_bytes=MAX_BYTES)
    running = MailListener("127.0.0.1", 0, MAX_BYTES)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def issue(to: str, subject: str, html: str = "", text: str = "", **headers: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = headers.pop("From", '"Harbour Weekly" <news@harbour.example>')
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = headers.pop("Message_ID", f"<{subject.replace(' ', '.')}@harbour>")
    message["Date"] = "Mon, 07 Dec 2026 06:00:00 +0000"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    if text:
        message.set_content(text)
    if html:
        if text:
            message.add_alternative(html, subtype="html")
        else:
            message.set_content(html, subtype="html")
    return message


def send(listener: MailListener, message: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", listener.port, timeout=10) as client:
        client.send_message(message)


def address_of(user: User) -> str:
    return newsletters.full_address(newsletters.reader_address(user))


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_html_issue_becomes_a_private_article_without_trackers(listener: MailListener) -> None:
    ana = make_reader("ana")
    send(
        listener,
        issue(
            address_of(ana),
            "Harbour Weekly 12",
            ISSUE_HTML,
            List_Id="Harbour Weekly <weekly.harbour.example>",
            List_Unsubscribe="<https://harbour.example/unsubscribe?u=reader-token-77>",
        ),
    )
    article = Article.everything.get(private_to=ana)
    assert article.title == "Harbour Weekly 12"
    assert article.url == "https://harbour.example/issues/12"  # the web version, no token
    assert "crane lifted its first ship" in article.text
    # Pixels by size, by tracker host, by tracking query and by style are gone; the photo stays.
    assert "pixel" not in article.html and "list-manage" not in article.html
    assert "crane.jpg" not in article.html and "ship.jpg" not in article.html
    assert "https://cdn.harbour.example/img/photo.jpg" in article.html
    # Sanitized as every body: no script, no handler, no style.
    assert "<script" not in article.html and "onclick" not in article.html
    assert "color:red" not in article.html
    assert "reader-token-77" not in article.html.split("harbour.example/unsubscribe")[0]
    # The reader's own newsletter keeps its unsubscribe link (decision 67).
    assert 'href="https://harbour.example/unsubscribe?u=reader-token-77"' in article.html
    # Credit: a private source named as the list names itself, followed by its reader.
    source = article.source
    assert (source.name, source.private_to, source.domain) == (
        "Harbour Weekly",
        ana,
        "harbour.example",
    )
    assert Follow.objects.filter(user=ana, kind=FollowKind.SOURCE, value=source.slug).exists()
    address = MailAddress.objects.get(user=ana)
    assert address.received == 1


def test_plain_text_multipart_and_a_resent_issue(listener: MailListener) -> None:
    ben = make_reader("ben")
    to = address_of(ben)
    send(
        listener,
        issue(
            to,
            "Plain notes 3",
            text="First line\nsecond line\n\nhttps://notes.example/3 is the link",
        ),
    )
    multipart = issue(to, "Both ways 4", html="<p>The HTML part wins.</p>", text="The text part.")
    multipart.add_attachment(
        b"%PDF-1.4 secret", maintype="application", subtype="pdf", filename="a.pdf"
    )
    send(listener, multipart)
    send(listener, issue(to, "Harbour Weekly 12", ISSUE_HTML))
    # Sent again: a new Message-ID, the same issue.
    send(listener, issue(to, "Harbour Weekly 12", ISSUE_HTML, Message_ID="<resent-1@harbour>"))
    articles = {a.title: a for a in Article.everything.filter(private_to=ben)}
    assert sorted(articles) == ["Both ways 4", "Harbour Weekly 12", "Plain notes 3"]
    plain = articles["Plain notes 3"]
    assert plain.html.startswith("<p>First line<br>second line</p>")
    assert '<a href="https://notes.example/3"' in plain.html
    assert plain.url == "mid:Plain.notes.3@harbour"
    both = articles["Both ways 4"]
    assert "HTML part wins" in both.text and "PDF" not in both.text and "text part" not in both.text
    assert MailAddress.objects.get(user=ben).received == 4


def test_refusals_and_a_session_that_loses_nothing(listener: MailListener) -> None:
    cleo = make_reader("cleo")
    to = address_of(cleo)
    with smtplib.SMTP("127.0.0.1", listener.port, timeout=10) as client:
        client.ehlo()
        assert client.has_extn("size") and int(client.esmtp_features["size"]) == MAX_BYTES
        client.send_message(issue(to, "Before 1", text="Before the bad ones."))
        with pytest.raises(smtplib.SMTPRecipientsRefused) as unknown:
            client.send_message(issue(f"nobody@{DOMAIN}", "Lost", text="To nobody."))
        assert unknown.value.recipients[f"nobody@{DOMAIN}"][0] == 550
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.send_message(issue(f"{to.split('@')[0]}@elsewhere.example", "Lost 2", text="x"))
        huge = issue(to, "Huge", text="word " * (MAX_BYTES // 4))
        with pytest.raises((smtplib.SMTPDataError, smtplib.SMTPSenderRefused)) as too_big:
            client.send_message(huge)
        assert too_big.value.smtp_code == 552
    with smtplib.SMTP("127.0.0.1", listener.port, timeout=10) as client:
        # One message to a known and an unknown address: the known one gets it.
        refused = client.sendmail(
            "news@harbour.example",
            [to, f"nobody@{DOMAIN}"],
            issue(to, "After 2", text="After the bad ones.").as_bytes(),
        )
        assert set(refused) == {f"nobody@{DOMAIN}"}
        client.send_message(issue(to, "After 3", html="<p>Still arriving.</p>"))
    titles = set(Article.everything.filter(private_to=cleo).values_list("title", flat=True))
    assert titles == {"Before 1", "After 2", "After 3"}


def test_only_the_reader_sees_their_newsletters(listener: MailListener) -> None:
    ana, eve = make_reader("ana"), make_reader("eve")
    send(listener, issue(address_of(ana), "Harbour Weekly 12", ISSUE_HTML))
    article = Article.everything.get(private_to=ana)
    source = article.source
    # Nowhere public: lists, sources, search.
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Source.objects.filter(pk=source.pk).exists()
    assert article.pk not in [a.pk for a in newest_articles().articles]
    # The reader's feed-reader subscriptions have it; another reader's do not.
    assert source in [sub.source for sub in subscriptions(ana)]
    assert article.pk in subscribed_articles(ana).values_list("pk", flat=True)
    assert source not in [sub.source for sub in subscriptions(eve)]
    assert not subscribed_articles(eve).filter(pk=article.pk).exists()
    # Pages: the reader reads it; eve and a visitor get the 404 of an article that is not.
    owner = signed_in(ana)
    page = owner.get(f"/article/{article.pk}/")
    assert page.status_code == 200
    assert b"crane lifted its first ship" in page.content
    assert "no-cache" in page["Cache-Control"] or "private" in page["Cache-Control"]
    following = owner.get("/me/following/").content.decode()
    assert 'href="/me/newsletters/">Harbour Weekly</a>' in following
    assert "Harbour Weekly" not in signed_in(eve).get("/me/following/").content.decode()
    listing = owner.get("/me/newsletters/").content.decode()
    assert "Harbour Weekly 12" in listing and address_of(ana) in listing
    assert signed_in(eve).get(f"/article/{article.pk}/").status_code == 404
    assert Client().get(f"/article/{article.pk}/").status_code == 404
    assert "Harbour Weekly 12" not in signed_in(eve).get("/me/newsletters/").content.decode()
    assert signed_in(eve).get(f"/source/{source.slug}/").status_code == 404
    assert b"Harbour Weekly 12" not in Client().get("/").content
    assert b"Harbour Weekly 12" not in Client().get("/search/?q=crane").content
    # Leaving takes the newsletters along: sources, issues and the address.
    ana_id = ana.pk
    ana.delete()
    assert not Article.everything.filter(pk=article.pk).exists()
    assert not Source.everything.filter(pk=source.pk).exists()
    assert not MailAddress.objects.filter(user_id=ana_id).exists()


def test_the_readers_rules_apply_to_their_newsletters(listener: MailListener) -> None:
    ana = make_reader("ana")
    send(listener, issue(address_of(ana), "Harbour Weekly 12", text="The new crane arrived."))
    second = issue(address_of(ana), "Harbour Weekly 13: crane gossip", text="Who said what.")
    send(listener, second)
    owner = signed_in(ana)
    assert "crane gossip" in owner.get("/me/newsletters/").content.decode()
    Rule.objects.create(user=ana, terms=["gossip"], action="hide", field="title")
    listing = owner.get("/me/newsletters/").content.decode()
    assert "Harbour Weekly 12" in listing and "crane gossip" not in listing


def test_rotating_refuses_the_old_address(listener: MailListener) -> None:
    dan = make_reader("dan")
    old = address_of(dan)
    client = signed_in(dan)
    assert old in client.get("/me/").content.decode()
    assert client.post("/me/newsletters/rotate/").status_code == 302
    new = address_of(dan)
    assert new != old and new in client.get("/me/").content.decode()
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        send(listener, issue(old, "To the old one", text="Refused."))
    send(listener, issue(new, "To the new one", text="Taken."))
    assert list(Article.everything.filter(private_to=dan).values_list("title", flat=True)) == [
        "To the new one"
    ]


def test_an_operators_address_fills_a_public_source(listener: MailListener) -> None:
    harbour = make_source("Harbour Post", timezone.now())
    to = newsletters.full_address(newsletters.source_address(harbour))
    send(listener, issue(to, "Harbour Weekly 12", ISSUE_HTML))
    send(listener, issue(to, "Harbour Weekly 12", ISSUE_HTML, Message_ID="<again@harbour>"))
    article = Article.objects.get(source=harbour)  # public: one article, seen by everyone
    assert article.private_to is None
    assert "unsubscribe" not in article.html.lower()  # never the operator's key on a public page
    assert Client().get(f"/article/{article.pk}/").status_code in (200, 301)
