"""The site-wide rules kept by each process under their number (decision 65): an anonymous list
reads no rule while they are unchanged; saving, disabling or deleting one, or a site-wide rule
muting a story, gives the number a new value, and the next anonymous screen reads them again."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.desk.readers import rule_editing
from newsdesk.desk.readers import rules as site
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.stories.list_version import numbers
from newsdesk.readers.rules import Rule, RuleCatch
from newsdesk.stories.models import StoryListVersion
from tests.support.following import make_article, make_reader, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def news() -> dict[str, Any]:
    now = timezone.now()
    harbour, wire = make_source("Harbour Post", now), make_source("Wire", now)
    gossip = make_article(wire, "Celebrity gossip from the gala", now, hours_ago=0.5)
    ferry = make_article(harbour, "Ferry timetable changes", now, hours_ago=1)
    later = make_article(harbour, "Extra boats at noon", now, hours_ago=0.2)
    make_story([gossip], now)
    make_story([ferry, later], now)
    operator = make_reader("operator")
    operator.is_staff = True
    return {"now": now, "gossip": gossip, "ferry": ferry, "later": later, "operator": operator}


def rule_queries(request: Any) -> list[str]:
    """The SQL statements of ``request()`` that read the rules' table."""
    with CaptureQueriesContext(connection) as captured:
        request()
    return [q["sql"] for q in captured.captured_queries if "readers_rule" in q["sql"]]


def shown(path: str = "/") -> str:
    response = Client().get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_lists_read_no_rule_until_a_site_wide_one_changes(
    news: dict[str, Any],
) -> None:
    operator = news["operator"]
    assert "Celebrity gossip" in shown()
    assert rule_queries(shown) == []  # kept from the first request
    assert rule_queries(lambda: shown("/api/v1/stories")) == []
    before = numbers().site_rules

    rule = rule_editing.save_rule(
        operator, {"terms": "celebrity", "action": "hide"}, site_wide=True
    )
    assert numbers().site_rules != before
    read = rule_queries(shown)
    assert len(read) == 1  # read again once, then kept
    assert "Celebrity gossip" not in shown() and "Ferry timetable" in shown()
    assert "Celebrity gossip" not in shown("/api/v1/stories")
    assert rule_queries(shown) == []

    renewed = numbers().site_rules
    rule_editing.save_rule(operator, {"enabled": False}, rule)
    assert numbers().site_rules != renewed
    assert "Celebrity gossip" in shown()

    rule_editing.save_rule(operator, {"enabled": True}, rule)
    assert "Celebrity gossip" not in shown()
    rule_editing.delete_rule(operator, rule)
    assert "Celebrity gossip" in shown()


def test_a_readers_own_rule_leaves_the_kept_site_rules_alone(news: dict[str, Any]) -> None:
    shown()
    before = numbers().site_rules
    ana = make_reader("ana")
    rule_editing.save_rule(ana, {"terms": "ferry", "action": "hide"})
    assert numbers().site_rules == before
    assert rule_queries(shown) == [] and "Ferry timetable" in shown()


def test_a_number_not_renewed_keeps_what_was_read_until_the_time_limit(
    news: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the number does not say (a row written past the model, as by SQL) is not seen
    until ``SITE_RULES_SECONDS`` have passed: proof that the rules come from the kept copy."""
    assert "Celebrity gossip" in shown()
    Rule.objects.bulk_create([Rule(user=None, terms=["celebrity"], action="hide")])
    assert "Celebrity gossip" in shown()
    clock = site.time.monotonic() + site.SITE_RULES_SECONDS + 1
    monkeypatch.setattr(site.time, "monotonic", lambda: clock)
    assert "Celebrity gossip" not in shown()


def test_another_process_renewing_the_number_is_seen_at_the_next_request(
    news: dict[str, Any],
) -> None:
    """What another process leaves behind: a rule row and a new number (here written straight
    to the tables, as that process's commit would make them visible)."""
    assert "Celebrity gossip" in shown()
    Rule.objects.bulk_create([Rule(user=None, terms=["celebrity"], action="hide")])
    StoryListVersion.objects.filter(pk=StoryListVersion.SITE_RULES).update(number=7)
    StoryListVersion.objects.get_or_create(pk=StoryListVersion.SITE_RULES, defaults={"number": 7})
    assert "Celebrity gossip" not in shown()


def test_a_site_wide_mute_renews_the_number_so_every_process_hides_the_story(
    news: dict[str, Any],
) -> None:
    operator = news["operator"]
    rule_editing.save_rule(
        operator,
        {"terms": "ferry", "action": "mute_story", "field": "title"},
        site_wide=True,
    )
    before = numbers().site_rules
    page = shown()
    assert "Ferry timetable" not in page and "Extra boats" not in page
    assert RuleCatch.objects.filter(story_id__isnull=False).count() == 1
    assert numbers().site_rules != before  # the catch is news to every process
    # Read again with the story muted: the later article, which matches nothing, stays hidden.
    assert site.site_rules(numbers().site_rules).muted
    assert screen_for(AnonymousUser()).articles([news["later"]]) == []


def test_a_kept_anonymous_story_list_answer_costs_one_statement(news: dict[str, Any]) -> None:
    operator = news["operator"]
    rule_editing.save_rule(operator, {"terms": "celebrity", "action": "hide"}, site_wide=True)
    first = Client().get("/api/v1/stories")
    with CaptureQueriesContext(connection) as captured:
        again = Client().get("/api/v1/stories")
    assert again.content == first.content and b"Celebrity gossip" not in again.content
    assert len(captured) == 1, [q["sql"] for q in captured.captured_queries]  # both numbers
