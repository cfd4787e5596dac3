"""The digest on the reader's pages: the settings on /me/, the preview link and page, the
unsubscribe page's languages, and the operator's ``newsdesk digest --preview``."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.cli import digest as digest_cli
from newsdesk.desk.readers.digest_plans import unsubscribe_token
from newsdesk.desk.readers.following import follow
from newsdesk.readers.digests import DigestPlan
from newsdesk.readers.models import FollowKind, Reader
from newsdesk.worker.runner import schedule_once
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader() -> User:
    user = make_reader("digest-reader")
    Reader.objects.update_or_create(user=user, defaults={"time_zone": "Asia/Tokyo"})
    return user


@pytest.fixture
def signed_in(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


def news(now: datetime) -> None:
    harbour = make_source("Harbour Times", now)
    river = make_source("River Post", now)
    make_story(
        [
            make_article(harbour, "Harbour bridge reopens after repairs", now, hours_ago=3),
            make_article(river, "Bridge over the harbour open again", now, hours_ago=2),
        ],
        now,
    )


def test_the_digest_is_off_until_chosen_and_saved_from_the_profile_page(
    signed_in: Client, reader: User
) -> None:
    page = signed_in.get("/me/").content.decode()
    assert 'id="digest"' in page
    assert "/me/digest/preview/" in page
    assert '<option value="off" selected>' in page
    answer = signed_in.post(
        "/me/digest/", {"frequency": "weekly", "hour": "18", "weekday": "4", "language": "de"}
    )
    assert answer.status_code == 302 and answer["Location"].endswith("/me/#digest")
    plan = DigestPlan.objects.get(user=reader)
    assert (plan.frequency, plan.hour, plan.weekday, plan.language) == ("weekly", 18, 4, "de")
    assert plan.next_due_at is not None
    local = plan.next_due_at.astimezone(timezone.get_fixed_timezone(9 * 60))
    assert (local.weekday(), local.hour) == (4, 18)  # Friday 18:00 in Tokyo
    assert "Next digest" in signed_in.get("/me/").content.decode()


def test_a_bad_choice_is_a_form_error(signed_in: Client, reader: User) -> None:
    answer = signed_in.post(
        "/me/digest/", {"frequency": "hourly", "hour": "25", "weekday": "0", "language": "fr"}
    )
    assert answer.status_code == 200
    assert 'class="field-errors"' in answer.content.decode()
    assert not DigestPlan.objects.filter(user=reader).exists()


def test_the_preview_shows_the_mail_as_sent_with_its_own_policy(
    signed_in: Client, reader: User
) -> None:
    now = timezone.now()
    news(now)
    follow(reader, FollowKind.SOURCE, "harbour-times", now)
    answer = signed_in.get("/me/digest/preview/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Harbour bridge reopens after repairs" in html
    assert "style-src 'unsafe-inline'" in answer["Content-Security-Policy"]
    assert "script-src" not in answer["Content-Security-Policy"]  # default-src 'none' holds
    assert "<script" not in html


def test_with_no_story_the_preview_says_none_would_be_sent(signed_in: Client, reader: User) -> None:
    follow(reader, FollowKind.TOPIC, "volcano", timezone.now())
    answer = signed_in.get("/me/digest/preview/", HTTP_ACCEPT_LANGUAGE="de")
    assert answer.status_code == 200
    assert "keine Übersicht" in answer.content.decode()


def test_the_unsubscribe_page_speaks_the_visitors_language(reader: User) -> None:
    path = f"/digest/unsubscribe/{unsubscribe_token(reader)}/"
    page = Client().get(path, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in page
    assert "إلغاء الاشتراك" in page


def test_the_scheduler_queues_one_digest_job_per_reader_due(reader: User) -> None:
    from django_tasks_db.models import DBTaskResult

    DigestPlan.objects.create(
        user=reader, frequency="daily", hour=7, next_due_at=timezone.now() - timedelta(minutes=1)
    )
    schedule_once()
    schedule_once()
    jobs = DBTaskResult.objects.filter(task_path__endswith="send_digest_job")
    assert jobs.count() == 1


def test_newsdesk_digest_preview_prints_the_text_and_writes_the_html(
    reader: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = timezone.now()
    news(now)
    follow(reader, FollowKind.SOURCE, "harbour-times", now)
    args = argparse.Namespace(preview=reader.email, unsubscribe=None, html=False, output=None)
    assert digest_cli.run(args) == 0
    printed = capsys.readouterr().out
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in printed
    assert "1. Harbour bridge reopens after repairs" in printed
    output = tmp_path / "digest.html"
    args = argparse.Namespace(preview=reader.email, unsubscribe=None, html=False, output=output)
    assert digest_cli.run(args) == 0
    assert output.read_text().startswith("<!DOCTYPE html>")
    token = unsubscribe_token(reader)
    DigestPlan.objects.create(user=reader, frequency="daily", next_due_at=now)
    args = argparse.Namespace(preview=None, unsubscribe=token, html=False, output=None)
    assert digest_cli.run(args) == 0
    assert DigestPlan.objects.get(user=reader).frequency == "off"
