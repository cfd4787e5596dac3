"""Article jobs: claims make them idempotent, lost jobs are recovered, retries, canonical URLs,
robots.txt, and per-source boilerplate learning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin, BoilerplateLine
from newsdesk.desk.articles import (
    MAX_LOST_ATTEMPTS,
    Claim,
    Outcome,
    process_article,
    requeue_stale,
)
from newsdesk.desk.boilerplate import learn_lines
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.sources import register_feed
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.sources.models import Source
from tests.desk.conftest import LOCAL
from tests.support.news import article_page, rss_feed
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
RSS = {"Content-Type": "application/rss+xml"}


def one_article_feed(server: LocalServer, page: str | None, path: str = "/news/a") -> list[Claim]:
    if page is not None:
        server.add(path, page)
    url = server.add(
        "/feed.xml", rss_feed([{"title": "Ferry", "link": server.url(path)}]), headers=RSS
    )
    with Fetcher(FetchPolicy(allow_networks=LOCAL)) as fetcher:
        return check_feed(register_feed(url).feed.pk, None, fetcher).claims


def test_a_claim_is_used_once(local_server: LocalServer, fetcher: Fetcher) -> None:
    [claim] = one_article_feed(local_server, article_page("Ferry"))
    assert process_article(claim, fetcher) == Outcome.PAGE
    assert process_article(claim, fetcher) == Outcome.SKIPPED
    assert process_article(Claim(claim.article_id, "forged"), fetcher) == Outcome.SKIPPED
    assert local_server.hits["/news/a"] == 1


def test_a_lost_job_is_recovered_after_its_lease(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    [claim] = one_article_feed(local_server, article_page("Ferry"))
    now = timezone.now()
    assert requeue_stale(now) == []  # queued, lease not over: nothing to recover
    later = now + timedelta(hours=2)  # the job never ran (its worker was killed)
    [recovered] = requeue_stale(later)
    assert recovered.article_id == claim.article_id and recovered.token != claim.token
    assert process_article(claim, fetcher) == Outcome.SKIPPED  # the lost job's token is stale
    assert process_article(recovered, fetcher, now=later) == Outcome.PAGE
    assert Article.objects.get().status == ArticleStatus.READY


def test_transient_failures_are_retried_then_fall_back(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    local_server.add("/news/a", "overloaded", status=503)
    [claim] = one_article_feed(local_server, None)
    now = timezone.now()
    outcomes = [process_article(claim, fetcher, now=now)]
    for step in range(1, 3):
        now += timedelta(hours=step)
        [claim] = requeue_stale(now)
        outcomes.append(process_article(claim, fetcher, now=now))
    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FEED]
    article = Article.objects.get()
    assert article.attempts == 3 and article.body_origin == BodyOrigin.FEED
    assert requeue_stale(now + timedelta(days=1)) == []


def test_robots_txt_is_obeyed_for_pages(local_server: LocalServer, fetcher: Fetcher) -> None:
    local_server.add(
        "/robots.txt", "User-agent: *\nDisallow: /news/\n", headers={"Content-Type": "text/plain"}
    )
    [claim] = one_article_feed(local_server, article_page("Ferry"))
    assert process_article(claim, fetcher) == Outcome.FEED
    assert local_server.hits["/news/a"] == 0
    assert "robots" in Article.objects.get().last_error.lower()


def test_canonical_url_of_the_page_becomes_the_identity(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    canonical = local_server.url("/2026/03/ferry-service")
    [claim] = one_article_feed(
        local_server, article_page("Ferry", canonical=canonical), path="/news/a"
    )
    assert process_article(claim, fetcher) == Outcome.PAGE
    assert Article.objects.get().url == canonical


def test_a_canonical_pointing_home_is_ignored(local_server: LocalServer, fetcher: Fetcher) -> None:
    [claim] = one_article_feed(local_server, article_page("Ferry", canonical=local_server.url("/")))
    process_article(claim, fetcher)
    assert Article.objects.get().url == local_server.url("/news/a")


def test_recurring_lines_of_a_source_are_learned_and_removed(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    promo = "Tell the harbour desk what you saw: letters go to 4 Quay Street, Portsmouth."
    topics = [
        "Harbour authorities reopened the northern channel after dredging work finished early.",
        "A new library opened in the old post office building with room for 40,000 books.",
        "The regional orchestra announced a free summer season in the botanical gardens.",
        "Farmers reported the best apple harvest in twenty years after a mild spring.",
        "The football club confirmed its stadium will be expanded to hold 30,000 fans.",
        "Scientists at the university mapped the wreck of a steamship sunk in 1893.",
    ]
    items = []
    for i, topic in enumerate(topics):
        who, where = (
            ["the mayor", "a harbour pilot", "the conductor", "a grower", "the coach", "a diver"][
                i
            ],
            ["Ashby", "Brill", "Crewe", "Dunoon", "Elgin", "Frome"][i],
        )
        body = [
            topic,
            f"Speaking in {where}, {who} described how the plan came together over the winter "
            f"and thanked the volunteers of {where} who had argued for it from the start.",
            f"Critics in {where} said {who} had moved too fast, and asked for a second public "
            f"meeting before any money is spent on the next stage.",
            promo,
        ]
        local_server.add(f"/news/{i}", article_page(f"Story {i}", paragraphs=body))
        items.append({"title": f"Story {i}", "link": local_server.url(f"/news/{i}")})
    url = local_server.add("/feed.xml", rss_feed(items), headers=RSS)
    claims = check_feed(register_feed(url).feed.pk, None, fetcher).claims
    for claim in sorted(claims, key=lambda c: c.article_id):
        process_article(claim, fetcher)
    texts = [a.text for a in Article.objects.order_by("id")]
    assert promo in texts[0]  # one page cannot tell boilerplate from content
    assert promo not in texts[-1]  # by the last page the line is known to recur
    assert topics[-1] in texts[-1]


def test_a_story_published_again_is_not_taken_for_boilerplate(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    items = []
    for i in range(5):  # the same wire story under five addresses of one source
        local_server.add(f"/news/{i}", article_page(f"Ferry story, edition {i}"))
        items.append({"title": f"Ferry story, edition {i}", "link": local_server.url(f"/news/{i}")})
    url = local_server.add("/feed.xml", rss_feed(items), headers=RSS)
    for claim in check_feed(register_feed(url).feed.pk, None, fetcher).claims:
        process_article(claim, fetcher)
    assert all("eleven votes to four" in a.text for a in Article.objects.all())


def test_an_article_whose_jobs_keep_dying_is_given_up(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    [claim] = one_article_feed(local_server, article_page("Ferry"))
    now = timezone.now()
    Article.objects.filter(pk=claim.article_id).update(attempts=MAX_LOST_ATTEMPTS)
    assert requeue_stale(now + timedelta(hours=2)) == []
    article = Article.objects.get()
    assert article.status == ArticleStatus.READY and "gave up" in article.last_error
    assert article.body_origin == BodyOrigin.FEED


def test_the_publishers_name_is_taken_off_the_headline(
    local_server: LocalServer, fetcher: Fetcher
) -> None:
    local_server.add("/news/a", article_page("Ferry fares frozen for a year"))
    url = local_server.add(
        "/feed.xml",
        rss_feed(
            [
                {
                    "title": "Ferry fares frozen for a year | 127.0.0.1",
                    "link": local_server.url("/news/a"),
                }
            ]
        ),
        headers=RSS,
    )
    with Fetcher(FetchPolicy(allow_networks=LOCAL)) as local:
        [claim] = check_feed(register_feed(url).feed.pk, None, local).claims
    assert process_article(claim, fetcher) == Outcome.PAGE
    article = Article.objects.get()
    assert article.source.domain == "127.0.0.1"
    assert article.title == "Ferry fares frozen for a year"


def test_learning_a_page_returns_the_sources_page_count() -> None:
    source = Source.objects.create(
        name="Harbour Post", slug="harbour-post", domain="harbour.example"
    )
    assert learn_lines(source, frozenset({"a1", "b2"})) == 1
    assert learn_lines(source, frozenset({"a1"})) == 2
    assert learn_lines(source, frozenset()) == 3
    source.refresh_from_db()
    assert source.pages_seen == 3
    counts = dict(BoilerplateLine.objects.filter(source=source).values_list("fingerprint", "pages"))
    assert counts == {"a1": 2, "b2": 1}
