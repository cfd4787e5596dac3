"""Benchmark: what a reader's rules cost on the read path (decision 57).

A fresh database gets N ready articles (real-length bodies, four sources, two languages, topics
and places tagged) and two readers: one without rules and one with 20 rules of every kind
(words in titles, in bodies, phrases, ``unless``, a regular expression, sources, topics, places,
languages, authors; hide, highlight, folder and notify). Then, in one process:

- the pure matcher: compiling the 20 rules, and a verdict on one article's facts (in memory);
- the desk: ``Screen.articles`` on a page of 20 cards, its one query for the facts included;
- the reference in the same run: the home page (20 cards) for the reader without rules, and the
  same page for the reader with 20 rules, through Django's test client with the page cache off.

Each figure is the median over ``--rounds`` of CPU time (``time.process_time``) beside wall
time; the cost per article is set against the home page's per card.

    .venv/bin/python bench/rules_cost.py [--articles 5000] [--rounds 30] [--json]
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/newsdesk_bench \\
        .venv/bin/python bench/rules_cost.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from _common import analyze, setup_django

WORDS = [
    "council",
    "harbour",
    "ferry",
    "budget",
    "minister",
    "election",
    "storm",
    "flood",
    "market",
    "shares",
    "league",
    "match",
    "striker",
    "festival",
    "award",
    "film",
    "vaccine",
    "study",
    "hospital",
    "school",
    "bridge",
    "railway",
    "strike",
    "court",
]
RULES: list[dict[str, Any]] = [
    {"terms": ["celebrity", "gossip"], "action": "hide"},
    {"terms": ["red carpet"], "action": "hide", "field": "title"},
    {"terms": ["football", "soccer"], "unless": ["champions league"], "action": "hide"},
    {"terms": [r"\bcovid-?19\b"], "regex": True, "action": "highlight"},
    {"terms": ["ferry"], "action": "folder", "folder": "Boats"},
    {"terms": ["strike"], "action": "notify"},
    {"sources": ["wire-2"], "terms": ["market"], "action": "hide", "field": "title"},
    {"topics": ["sports"], "action": "highlight"},
    {"places": ["Lisbon"], "action": "folder", "folder": "Portugal"},
    {"languages": ["de"], "terms": ["wahl"], "action": "hide"},
    {"authors": ["Ann Lee"], "action": "highlight"},
    {"terms": ["horoscope", "astrology", "zodiac"], "action": "hide"},
    {"terms": ["royal family", "prince", "princess"], "action": "hide"},
    {"terms": ["crypto", "bitcoin"], "action": "hide", "field": "body"},
    {"terms": ["budget"], "unless": ["council"], "action": "highlight"},
    {"terms": ["storm", "flood"], "action": "notify"},
    {"sources": ["wire-3"], "action": "folder", "folder": "Wire three"},
    {"terms": ["reality show", "influencer"], "action": "hide"},
    {"terms": ["lottery"], "action": "mute_story"},
    {"terms": ["transfer rumour", "transfer rumor"], "action": "hide"},
]


def fill(count: int) -> None:
    from django.utils import timezone

    from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
    from newsdesk.places.models import ArticlePlace, Place
    from newsdesk.sources.models import Source
    from newsdesk.topics.models import ArticleTopic

    rng = random.Random(57)
    now = timezone.now()
    sources = [
        Source.objects.create(
            name=f"Wire {n}", slug=f"wire-{n}", home_url=f"https://w{n}.test/", domain=f"w{n}.test"
        )
        for n in range(4)
    ]
    lisbon = Place.objects.create(
        id=2267057, name="Lisbon", slug="lisbon", kind="city", latitude=38.7, longitude=-9.1
    )
    rows = []
    for n in range(count):
        words = rng.choices(WORDS, k=10)
        body = " ".join(" ".join(rng.choices(WORDS, k=14)).capitalize() + "." for _ in range(25))
        rows.append(
            Article(
                url=f"https://w.test/{n}",
                url_hash=f"rc{n:030d}",
                source=sources[n % 4],
                title=" ".join(words).capitalize(),
                byline="Ann Lee" if n % 17 == 0 else "Staff",
                language="de" if n % 5 == 0 else "en",
                description=" ".join(rng.choices(WORDS, k=25)),
                text=body,  # about 3 KB, a news article's length
                published_at=now - timedelta(minutes=n),
                status=ArticleStatus.READY,
                body_origin=BodyOrigin.PAGE,
            )
        )
    Article.objects.bulk_create(rows, batch_size=500)
    ids = list(Article.objects.values_list("id", flat=True))
    ArticleTopic.objects.bulk_create(
        [
            ArticleTopic(article_id=pk, slug="sports" if pk % 3 else "world", score=0.5, rank=0)
            for pk in ids
        ],
        batch_size=1000,
    )
    ArticlePlace.objects.bulk_create(
        [ArticlePlace(article_id=pk, place=lisbon, origin="text") for pk in ids if pk % 7 == 0],
        batch_size=1000,
    )


def timed(action: Callable[[], object], rounds: int) -> dict[str, float]:
    """Median CPU and wall milliseconds of ``action`` over ``rounds`` (after one warm-up)."""
    action()
    cpu, wall = [], []
    for _ in range(rounds):
        started_cpu, started = time.process_time(), time.perf_counter()
        action()
        cpu.append(1000 * (time.process_time() - started_cpu))
        wall.append(1000 * (time.perf_counter() - started))
    return {"cpu_ms": statistics.median(cpu), "wall_ms": statistics.median(wall)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    os.environ["NEWSDESK_PAGE_CACHE_SECONDS"] = "0"
    setup_django()
    import logging

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from newsdesk.articles.models import Article
    from newsdesk.desk import reading
    from newsdesk.desk.readers.rules import Screen, matcher_of, spec_of
    from newsdesk.pipeline.rules import compile_rules
    from newsdesk.readers.rules import Rule

    settings.ALLOWED_HOSTS = ["*"]
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": static}
    logging.disable(logging.CRITICAL)  # the access log goes to no file here
    fill(options.articles)
    analyze()
    plain = User.objects.create_user("plain", "plain@example.test", "a long pass phrase")
    ruled = User.objects.create_user("ruled", "ruled@example.test", "a long pass phrase")
    rules = [Rule.objects.create(user=ruled, **rule) for rule in RULES]
    specs = [spec_of(rule) for rule in rules]
    page = reading.newest_articles(1).articles
    screen = Screen(ruled.pk, matcher_of(specs))
    facts = list(screen.facts([article.pk for article in Article.objects.all()[:2000]]).values())
    matcher = compile_rules(specs)

    results: dict[str, dict[str, float]] = {}
    results["compile 20 rules"] = timed(lambda: compile_rules(specs), options.rounds)
    verdicts = timed(  # fresh facts each time: an article's words are found once per request
        lambda: [matcher.verdict(replace(fact, _texts={})) for fact in facts], options.rounds
    )
    results["verdict, one article (20 rules)"] = {k: v / len(facts) for k, v in verdicts.items()}
    results["screen a page of 20 cards"] = timed(
        lambda: Screen(ruled.pk, matcher).articles(page), options.rounds
    )
    clients = {}
    for name, user in (("plain", plain), ("ruled", ruled)):
        clients[name] = Client()
        clients[name].force_login(user)
    results["home page, reader without rules"] = timed(
        lambda: clients["plain"].get("/"), options.rounds
    )
    results["home page, reader with 20 rules"] = timed(
        lambda: clients["ruled"].get("/"), options.rounds
    )
    home = results["home page, reader without rules"]
    per_card = home["cpu_ms"] / len(page)
    per_article = results["screen a page of 20 cards"]["cpu_ms"] / len(page)
    summary = {
        "articles": options.articles,
        "rules": len(specs),
        "rows": results,
        "screen per article / home page per card (CPU)": round(per_article / per_card, 3),
        "home with rules / without (CPU)": round(
            results["home page, reader with 20 rules"]["cpu_ms"] / home["cpu_ms"], 3
        ),
    }
    if options.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"{options.articles} articles, {len(specs)} rules, medians of {options.rounds} rounds")
    print(f"{'what':40} {'CPU ms':>10} {'wall ms':>10}")
    for name, row in results.items():
        print(f"{name:40} {row['cpu_ms']:10.4f} {row['wall_ms']:10.4f}")
    for name, value in summary.items():
        if name not in {"rows", "articles", "rules"}:
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
