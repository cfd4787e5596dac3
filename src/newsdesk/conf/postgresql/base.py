"""Django's PostgreSQL backend, with the parameter limit of server-side binding (decision 82).

With ``server_side_binding`` the values of a statement travel as parameters, and PostgreSQL's
protocol takes at most 65,535 of them in one statement. Django 5.2 knows no such limit on
PostgreSQL, so a bulk insert or update of many rows, or the deletion collector's look-ups over
many related rows, went out as one statement and failed ("number of parameters must be between
0 and 65535"). Here, when the connection binds on the server, ``max_query_params`` says the
limit and ``bulk_batch_size`` cuts those statements to fit, as Django does for SQLite's own
limit. With client-side binding (``?server_side_binding=false``) nothing changes.

Datetimes read by psycopg's own loader (decision 97). Django registers, on every connection, a
loader of ``timestamptz`` written in Python (a subclass of psycopg's pure-Python loader that
parses the text, then replaces its time zone by Django's), which takes the place of the C
loader of psycopg's binary package: about 4 µs a value against 0.3. When the connection's
time zone is UTC (``USE_TZ`` and no ``TIME_ZONE`` of the database's own, as newsdesk has it),
Django sets the session's time zone to UTC, and psycopg's loader then gives the same
``datetime`` with ``datetime.timezone.utc``: here the connection gets psycopg's loader back,
and a cursor is made without Django's check of the loader's zone (which psycopg's loader has
no attribute for). Any other zone, or psycopg without its C part, keeps Django's loader; a
connection opened in UTC whose settings change (a test's ``USE_TZ``) gets Django's back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

import psycopg
from django.db.backends.postgresql import base, features, operations
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.utils.functional import cached_property
from psycopg.pq import Format

#: psycopg's loader of ``timestamptz`` as text: its C one when the binary package is there.
TIMESTAMPTZ_LOADER = psycopg.adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT)
_FAST_LOADER = TIMESTAMPTZ_LOADER is not None and psycopg.pq.__impl__ in ("binary", "c")

#: The most parameters PostgreSQL's protocol carries in one statement (a 16-bit count).
MAX_PARAMETERS = 65_535


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self) -> int | None:  # type: ignore[override]
        return MAX_PARAMETERS if self.uses_server_side_binding else None


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields: Sequence[Any], objs: Sequence[Any]) -> int:
        limit = self.connection.features.max_query_params
        if limit is None or not fields:
            return super().bulk_batch_size(fields, objs)
        # Django counts a value a field and row, but an update of many rows sends two a field
        # (the row's key in a WHEN, the value in its THEN): half the limit fits either.
        return max(limit // (2 * len(fields)), 1)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations

    @property
    def _psycopg_datetimes(self) -> bool:
        """Whether psycopg's own loader gives the datetimes Django's would: UTC both sides (a
        property, so a test's changed ``USE_TZ`` or ``TIME_ZONE`` counts at once)."""
        return _FAST_LOADER and self.timezone is UTC and self.timezone_name == "UTC"

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if self._psycopg_datetimes:
            # Django's ``_configure_timezone`` sets the session to UTC right after this.
            connection.adapters.register_loader("timestamptz", TIMESTAMPTZ_LOADER)
        return connection

    def create_cursor(self, name: str | None = None) -> Any:
        adapters = self.connection.adapters
        if adapters.get_loader(base.TIMESTAMPTZ_OID, Format.TEXT) is not TIMESTAMPTZ_LOADER:
            return super().create_cursor(name)
        if not self._psycopg_datetimes:  # the time zone changed since this connection opened
            register_tzloader(self.timezone, self.connection)
            return super().create_cursor(name)
        if name is None:
            return self.connection.cursor()
        # Django's named cursors, as its ``create_cursor`` makes them.
        if self.settings_dict["OPTIONS"].get("server_side_binding") is not True:
            return base.ServerSideCursor(  # type: ignore[call-arg]
                self.connection, name=name, scrollable=False, withhold=self.connection.autocommit
            )
        return self.connection.cursor(name, scrollable=False, withhold=self.connection.autocommit)
