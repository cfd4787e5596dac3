"""Prepared queries give what their querysets give, with the SQL built once per database."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.sources.models import Source

pytestmark = pytest.mark.django_db
WHEN = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def articles() -> list[Article]:
    sources = [
        Source.objects.create(name=f"Source {i}", slug=f"s{i}", domain=f"s{i}.example")
        for i in range(2)
    ]
    return [
        Article.objects.create(
            url=f"https://s{i % 2}.example/{i}",
            url_hash=f"hash-{i}",
            source=sources[i % 2],
            title=f"Ferry «{i}» & harbour",
            published_at=WHEN - timedelta(hours=i),
            status=ArticleStatus.READY if i != 3 else ArticleStatus.PENDING,
        )
        for i in range(6)
    ]


def newest_of_source(source_id: int, since: datetime) -> QuerySet[Article]:
    return (
        Article.objects.filter(
            source_id=source_id, status=ArticleStatus.READY, published_at__gte=since
        )
        .select_related("source")
        .only("id", "title", "published_at", "source__name")
        .order_by("-published_at")[:2]
    )


NEWEST = PreparedQuery[Article](newest_of_source, source_id=int, since=datetime)


def test_models_with_their_related_rows_as_the_queryset_gives_them(
    articles: list[Article],
) -> None:
    for source in Source.objects.all():
        for since in (WHEN - timedelta(hours=10), WHEN - timedelta(hours=2), WHEN):
            expected = list(newest_of_source(source.pk, since))
            found = NEWEST.run(source_id=source.pk, since=since)
            assert [a.pk for a in found] == [a.pk for a in expected]
            assert [(a.title, a.published_at) for a in found] == [
                (a.title, a.published_at) for a in expected
            ]
            with CaptureQueriesContext(connection) as queries:
                assert [a.source.name for a in found] == [source.name] * len(found)
            assert len(queries) == 0  # the source came with the article
    assert found == [] or found[0].published_at.tzinfo is not None


def test_the_sql_is_built_once_and_each_run_is_one_counted_query(
    articles: list[Article],
) -> None:
    source = articles[0].source
    NEWEST.run(source_id=source.pk, since=WHEN - timedelta(days=1))
    with CaptureQueriesContext(connection) as queries:
        first = NEWEST.run(source_id=source.pk, since=WHEN - timedelta(days=1))
        second = NEWEST.run(source_id=articles[1].source_id, since=WHEN - timedelta(days=1))
    assert len(queries) == 2
    assert queries[0]["sql"].split("WHERE")[0] == queries[1]["sql"].split("WHERE")[0]
    assert {a.source_id for a in first} == {source.pk}
    assert {a.source_id for a in second} == {articles[1].source_id}


def test_value_lists_flat_and_not() -> None:
    source = Source.objects.create(name="Only", slug="only", domain="only.example")
    titles = PreparedQuery[str](
        lambda slug: (
            Article.objects.filter(source__slug=slug)
            .order_by("title")
            .values_list("title", flat=True)
        ),
        slug=str,
    )
    pairs = PreparedQuery[tuple[int, str]](
        lambda slug: (
            Article.objects.filter(source__slug=slug).order_by("title").values_list("id", "title")
        ),
        slug=str,
    )
    assert titles.run(slug="only") == []
    made = [
        Article.objects.create(url=f"https://o/{t}", url_hash=t, source=source, title=t)
        for t in ("b", "a")
    ]
    assert titles.run(slug="only") == ["a", "b"]
    assert pairs.run(slug="only") == [(made[1].pk, "a"), (made[0].pk, "b")]
    assert titles.run(slug="nobody") == []


def test_a_value_the_sql_does_not_carry_is_refused() -> None:
    # A slice's bounds are written into the SQL: the value never reaches the parameters.
    limited = PreparedQuery[Article](lambda count: Article.objects.filter(pk__gt=0), count=int)
    with pytest.raises(ValueError, match="count"):
        limited.run(count=3)
    with pytest.raises(TypeError):
        PreparedQuery[Article](lambda n: Article.objects.filter(pk=n), n=float).run(n=1.0)


@pytest.mark.django_db(transaction=True)
def test_threads_with_their_own_connections_share_the_sql_built_once(
    articles: list[Article],
) -> None:
    builds: list[int] = []

    def counted(source_id: int, since: datetime) -> QuerySet[Article]:
        builds.append(source_id)
        return newest_of_source(source_id, since)

    prepared = PreparedQuery[Article](counted, source_id=int, since=datetime)
    since = WHEN - timedelta(days=1)
    here = prepared.run(source_id=articles[0].source_id, since=since)
    there: list[list[Article]] = []

    def in_thread() -> None:
        try:
            there.append(prepared.run(source_id=articles[0].source_id, since=since))
        finally:
            connections.close_all()  # this thread's own connection

    worker = threading.Thread(target=in_thread)
    worker.start()
    worker.join()
    assert [a.pk for a in there[0]] == [a.pk for a in here] != []
    assert len(builds) == 1


def test_instances_are_those_from_db_makes_without_init(articles: list[Article]) -> None:
    # The article and its source are built without Model.__init__ (no receiver, plain columns):
    # the same values, state and deferred columns as the queryset's instances.
    since = WHEN - timedelta(days=1)
    expected = list(newest_of_source(articles[0].source_id, since))
    found = NEWEST.run(source_id=articles[0].source_id, since=since)
    assert found and NEWEST._compiled[("default", connection.vendor)].build is not None
    for mine, theirs in zip(found, expected, strict=True):
        assert type(mine) is type(theirs)
        assert mine.__dict__.keys() - {"_state"} == theirs.__dict__.keys() - {"_state"}
        assert mine.get_deferred_fields() == theirs.get_deferred_fields()
        assert (mine._state.adding, mine._state.db) == (False, "default")
        assert mine.source._state.adding is False and mine.source.name == theirs.source.name
        assert mine == theirs and mine.source == theirs.source
    with CaptureQueriesContext(connection) as theirs_loading:
        byline = expected[0].byline
    with CaptureQueriesContext(connection) as mine_loading:
        assert found[0].byline == byline  # a deferred column loads as before
    assert len(mine_loading) == len(theirs_loading) >= 1


def test_a_model_with_an_init_receiver_is_made_by_from_db(articles: list[Article]) -> None:
    from django.db.models.signals import post_init

    made: list[object] = []

    def seen(sender: type, instance: object, **kwargs: object) -> None:
        made.append(instance)

    post_init.connect(seen, sender=Source)
    try:
        prepared = PreparedQuery[Article](newest_of_source, source_id=int, since=datetime)
        found = prepared.run(source_id=articles[0].source_id, since=WHEN - timedelta(days=1))
    finally:
        post_init.disconnect(seen, sender=Source)
    assert found and [a.source for a in found] == made  # each source through __init__


def test_postgresql_keeps_one_cursor_a_connection(articles: list[Article]) -> None:
    since = WHEN - timedelta(days=1)
    source_id = articles[0].source_id
    NEWEST.run(source_id=source_id, since=since)
    if connection.vendor != "postgresql":
        return  # SQLite makes a cursor for each query, as Django does
    kept = connection._newsdesk_kept_cursor  # type: ignore[attr-defined]
    seen: list[str] = []

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        again = NEWEST.run(source_id=source_id, since=since)
    assert connection._newsdesk_kept_cursor is kept  # type: ignore[attr-defined]
    assert len(seen) == 1  # an execute wrapper sees the query, as with connection.cursor()
    assert [a.pk for a in again] == [a.pk for a in newest_of_source(source_id, since)]


@pytest.mark.django_db(transaction=True)
def test_a_connection_opened_again_gets_a_new_cursor(articles: list[Article]) -> None:
    since = WHEN - timedelta(days=1)
    source_id = articles[0].source_id
    first = NEWEST.run(source_id=source_id, since=since)
    kept = getattr(connection, "_newsdesk_kept_cursor", None)
    connection.close()
    again = NEWEST.run(source_id=source_id, since=since)
    assert [a.pk for a in again] == [a.pk for a in first]
    if connection.vendor == "postgresql":
        assert connection._newsdesk_kept_cursor is not kept  # type: ignore[attr-defined]
