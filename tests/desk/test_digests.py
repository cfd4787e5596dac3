"""E-mail digests sent through a real SMTP server on 127.0.0.1 and read back: headers, both
parts, links, language and direction, times in the reader's zone; one-click unsubscribe; when a
digest is due and that a period is sent once; a failing server leaves a retry and a log line."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.desk.readers.digest_plans import PlanChoice, set_plan
from newsdesk.desk.readers.digests import claim_due_digests, send_digest
from newsdesk.desk.readers.following import follow
from newsdesk.desk.readers.profiles import update_profile
from newsdesk.readers.digests import DigestPlan, DigestSend, DigestStatus
from newsdesk.readers.models import FollowKind, Reader
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story
from newsdesk.worker.digest_tasks import send_digest_job
from tests.support.following import make_article, make_reader, make_source, make_story
from tests.support.smtp import MailServer, mail_server, send_to

pytestmark = pytest.mark.django_db

ORIGIN = "https://news.example.org"
MAILTO = "unsubscribe@news.example.org"
# Monday 7 December 2026, 06:30 UTC: 07:30 in Berlin, 09:30 in Riyadh.
NOW = datetime(2026, 12, 7, 6, 30, tzinfo=UTC)


@pytest.fixture
def server(settings: Any) -> Iterator[MailServer]:
    settings.NEWSDESK = replace(settings.NEWSDESK, origins=(ORIGIN,), unsubscribe_mailto=MAILTO)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example.org", "testserver"]
    with mail_server() as running:
        send_to(settings, running)
        yield running


def reader_with_digest(
    name: str, zone: str, language: str = "en", frequency: str = "daily", hour: int = 7
) -> User:
    user = make_reader(name)
    Reader.objects.update_or_create(user=user, defaults={"time_zone": zone})
    set_plan(user, PlanChoice(frequency, hour, 0, language), NOW - timedelta(hours=2))
    return user


def harbour_story() -> Story:
    """A story of two sources; the first is followed by the readers of these tests."""
    harbour = make_source("Harbour Times", NOW)
    other = make_source("River Post", NOW)
    lead = make_article(
        harbour, "Harbour bridge reopens after repairs", NOW, hours_ago=3, language="en"
    )
    second = make_article(
        other, "Bridge over the harbour open again", NOW, hours_ago=2, language="en"
    )
    return make_story([lead, second], NOW)


def send_due(now: datetime = NOW) -> list[dict[str, object]]:
    return [send_digest(send_id, token, now) for send_id, token in claim_due_digests(now)]


def subject_of(message: EmailMessage) -> str:
    """The decoded subject (Django folds an encoded one onto a second line, read as a space)."""
    return str(message["Subject"]).strip()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_a_due_digest_arrives_with_both_parts_links_and_one_click_unsubscribe(
    server: MailServer,
) -> None:
    story = harbour_story()
    user = reader_with_digest("berlin", "Europe/Berlin")
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)

    assert send_due() == [{"outcome": "sent", "stories": 1}]

    [message] = server.to("berlin@example.test")
    assert message["To"] == "berlin@example.test"
    assert "newsdesk" in message["From"]
    assert subject_of(message) == "Your daily news digest, 7 Dec 2026"
    assert parsedate_to_datetime(message["Date"]).utcoffset() == timedelta(hours=1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    web, mail = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])
    assert web.startswith(f"{ORIGIN}/digest/unsubscribe/")
    assert mail.startswith(f"mailto:{MAILTO}?subject=unsubscribe%20")
    assert message["Message-ID"].startswith("<digest.2026-12-07.")

    html, text = html_of(message), text_of(message)
    story_url = f"{ORIGIN}/story/{story.pk}/harbour-bridge-reopens-after-repairs/"
    for part in (html, text):
        assert "Harbour bridge reopens after repairs" in part
        assert "2 sources" in part
        assert "Harbour bridge reopens after repairs: the details of the report." in part
        assert story_url in part
        assert web in part  # the visible unsubscribe link
        assert "7 Dec 2026 07:30 · " in part  # the time of sending in the reader's zone
        assert "Europe/Berlin" in part
        assert "updated 7 Dec 2026 05:30" in part  # the story's newest article, in the zone
    assert 'dir="ltr"' in html and 'lang="en"' in html
    assert "<script" not in html
    assert Client().get(urlsplit(story_url).path).status_code == 200  # the link is canonical
    send = DigestSend.objects.get(user=user)
    assert (send.status, send.period, send.story_count) == (DigestStatus.SENT, "2026-12-07", 1)


def test_an_arabic_digest_is_right_to_left_in_arabic_and_the_readers_time(
    server: MailServer,
) -> None:
    harbour_story()
    user = reader_with_digest("riyadh", "Asia/Riyadh", language="ar", hour=9)
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)

    assert send_due() == [{"outcome": "sent", "stories": 1}]

    [message] = server.to("riyadh@example.test")
    assert subject_of(message) == "ملخص أخبارك اليومي، 7 ديسمبر 2026"
    assert parsedate_to_datetime(message["Date"]).utcoffset() == timedelta(hours=3)
    html = html_of(message)
    assert '<html lang="ar" dir="rtl">' in html
    assert "text-align:right" in html
    assert "7 ديسمبر 2026 09:30" in html and "7 ديسمبر 2026 09:30" in text_of(message)
    assert '<bdi dir="ltr">Asia/Riyadh</bdi>' in html
    # The English story inside the Arabic mail keeps its own direction.
    assert '<h2 dir="ltr" lang="en" style="text-align:left;' in html
    assert "إلغاء الاشتراك" in html  # "Unsubscribe"


def test_a_german_digest_is_in_german(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("hamburg", "Europe/Berlin", language="de")
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)
    send_due()
    [message] = server.to("hamburg@example.test")
    assert subject_of(message) == "Ihre tägliche Nachrichtenübersicht, 7. Dezember 2026"
    assert "2 Quellen" in text_of(message)


def test_a_reader_who_follows_nothing_gets_the_top_stories_and_is_told_so(
    server: MailServer,
) -> None:
    harbour_story()
    reader_with_digest("newcomer", "Europe/Berlin")
    send_due()
    [message] = server.to("newcomer@example.test")
    for part in (html_of(message), text_of(message)):
        assert "You follow nothing yet" in part
        assert "Harbour bridge reopens after repairs" in part


def test_a_reader_who_follows_nothing_but_set_a_region_gets_its_stories(
    server: MailServer,
) -> None:
    harbour_story()
    user = reader_with_digest("local", "Europe/Berlin")
    Reader.objects.filter(user=user).update(region="Harbour")
    send_due()
    [message] = server.to("local@example.test")
    text = text_of(message)
    assert "these are the top stories of Harbour in your languages" in text
    assert "Harbour bridge reopens after repairs" in text


def test_no_story_means_no_mail(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("quiet", "Europe/Berlin")
    follow(user, FollowKind.TOPIC, "volcano", NOW)
    assert send_due() == [{"outcome": "empty"}]
    assert server.messages == []
    assert DigestSend.objects.get(user=user).status == DigestStatus.EMPTY


def test_one_click_unsubscribe_needs_no_sign_in_and_a_get_only_asks(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("leaving", "Europe/Berlin")
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)
    send_due()
    [message] = server.to("leaving@example.test")
    url = re.findall(r"<([^>]+)>", message["List-Unsubscribe"])[0]
    client = Client(enforce_csrf_checks=True)

    page = client.get(urlsplit(url).path)
    assert page.status_code == 200
    assert "l•••@example.test" in page.content.decode()
    assert DigestPlan.objects.get(user=user).frequency == "daily"

    done = client.post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    plan = DigestPlan.objects.get(user=user)
    assert (plan.frequency, plan.next_due_at) == ("off", None)
    assert plan.unsubscribed_at is not None
    assert send_due(NOW + timedelta(days=1)) == []

    forged = urlsplit(url).path.replace(":", ":x", 1)
    assert client.post(forged).status_code == 404


def test_a_digest_is_due_at_the_readers_hour_and_sent_once_a_period(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("once", "Europe/Berlin", hour=8)  # 07:00 UTC
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)

    assert claim_due_digests(NOW) == []  # 07:30 Berlin: not yet
    claims = claim_due_digests(NOW + timedelta(hours=1))
    assert len(claims) == 1
    assert claim_due_digests(NOW + timedelta(hours=1)) == []  # a second scheduler finds none
    send_id, token = claims[0]
    assert send_digest(send_id, token, NOW + timedelta(hours=1))["outcome"] == "sent"
    assert send_digest(send_id, token, NOW + timedelta(hours=1)) == {"outcome": "skipped"}

    # Moved to a later hour the same day: the day's digest went out already.
    set_plan(user, PlanChoice("daily", 20, 0, "en"), NOW + timedelta(hours=2))
    assert send_due(NOW + timedelta(hours=12)) == []
    # The next day, once, with the next day's news.
    tomorrow = NOW + timedelta(days=1, hours=14)
    ferry = make_article(Source.objects.get(slug="harbour-times"), "Ferry times change", tomorrow)
    make_story([ferry], tomorrow)
    assert len(send_due(tomorrow)) == 1
    assert len(server.to("once@example.test")) == 2
    periods = sorted(DigestSend.objects.filter(user=user).values_list("period", flat=True))
    assert periods == ["2026-12-07", "2026-12-08"]


def test_a_weekly_digest_falls_on_its_weekday(server: MailServer) -> None:
    user = make_reader("weekly")
    Reader.objects.update_or_create(user=user, defaults={"time_zone": "America/New_York"})
    plan = set_plan(user, PlanChoice("weekly", 18, 4, "en"), NOW)  # Fridays, 18:00 New York
    assert plan.next_due_at == datetime(2026, 12, 11, 23, 0, tzinfo=UTC)


def test_a_new_time_zone_moves_the_digest_to_the_readers_hour_there(server: MailServer) -> None:
    user = reader_with_digest("moving", "Europe/Berlin", hour=7)
    update_profile(user, region="", languages=[], time_zone="Asia/Tokyo")
    plan = DigestPlan.objects.get(user=user)
    assert plan.next_due_at is not None
    assert plan.next_due_at.astimezone(ZoneInfo("Asia/Tokyo")).hour == 7


def test_a_lost_job_is_sent_again_by_a_new_lease_not_twice(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("lost", "Europe/Berlin")
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)
    [(send_id, stale)] = claim_due_digests(NOW)
    # The job took the send and its worker died: no new lease until the old one runs out.
    DigestSend.objects.filter(pk=send_id).update(status=DigestStatus.SENDING)
    assert claim_due_digests(NOW + timedelta(minutes=1)) == []
    [(same, token)] = claim_due_digests(NOW + timedelta(hours=1))
    assert same == send_id
    assert send_digest(send_id, stale, NOW + timedelta(hours=1)) == {"outcome": "skipped"}
    assert send_digest(send_id, token, NOW + timedelta(hours=1))["outcome"] == "sent"
    assert len(server.to("lost@example.test")) == 1


def test_a_failing_server_leaves_a_retry_and_a_log_line_and_others_are_sent(
    server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    harbour_story()
    for name in ("refused", "fine"):
        user = reader_with_digest(name, "Europe/Berlin")
        follow(user, FollowKind.SOURCE, "harbour-times", NOW)
    server.refuse_rcpt.add("refused@example.test")

    with caplog.at_level(logging.INFO, logger="newsdesk.jobs"):
        outcomes = {
            send_id: send_digest_job.func(send_id, token)
            for send_id, token in claim_due_digests(NOW)
        }
    assert sorted(str(o["outcome"]) for o in outcomes.values()) == ["retrying", "sent"]
    refused = DigestSend.objects.get(user__username="refused")
    assert refused.status == DigestStatus.RETRY
    assert refused.retry_at is not None and refused.retry_at > NOW
    assert "550" in refused.last_error
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("job digest" in r.getMessage() and "retrying" in r.getMessage() for r in warnings)
    assert len(server.to("fine@example.test")) == 1

    # Not before its time; then, with the server taking mail again, sent once.
    assert claim_due_digests(refused.retry_at - timedelta(seconds=1)) == []
    server.refuse_rcpt.clear()
    later = refused.retry_at + timedelta(seconds=1)
    assert send_due(later) == [{"outcome": "sent", "stories": 1}]
    assert len(server.to("refused@example.test")) == 1
    assert DigestSend.objects.get(user__username="refused").attempts == 2


def test_a_send_is_given_up_after_its_last_attempt(server: MailServer) -> None:
    harbour_story()
    user = reader_with_digest("down", "Europe/Berlin")
    follow(user, FollowKind.SOURCE, "harbour-times", NOW)
    server.refuse_data = True
    now = NOW
    for _ in range(4):
        send_due(now)
        now += timedelta(hours=3)
    send = DigestSend.objects.get(user=user)
    assert (send.status, send.attempts) == (DigestStatus.FAILED, 4)
    assert "451" in send.last_error
    assert send_due(now) == []
