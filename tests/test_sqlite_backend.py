"""The SQLite backend converts each statement's placeholders as Django's does, once."""

from __future__ import annotations

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangoCursor

from newsdesk.articles.models import Article
from newsdesk.conf.sqlite import base

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        "SELECT 1",
        'SELECT "a"."id" FROM "a" WHERE "a"."x" = %s AND "a"."y" IN (%s, %s)',
        "SELECT '%%s' || %s, '100%%' LIKE %s",
        "UPDATE t SET v = %s WHERE k = %s -- %%",
    ],
)
def test_placeholders_as_django_converts_them(query: str) -> None:
    expected = DjangoCursor.convert_query(None, query)  # type: ignore[arg-type]
    assert base._qmark(query) == expected


def test_a_statement_run_again_is_converted_once() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backend")
    assert isinstance(connections["default"], base.DatabaseWrapper)
    base._qmark.cache_clear()
    for _ in range(3):
        list(Article.objects.filter(pk=7, title="%s 100%"))
    info = base._qmark.cache_info()
    assert info.misses == 1 and info.hits == 2
    assert not Article.objects.filter(title="%s 100%").exists()
