"""Prepared updates and inserts write what ``QuerySet.update`` and ``bulk_create`` write."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.prepared_writes import PreparedUpdate, insert_rows
from newsdesk.sources.models import Source, SourceLogo
from newsdesk.stories.models import DuplicateKey, Placement, Story, StoryKey

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
COLUMNS = ("claim", "claimed_until", "status", "title", "source", "body_origin", "published_at")
TAKE = PreparedUpdate(Article, sets=COLUMNS, increments=("attempts",), where=("id", "claim"))


@pytest.fixture
def pair() -> tuple[Article, Article, Source]:
    sources = [
        Source.objects.create(name=f"Source {i}", slug=f"s{i}", domain=f"s{i}.example")
        for i in range(2)
    ]
    made = [
        Article.objects.create(
            url=f"https://s0.example/{i}", url_hash=f"hash-{i}", source=sources[0], claim="old"
        )
        for i in range(2)
    ]
    return made[0], made[1], sources[1]


def _row(article: Article) -> dict[str, object]:
    values = Article.objects.filter(pk=article.pk).values().get()
    return {
        k: v
        for k, v in values.items()
        if k not in ("id", "url", "url_hash", "created_at", "updated_at")
    }


def test_an_update_writes_what_the_queryset_writes(pair: tuple[Article, Article, Source]) -> None:
    one, two, other = pair
    values = {
        "claim": "new «token»",
        "claimed_until": WHEN + timedelta(minutes=5),
        "status": ArticleStatus.READY,
        "title": "Ferry & harbour",
        "source": other,
        "body_origin": BodyOrigin.PAGE,
        "published_at": None,
    }
    assert TAKE.run(values, id=one.pk, claim="old") == 1
    changed = Article.objects.filter(pk=two.pk, claim="old").update(
        **values, attempts=F("attempts") + 1
    )
    assert changed == 1
    assert _row(one) == _row(two)
    assert _row(one)["attempts"] == 1
    assert _row(one)["source_id"] == other.pk


def test_an_update_changes_only_the_rows_it_names(pair: tuple[Article, Article, Source]) -> None:
    one, _, other = pair
    values = dict.fromkeys(COLUMNS, "")
    values |= {"claimed_until": None, "source": other, "published_at": None}
    assert TAKE.run(values, id=one.pk, claim="someone else's") == 0
    assert Article.objects.get(pk=one.pk).claim == "old"
    with pytest.raises(ValueError, match="values for"):
        TAKE.run({"claim": "x"}, id=one.pk, claim="old")


def test_an_update_is_one_statement_and_a_failure_is_the_databases(
    pair: tuple[Article, Article, Source],
) -> None:
    one, _, _ = pair
    move = PreparedUpdate(Article, sets=("url_hash",), where=("id",))
    with CaptureQueriesContext(connection) as queries:
        move.run({"url_hash": "hash-9"}, id=one.pk)
    assert len(queries) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        move.run({"url_hash": "hash-1"}, id=one.pk)  # the other article's


def test_json_values_are_stored_as_the_queryset_stores_them(
    pair: tuple[Article, Article, Source],
) -> None:
    _, _, source = pair
    logo = SourceLogo.objects.create(source=source, next_check_at=WHEN)
    links = [{"url": "https://s1.example/icon.png", "rel": "icon", "sizes": [32, 32]}]
    PreparedUpdate(SourceLogo, sets=("candidates",), where=("source",)).run(
        {"candidates": links}, source=source.pk
    )
    logo.refresh_from_db()
    assert logo.candidates == links


def test_inserted_rows_are_the_rows_bulk_create_makes(
    pair: tuple[Article, Article, Source],
) -> None:
    one, two, _ = pair
    story = Story.objects.create(changed_at=WHEN)
    insert_rows(DuplicateKey, [{"key": k, "article": one.pk, "published_at": WHEN} for k in (3, 1)])
    DuplicateKey.objects.bulk_create(
        DuplicateKey(key=k, article=two, published_at=WHEN) for k in (3, 1)
    )
    rows = list(
        DuplicateKey.objects.order_by("id").values_list("key", "article_id", "published_at")
    )
    assert rows == [(3, one.pk, WHEN), (1, one.pk, WHEN), (3, two.pk, WHEN), (1, two.pk, WHEN)]
    many = [{"key": k, "story": story.pk, "seen_at": WHEN} for k in range(700)]  # two statements
    insert_rows(StoryKey, many)
    assert StoryKey.objects.filter(story=story).count() == 700
    insert_rows(StoryKey, [])


def test_a_placement_row_as_create_makes_it(pair: tuple[Article, Article, Source]) -> None:
    one, two, _ = pair
    story = Story.objects.create(changed_at=WHEN)
    common = {"score": None, "shared_entities": ["Harbour"], "features": {"t": [1, 2]}}
    common |= {"embedding": b"\x00\x01", "signature": None, "published_at": WHEN}
    insert_rows(
        Placement,
        [
            {"article": one.pk, "story": story.pk, "duplicate_of": None, "pinned": False}
            | common
            | {"placed_at": WHEN}
        ],
    )
    Placement.objects.create(article=two, story=story, placed_at=WHEN, **common)
    made = {p.pop("article_id"): p for p in Placement.objects.values()}
    assert made[one.pk] == made[two.pk]
    assert bytes(made[one.pk]["embedding"]) == b"\x00\x01"


def test_rows_must_name_every_column(pair: tuple[Article, Article, Source]) -> None:
    one, _, _ = pair
    with pytest.raises(ValueError, match="give"):
        insert_rows(DuplicateKey, [{"key": 1, "article": one.pk}])


def test_an_article_private_to_a_reader_is_left_as_article_objects_leaves_it(
    pair: tuple[Article, Article, Source], django_user_model: Any
) -> None:
    one, two, _ = pair
    reader = django_user_model.objects.create_user("ana", "ana@example.com", "pw")
    Article.everything.filter(pk__in=[one.pk, two.pk]).update(private_to=reader)
    values = {"claim": "new", "claimed_until": None}
    taken = PreparedUpdate(
        Article, sets=("claim", "claimed_until"), where=("id", "claim"), null=("private_to",)
    )
    assert taken.run(values, id=one.pk, claim="old") == 0
    assert Article.objects.filter(pk=two.pk, claim="old").update(**values) == 0
    assert Article.everything.get(pk=one.pk).claim == "old"
    Article.everything.filter(pk=one.pk).update(private_to=None)
    assert taken.run(values, id=one.pk, claim="old") == 1
