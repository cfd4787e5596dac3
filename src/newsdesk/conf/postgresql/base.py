"""Django's PostgreSQL backend, with the parameter limit of server-side binding (decision 82).

With ``server_side_binding`` the values of a statement travel as parameters, and PostgreSQL's
protocol takes at most 65,535 of them in one statement. Django 5.2 knows no such limit on
PostgreSQL, so a bulk insert or update of many rows, or the deletion collector's look-ups over
many related rows, went out as one statement and failed ("number of parameters must be between
0 and 65535"). Here, when the connection binds on the server, ``max_query_params`` says the
limit and ``bulk_batch_size`` cuts those statements to fit, as Django does for SQLite's own
limit. With client-side binding (``?server_side_binding=false``) nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.postgresql import base, features, operations
from django.utils.functional import cached_property

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
