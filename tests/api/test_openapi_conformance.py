"""Every operation of the served OpenAPI schema, called for real, answers exactly as documented.

A newsroom with stories, copies, a link-only source, comments and readers; then every operation is
called anonymously (whatever it answers must be documented), and a reader, a second reader, a
moderator and staff use each one as an app would, writes included. Each answer is validated
against the schema with no undocumented field allowed (``openapi_contract.strict``), and every
operation must have been seen succeeding. Destructive calls (deleting an account, revoking a
token, banning an author) act on readers and tokens of their own, so the rest keep working.

Translation needs a language model this test server does not have: its documented answer here is
the 503 ``no_language_model``; a pending translation written to the database is polled instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone

from newsdesk.articles.models import Enclosure
from newsdesk.desk import newsletters
from newsdesk.desk.readers.profiles import set_role
from newsdesk.sources.models import Feed, RightsPolicy
from newsdesk.summaries.models import Summary
from tests.api.conftest import ApiReader, MakeArticle, make_reader, make_source, make_story
from tests.api.openapi_contract import Contract, operations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limits")]
PASSWORD = "a long pass phrase"
NEEDS_A_LANGUAGE_MODEL = {
    ("POST", "/api/v1/ai/articles/{article_id}/translation"),
    ("POST", "/api/v1/ai/summaries/{summary_id}/translation"),
}


class Caller:
    """One caller of the API whose every answer is checked against the contract."""

    def __init__(self, contract: Contract, client: Client) -> None:
        self.contract, self.client = contract, client

    def __call__(
        self,
        operation: str,
        body: Any = None,
        *,
        query: dict[str, Any] | None = None,
        expect: int | None = None,
        **params: Any,
    ) -> Any:
        method, route = operation.split(" ", 1)
        route = "/api/v1" + route
        address = route.format(**params) + (f"?{urlencode(query)}" if query else "")
        data = json.dumps(body) if body is not None else ""
        answer = self.client.generic(method, address, data, content_type="application/json")
        media = answer.get("Content-Type", "")
        self.contract.check(method, route, answer.status_code, answer.content, media)
        if expect is not None:
            assert answer.status_code == expect, (operation, answer.status_code, answer.content)
        return json.loads(answer.content) if answer.content else None


@pytest.fixture
def contract(db: None) -> Contract:
    served = Client().get("/api/v1/openapi.json")
    assert served.status_code == 200
    return Contract(json.loads(served.content))


@pytest.fixture
def newsroom(make_article: MakeArticle) -> dict[str, Any]:
    gazette = make_source("River Gazette", rights=RightsPolicy.EXCERPT)
    linked = make_source("Link Only Daily", rights=RightsPolicy.LINK_ONLY)
    first = make_article("Council approves ferry stops", age=timedelta(hours=6))
    Feed.objects.create(
        source=first.source, url="https://example-times.test/feed.xml", next_check_at=timezone.now()
    )
    second = make_article("Ferry to reach east bank", of=gazette, age=timedelta(hours=3))
    copy = make_article("Ferry to reach east bank (copy)", of=linked, age=timedelta(hours=2))
    story = make_story([first, second, copy], copies={copy: second})
    make_article("Harbour dredging finished", age=timedelta(hours=1))
    pending = Summary.objects.create(
        key="pending-translation",
        article=first,
        task="translation",
        language="de",
        engine="test",
        version="1",
        status="pending",
        result={"partial": "Der Stadtrat"},
    )
    return {
        "story": story,
        "article": first,
        "link_only": copy,
        "source": first.source,
        "gazette": gazette,
        "translation": pending,
    }


def _readers() -> dict[str, ApiReader]:
    readers = {
        "ana": make_reader("ana@example.test"),
        "ben": make_reader("ben@example.test"),
        "mod": make_reader("mod@example.test"),
        "staff": make_reader("staff@example.test", is_staff=True),
        "troll": make_reader("troll@example.test"),
        "leaver": make_reader("leaver@example.test"),
    }
    set_role(readers["mod"].user, "moderator")
    return readers


def _path_values(route: str, newsroom: dict[str, Any], comment_id: int) -> dict[str, Any]:
    """Values for a route's path parameters that name things that exist."""
    slug = "kharkiv" if "/regions/" in route else newsroom["source"].slug
    if "/topics/{slug}" in route:
        slug = "politics"
    return {
        "story_id": newsroom["story"].pk,
        "article_id": newsroom["article"].pk,
        "summary_id": newsroom["translation"].pk,
        "comment_id": comment_id,
        "token_id": 1,
        "follow_id": 1,
        "folder_id": 1,
        "rule_id": 1,
        "slug": slug,
        "source_slug": newsroom["source"].slug,
        "term": "ferry",
    }


def test_every_operation_answers_as_documented(
    contract: Contract, newsroom: dict[str, Any]
) -> None:
    readers = _readers()
    as_ = {name: Caller(contract, reader.client) for name, reader in readers.items()}
    anyone = Caller(contract, Client())
    story = newsroom["story"]
    ana, ben, mod = as_["ana"], as_["ben"], as_["mod"]

    comment = ana("POST /comments", {"story": story.pk, "body": "Good news for the east bank."})
    for method, route in sorted(operations(contract.schema)):
        values = _path_values(route, newsroom, comment["id"])
        body = {} if method in {"POST", "PUT", "PATCH"} else None
        anyone(f"{method} {route.removeprefix('/api/v1')}", body, **values)

    for caller in (anyone, ana):
        _read_everything(caller, newsroom)
    _ask_the_ai(ana, newsroom)
    _comment(ana, ben, mod, as_["troll"], story.pk, comment["id"])
    _follow_save_and_read(ana, newsroom)
    _account(ana, as_["leaver"], readers)
    _newsletters(ana, ben, readers)
    as_["staff"]("GET /sources/{slug}", slug=newsroom["source"].slug, expect=200)
    session = Client(enforce_csrf_checks=True)
    session.force_login(readers["ana"].user)
    Caller(contract, session)("POST /me/tokens", {"name": "no CSRF token"}, expect=403)

    succeeded = {op for op, statuses in contract.seen.items() if any(s < 300 for s in statuses)}
    missing = operations(contract.schema) - succeeded - NEEDS_A_LANGUAGE_MODEL
    assert not missing, f"operations never seen succeeding: {sorted(missing)}"
    for op in NEEDS_A_LANGUAGE_MODEL:
        assert 503 in contract.seen[op], contract.seen[op]


def _read_everything(call: Callable[..., Any], newsroom: dict[str, Any]) -> None:
    story, article, source = newsroom["story"], newsroom["article"], newsroom["source"]
    stories = call("GET /stories", expect=200)
    assert stories["results"] and stories["results"][0]["lead"] is not None
    call("GET /stories", query={"edition": "de-DE"}, expect=200)
    call("GET /stories", query={"edition": "xx-XX"}, expect=422)
    page = call("GET /stories/{story_id}", story_id=story.pk, expect=200)
    assert any(entry["copies"] for entry in page["timeline"])
    # Two sources carry the same text: their stops, day and council vote agree.
    agreed = page["claims"]["agreed"]
    assert agreed and all(claim["sources"] == 2 for claim in agreed)
    assert {c["source"] for c in agreed[0]["citations"]} == {"The Example Times", "River Gazette"}
    call("GET /stories/{story_id}", story_id=10**9, expect=404)
    call("GET /stories/{story_id}/related", story_id=story.pk, expect=200)
    assert page["origins"]["sources"] >= 1
    spots = call("GET /blindspots", query={"lang": "en", "region": "europe"}, expect=200)
    assert spots["next"] is None
    call("GET /blindspots", query={"region": "atlantis"}, expect=422)
    call("GET /blindspots", query={"cursor": "not a cursor"}, expect=422)
    call("GET /accuracy", expect=200)
    articles = call("GET /articles", query={"page_size": 2}, expect=200)
    assert articles["next"] is not None
    call("GET /articles", query={"cursor": "not a cursor"}, expect=422)
    call("GET /articles/{article_id}", article_id=article.pk, expect=200)
    linked = call("GET /articles/{article_id}", article_id=newsroom["link_only"].pk, expect=200)
    assert linked["body"]["mode"] == "link"
    call("GET /sources", expect=200)
    call("GET /sources/{slug}", slug=source.slug, expect=200)
    call("GET /sources/{slug}/articles", slug=source.slug, expect=200)
    call("GET /sources/{slug}/articles", slug="no-such-source", expect=404)
    places = call("GET /regions", query={"q": "Kharkiv"}, expect=200)
    call("GET /regions/{slug}", slug=places[0]["slug"], expect=200)
    call("GET /regions/{slug}/stories", slug=places[0]["slug"], expect=200)
    topics = call("GET /topics", expect=200)
    call("GET /topics/{slug}/stories", slug=topics[0]["slug"], expect=200)
    call("GET /editions", expect=200)
    found = call("GET /search", query={"q": "ferry"}, expect=200)
    assert found["results"]
    call("GET /search", query={"since": "yesterday"}, expect=422)
    call("GET /search/topics/{term}", term="ferry", expect=200)
    call("GET /ai/translations/{summary_id}", summary_id=newsroom["translation"].pk, expect=200)


def _ask_the_ai(call: Callable[..., Any], newsroom: dict[str, Any]) -> None:
    article, story = newsroom["article"], newsroom["story"]
    line = call("POST /ai/articles/{article_id}", {"task": "points"}, article_id=article.pk)
    assert line["status"] == "ready", line
    call("GET /ai/summaries/{summary_id}", summary_id=line["id"], expect=200)
    call("POST /ai/articles/{article_id}", {"task": "answer"}, article_id=10**9, expect=404)
    brief = call("POST /ai/stories/{story_id}/brief", {}, story_id=story.pk, expect=200)
    call("POST /ai/summaries/{summary_id}/translation", {"to": "de"}, summary_id=brief["id"])
    call("POST /ai/articles/{article_id}/translation", {"to": "de"}, article_id=article.pk)


def _comment(
    ana: Caller, ben: Caller, mod: Caller, troll: Caller, story_id: int, comment_id: int
) -> None:
    ana("GET /comments", query={"story": story_id}, expect=200)
    ana("POST /comments", {"story": story_id, "body": "Good news for the east bank."}, expect=409)
    ana("PATCH /comments/{comment_id}", {"body": "Good news, at last."}, comment_id=comment_id)
    ben("PATCH /comments/{comment_id}", {"body": "Not mine."}, comment_id=comment_id, expect=403)
    ben("POST /comments/{comment_id}/report", {"reason": "spam"}, comment_id=comment_id)
    ben("POST /comments/{comment_id}/report", {}, comment_id=comment_id, expect=409)
    ben("POST /comments/{comment_id}/hide", {}, comment_id=comment_id, expect=403)
    mod("POST /comments/{comment_id}/hide", {"reason": "test"}, comment_id=comment_id, expect=200)
    mod("POST /comments/{comment_id}/restore", {}, comment_id=comment_id, expect=200)
    bad = troll("POST /comments", {"story": story_id, "body": "Buy cheap ferry tickets here."})
    mod("POST /comments/{comment_id}/ban-author", {}, comment_id=bad["id"], expect=200)
    troll("POST /comments", {"story": story_id, "body": "Let me back in."}, expect=403)
    ana("DELETE /comments/{comment_id}", comment_id=comment_id, expect=204)
    ana("DELETE /comments/{comment_id}", comment_id=10**9, expect=404)


def _follow_save_and_read(ana: Caller, newsroom: dict[str, Any]) -> None:
    article_id = newsroom["article"].pk
    follow = ana("POST /me/follows", {"kind": "source", "value": newsroom["source"].slug})
    ana("POST /me/follows", {"kind": "source", "value": "no-such-source"}, expect=422)
    ana("GET /me/follows", expect=200)
    ana("DELETE /me/follows/{follow_id}", follow_id=follow["id"], expect=204)
    ana("DELETE /me/follows/{follow_id}", follow_id=follow["id"], expect=404)
    ana("POST /me/mutes", {"source": newsroom["gazette"].slug}, expect=201)
    ana("POST /me/mutes", {"source": "no-such-source"}, expect=404)
    ana("GET /me/mutes", expect=200)
    ana("DELETE /me/mutes/{source_slug}", source_slug=newsroom["gazette"].slug, expect=204)
    ana("PUT /me/saved/{article_id}", article_id=article_id, expect=200)
    ana("PUT /me/saved/{article_id}", article_id=10**9, expect=404)
    saved = ana("GET /me/saved", expect=200)
    assert saved["results"][0]["article"]["path"]
    ana("POST /me/saved/sync", {"article_ids": [article_id, 10**9]}, expect=200)
    ana("DELETE /me/saved/{article_id}", article_id=article_id, expect=204)
    ana("DELETE /me/saved/{article_id}", article_id=article_id, expect=404)
    ana("PUT /me/read/{article_id}", article_id=article_id, expect=200)
    ana("GET /me/history", expect=200)
    ana("DELETE /me/read/{article_id}", article_id=article_id, expect=204)
    ana("DELETE /me/read/{article_id}", article_id=article_id, expect=404)
    ana("GET /me/for-you", expect=200)
    ana("GET /me/for-you", query={"cursor": "nonsense"}, expect=400)
    _folders(ana, newsroom)
    _rules(ana)
    _playback(ana, newsroom)


def _playback(ana: Caller, newsroom: dict[str, Any]) -> None:
    article = newsroom["article"]
    ana("GET /me/playback/{article_id}", article_id=article.pk, expect=404)  # no file
    Enclosure.objects.create(
        article=article, url="https://cdn.example.test/e.mp3", media_type="audio/mpeg"
    )
    ana("GET /me/playback/{article_id}", article_id=article.pk, expect=200)
    ana("PUT /me/playback/{article_id}", {"position": 61.5}, article_id=article.pk, expect=200)
    ana("PUT /me/playback/{article_id}", {"position": -1}, article_id=article.pk, expect=422)
    ana("PUT /me/playback/{article_id}", {"position": 1}, article_id=10**9, expect=404)


def _rules(ana: Caller) -> None:
    rule = {"name": "No dredging", "terms": ["dredging"], "action": "hide"}
    preview = ana("POST /me/rules/preview", rule, expect=200)
    assert preview["count"] == 1
    assert preview["articles"][0]["article"]["title"] == "Harbour dredging finished"
    ana("POST /me/rules/preview", {"action": "hide"}, expect=422)  # no condition
    made = ana("POST /me/rules", rule, expect=201)
    ana("POST /me/rules", {"terms": ["(unclosed"], "regex": True}, expect=422)
    ana("GET /me/rules", expect=200)
    ana("GET /me/rules/{rule_id}", rule_id=made["id"], expect=200)
    ana("GET /me/rules/{rule_id}", rule_id=10**9, expect=404)
    changed = {**rule, "action": "highlight"}
    ana("PUT /me/rules/{rule_id}", changed, rule_id=made["id"], expect=200)
    ana(
        "PUT /me/rules/{rule_id}",
        {"action": "nope", "terms": ["x"]},
        rule_id=made["id"],
        expect=422,
    )
    caught = ana("GET /me/rules/{rule_id}/caught", rule_id=made["id"], expect=200)
    assert caught["count"] == 1
    ana("DELETE /me/rules/{rule_id}", rule_id=made["id"], expect=204)
    ana("DELETE /me/rules/{rule_id}", rule_id=made["id"], expect=404)


def _folders(ana: Caller, newsroom: dict[str, Any]) -> None:
    made = ana("POST /me/folders", {"name": "Morning"}, expect=201)
    ana("POST /me/folders", {"name": "morning"}, expect=200)
    ana("POST /me/folders", {"name": "bad\x01name"}, expect=422)
    ana("GET /me/folders", expect=200)
    slug = newsroom["source"].slug
    filed = ana("PUT /me/sources/{source_slug}/folders", {"folders": ["Morning", "Local"]},
                source_slug=slug, expect=200)  # fmt: skip
    assert filed["folders"] == ["Local", "Morning"]
    ana("PUT /me/sources/{source_slug}/folders", {"folders": []}, source_slug="nope", expect=404)
    ana("PATCH /me/folders/{folder_id}", {"name": "Evening"}, folder_id=made["id"], expect=200)
    ana("PATCH /me/folders/{folder_id}", {"name": "x"}, folder_id=10**9, expect=404)
    ana("DELETE /me/folders/{folder_id}", folder_id=made["id"], expect=204)
    ana("DELETE /me/folders/{folder_id}", folder_id=made["id"], expect=404)


def _account(ana: Caller, leaver: Caller, readers: dict[str, ApiReader]) -> None:
    ana("GET /me", expect=200)
    ana("PATCH /me", {"time_zone": "Europe/Paris"}, expect=200)
    ana("PATCH /me", {"time_zone": "Mars/Olympus"}, expect=422)
    made = ana("POST /me/tokens", {"name": "phone"}, expect=201)
    ana("GET /me/tokens", expect=200)
    ana("DELETE /me/tokens/{token_id}", token_id=made["id"], expect=204)
    ana("DELETE /me/tokens/{token_id}", token_id=made["id"], expect=404)
    ana("POST /auth/token", {"email": "ana@example.test", "password": PASSWORD}, expect=201)
    ana("POST /auth/token", {"email": "ana@example.test", "password": "wrong"}, expect=401)
    leaver("DELETE /me", {"password": "not it"}, expect=403)
    leaver("DELETE /me", {"password": PASSWORD}, expect=204)
    leaver("GET /me", expect=401)
    assert not type(readers["leaver"].user).objects.filter(pk=readers["leaver"].user.pk).exists()
    ana("GET /me", expect=200)  # one reader leaving changes nothing for another


def _newsletters(ana: Caller, ben: Caller, readers: dict[str, ApiReader]) -> None:
    """A newsletter delivered to ana's address is hers: ben finds nothing at its id."""
    first = ana("GET /me/newsletters", expect=200)
    assert first["latest"] == []
    mail = (
        "From: Harbour Weekly <news@harbour.example>\r\nTo: {to}\r\nSubject: Issue 12\r\n"
        "Message-ID: <issue-12@harbour.example>\r\nContent-Type: text/plain\r\n\r\n"
        "The crane arrived at dawn.\r\n"
    ).format(to=first["address"])
    with override_settings(
        NEWSDESK=replace(settings.NEWSDESK, mail_domain=first["address"].split("@")[1])
    ):
        delivered = newsletters.deliver(first["address"], mail.encode(), timezone.now())
    overview = ana("GET /me/newsletters", expect=200)
    assert [card["id"] for card in overview["latest"]] == [delivered.article_id]
    issue = ana("GET /me/newsletters/{article_id}", article_id=delivered.article_id, expect=200)
    assert "crane arrived" in issue["html"]
    ben("GET /me/newsletters/{article_id}", article_id=delivered.article_id, expect=404)
    assert ben("GET /me/newsletters", expect=200)["latest"] == []
    rotated = ana("POST /me/newsletters/rotate", {}, expect=200)
    assert rotated["address"] != first["address"] and rotated["sources"]
