"""The PostgreSQL backend reads datetimes with psycopg's own loader when that gives what
Django's would (decision 97)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.test import override_settings
from psycopg.pq import Format

from newsdesk.articles.models import Article
from newsdesk.sources.models import Source

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

WHEN = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
QUERY = "SELECT %s::timestamptz, %s::timestamptz, NULL::timestamptz"


def _loader() -> type:
    connection.ensure_connection()
    oid = connection.connection.adapters.types["timestamptz"].oid
    return connection.connection.adapters.get_loader(oid, Format.TEXT)  # type: ignore[no-any-return]


def _read(django_loader: bool) -> tuple[datetime, ...]:
    with connection.cursor() as cursor:
        if django_loader:
            register_tzloader(connection.timezone, cursor.cursor)
        cursor.execute(QUERY, [WHEN, WHEN.astimezone(UTC) - timedelta(days=40_000)])
        return tuple(cursor.fetchone())


def test_datetimes_are_those_djangos_loader_reads() -> None:
    from newsdesk.conf.postgresql.base import TIMESTAMPTZ_LOADER

    assert _loader() is TIMESTAMPTZ_LOADER
    ours, django = _read(False), _read(True)
    assert ours == django
    assert [type(value) for value in ours] == [type(value) for value in django]
    assert ours[0].tzinfo is UTC and django[0].tzinfo is UTC
    assert ours[0] == WHEN


def test_models_and_named_cursors_read_the_same_datetimes() -> None:
    source = Source.objects.create(name="Source", slug="s", domain="s.example")
    Article.objects.create(
        url="https://s.example/1", url_hash="h1", source=source, published_at=WHEN
    )
    plain = Article.objects.get(url_hash="h1").published_at
    streamed = next(Article.objects.filter(url_hash="h1").iterator(chunk_size=10)).published_at
    assert plain == streamed == WHEN
    assert plain.tzinfo is UTC and streamed.tzinfo is UTC


def test_without_time_zones_djangos_loader_is_back() -> None:
    with override_settings(USE_TZ=False):
        found = _read(False)[0]
        assert found.tzinfo is None  # naive, as Django's loader gives with USE_TZ off
        assert found == WHEN.replace(tzinfo=None)
    connection.close()  # the next test opens a connection with the settings back
