"""Updates and inserts whose SQL is written once per database and then run with new values.

``QuerySet.filter(...).update(...)`` builds its SQL anew on every call: cloning the queryset,
resolving each lookup and each assignment, compiling them. For the few fixed-shape updates every
article job makes (claiming the article, storing its page, the source's icon links) that is
0.3–0.5 ms of CPU each against about 0.04 ms for the statement itself on SQLite (decision 91).
A ``PreparedUpdate`` names its model, the columns it sets, the columns it adds one to and the
columns its WHERE clause compares for equality (or with NULL); the SQL is written once per
database (its alias and kind), and each run converts the values as ``update`` does
(``get_db_prep_save`` for what is set, ``get_db_prep_value`` for what is compared; a model
instance given for a foreign key is its primary key) and returns the number of rows changed.
Only equality tests and plain values: an update that needs anything else stays a queryset.
Its SQL does not go through the model's default manager: ``null`` names what the manager
leaves out (``Article.objects``: articles private to a reader).

``insert_rows`` is ``bulk_create`` for the rows placement adds with every article (its
placement, its story's keys, its duplicate keys): plain values of every column but an automatic
key, one statement, the SQL kept per model, columns and number of rows; no instances made or
given their keys back, no signals (newsdesk connects none to these models).
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model


class PreparedUpdate:
    """``UPDATE model SET sets…, increments = increments + 1 WHERE where = … AND null IS NULL``
    by name. ``null`` repeats what a model's default manager leaves out (``Article.objects``:
    articles private to a reader), since the SQL does not go through it."""

    def __init__(
        self,
        model: type[Model],
        *,
        sets: tuple[str, ...],
        where: tuple[str, ...],
        increments: tuple[str, ...] = (),
        null: tuple[str, ...] = (),
    ) -> None:
        if not where:
            raise ValueError("a prepared update names the rows it changes")
        self.model = model
        self.names = (sets, where, increments, null)
        self._fields: tuple[tuple[Field[Any, Any], ...], ...] | None = None
        self._sql: dict[tuple[str, str], str] = {}

    def run(self, values: dict[str, Any], using: str = "default", **where: Any) -> int:
        """Set ``values`` (every name of ``sets``, no other) on the rows matching ``where``."""
        connection = connections[using]
        database = (using, connection.vendor)
        sql = self._sql.get(database)
        if sql is None:  # two threads may both write it: the same SQL either way
            sql = self._sql[database] = self._write(connection)
        sets, tests, _, _ = self._resolved()
        if len(values) != len(sets):
            raise ValueError(f"values for {sorted(f.name for f in sets)}, got {sorted(values)}")
        params = [_saved(field, values[field.name], connection) for field in sets]
        params += [
            field.get_db_prep_value(_key(where[field.name]), connection, prepared=False)
            for field in tests
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return int(cursor.rowcount)

    def _resolved(self) -> tuple[tuple[Field[Any, Any], ...], ...]:
        """The named fields, looked up on first use (the models are all loaded by then)."""
        if self._fields is None:
            meta = self.model._meta
            self._fields = tuple(
                tuple(meta.get_field(name) for name in names)  # type: ignore[misc]
                for names in self.names
            )
        return self._fields

    def _write(self, connection: BaseDatabaseWrapper) -> str:
        quote = connection.ops.quote_name
        sets, where, increments, null = self._resolved()
        assignments = [f"{quote(_column(f))} = %s" for f in sets]
        assignments += [f"{quote(_column(f))} = {quote(_column(f))} + 1" for f in increments]
        tests = [f"{quote(_column(f))} = %s" for f in where]
        tests += [f"{quote(_column(f))} IS NULL" for f in null]
        table = quote(self.model._meta.db_table)
        # names quoted from the model's own fields; every value a parameter
        return f"UPDATE {table} SET {', '.join(assignments)} WHERE {' AND '.join(tests)}"  # noqa: S608


def _column(field: Field[Any, Any]) -> str:
    if not field.column:
        raise ValueError(f"{field.name} has no column of its own")
    return field.column


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value


def _saved(field: Field[Any, Any], value: Any, connection: BaseDatabaseWrapper) -> Any:
    if field.remote_field is not None and isinstance(value, Model):
        value = value.pk
    return field.get_db_prep_save(value, connection)


_INSERTS: dict[tuple[str, str, type[Model], tuple[str, ...], int], tuple[str, tuple[Any, ...]]] = {}
# Rows a statement, as ``bulk_create`` batches them on SQLite (999 parameters) and elsewhere.
_MAX_PARAMETERS = 999


def insert_rows(model: type[Model], rows: list[dict[str, Any]], using: str = "default") -> None:
    """Insert ``rows`` (each a value for every concrete field of ``model`` but an automatic
    primary key, by field name) as ``model.objects.bulk_create`` would."""
    if not rows:
        return
    connection = connections[using]
    names = tuple(rows[0])
    per_statement = max(_MAX_PARAMETERS // len(names), 1)
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        key = (using, connection.vendor, model, names, len(chunk))
        written = _INSERTS.get(key)
        if written is None:
            written = _INSERTS[key] = _write_insert(connection, model, names, len(chunk))
        sql, fields = written
        params = [_saved(field, row[field.name], connection) for row in chunk for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


def _write_insert(
    connection: BaseDatabaseWrapper, model: type[Model], names: tuple[str, ...], count: int
) -> tuple[str, tuple[Any, ...]]:
    meta = model._meta
    fields = tuple(meta.get_field(name) for name in names)
    expected = {f.name for f in meta.concrete_fields if f is not meta.auto_field}
    if set(names) != expected:
        raise ValueError(f"rows of {meta.label} give {sorted(expected)}, not {sorted(names)}")
    quote = connection.ops.quote_name
    row = f"({', '.join(['%s'] * len(fields))})"
    columns = ", ".join(quote(_column(f)) for f in fields)  # type: ignore[arg-type]
    values = ", ".join([row] * count)
    table = quote(meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES {values}", fields  # noqa: S608
