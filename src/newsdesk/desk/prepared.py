"""Queries whose SQL is built once per database and then run with new values.

Django builds a query's SQL anew every time a queryset is evaluated: cloning the queryset for
each ``filter`` and ``only``, resolving the joins, compiling the columns and the order. For the
small indexed look-ups of a reader page that costs ten to thirty times what the database takes
to answer (0.2–1 ms of CPU against 7–60 µs for the SQL itself on SQLite). A ``PreparedQuery``
builds its queryset once per database (its alias and kind: every thread's connection to it
gets the same SQL, so a server's request threads share it) with marker values, keeps the SQL
with the position of each marker among its parameters, and the next times sends the same SQL
with the real values, turning rows into model instances (``select_related`` ones included) or
tuples as the queryset would. The queries run through the connection's cursor, so they are
logged and counted like any other.

Rows become instances as ``Model.from_db`` makes them, without its per-field work when nothing
can tell the difference (decision 90): no ``pre_init`` or ``post_init`` receiver for the model,
and every column's class attribute Django's plain one (which a new instance's ``__dict__``
holds), so the instance is its class's ``__new__`` with its state and its columns' values
(``from_db`` looked each column up in a list, then ``__init__`` set them one by one and sent
both signals: a fifth of the page's query time). Any other model goes through ``from_db``.

Values are whole numbers, text or datetimes; each must end up as a parameter of the SQL (a value
Django writes into the SQL itself, such as a slice's LIMIT, belongs in the builder, not among
the values). ``None`` is not a value: ``filter(x=None)`` is different SQL, so such a case needs a
queryset of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    RelatedPopulator,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

T = TypeVar("T")
Value = int | str | datetime

_FIRST_INT_MARKER = -7_340_000_001


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (parameter index, value name)
    converters: list[tuple[int, tuple[list[Any], Any]]]
    model: type[Model] | None  # None for rows of values
    init_list: list[str]
    fields_end: int
    populators: list[_Populator]
    annotations: dict[str, int]
    flat: bool
    build: Callable[[str, Any], Model] | None = None  # a row's model instance (``_builder``)


class PreparedQuery(Generic[T]):
    """``build(**values)`` is a queryset; ``run(**values)`` its results as a list.

    ``kinds`` names each value and its type (``int``, ``str`` or ``datetime``)."""

    def __init__(self, build: Callable[..., QuerySet[Any]], **kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def run(self, using: str = "default", **values: Value) -> list[T]:
        connection = connections[using]
        database = (using, connection.vendor)
        compiled = self._compiled.get(database)
        if compiled is None:  # two threads may both build it: the same SQL either way
            compiled = self._compiled[database] = self._compile(connection, using)
        params: list[Any] = list(compiled.params)
        for index, name in compiled.slots:
            value = values[name]
            params[index] = (
                connection.ops.adapt_datetimefield_value(value)
                if isinstance(value, datetime)
                else value
            )
        if connection.vendor == "postgresql":
            cursor = _kept_cursor(connection)
            cursor.execute(compiled.sql, params)
            rows: list[Any] = cursor.fetchall()
        else:
            with connection.cursor() as cursor:
                cursor.execute(compiled.sql, params)
                rows = cursor.fetchall()
        if compiled.converters:
            rows = _converted(rows, compiled.converters, connection)
        found: list[Any]
        if compiled.model is None:
            found = [row[0] for row in rows] if compiled.flat else [tuple(row) for row in rows]
        else:
            found = [_instance(compiled, using, row) for row in rows]
        return found

    def _compile(self, connection: BaseDatabaseWrapper, using: str) -> _Compiled:
        markers = {name: _marker(kind, i) for i, (name, kind) in enumerate(self.kinds.items())}
        queryset = self.build(**markers).using(using)
        iterable = queryset._iterable_class  # which rows the queryset yields
        if iterable not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
            raise TypeError(f"a prepared query yields models or value lists, not {iterable}")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        adapted = {
            name: connection.ops.adapt_datetimefield_value(marker)
            if isinstance(marker, datetime)
            else marker
            for name, marker in markers.items()
        }
        slots = tuple(
            (index, name)
            for index, param in enumerate(params)
            for name, marker in adapted.items()
            if type(param) is type(marker) and param == marker
        )
        missing = set(markers) - {name for _, name in slots}
        if missing:
            raise ValueError(f"values not sent as parameters of the SQL: {sorted(missing)}")
        columns = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
        converters = list(compiler.get_converters(columns).items())
        if iterable is not ModelIterable:
            return _Compiled(
                sql, tuple(params), slots, converters, None, [], 0, [], {},
                flat=iterable is FlatValuesListIterable,
            )  # fmt: skip
        klass_info = compiler.klass_info
        select = compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        if start != 0:
            raise TypeError("a prepared query's model columns come first")
        init_list = [column[0].target.attname for column in select[start:end]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            converters=converters,
            model=klass_info["model"],
            init_list=init_list,
            fields_end=end,
            populators=[
                _Populator(found)
                for found in get_related_populators(klass_info, select, using)  # type: ignore[call-arg]
            ],
            annotations=dict(compiler.annotation_col_map or {}),
            flat=False,
            build=_builder(klass_info["model"], init_list),
        )


def _kept_cursor(connection: BaseDatabaseWrapper) -> Any:
    """``connection.cursor()`` around the database cursor this connection keeps for prepared
    queries, made once per connection opened (decision 97).

    A new psycopg cursor for each statement, with Django's work around it, cost about 30 µs of
    CPU beside the 25 the statement itself takes. A prepared query reads all its rows at once
    and runs no other statement meanwhile, so one cursor serves them all in turn; it is
    wrapped as ``cursor()`` wraps one (logged, counted, execute wrappers run), after the same
    checks (health check, connection opened). A connection closed and opened again gets a new
    cursor: the kept one belongs to the closed one.
    """
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    kept = getattr(connection, "_newsdesk_kept_cursor", None)
    if kept is None or kept.closed or kept.connection is not connection.connection:
        with connection.wrap_database_errors:
            kept = connection.create_cursor()
        connection._newsdesk_kept_cursor = kept  # type: ignore[attr-defined]
    return connection._prepare_cursor(kept)  # type: ignore[attr-defined]


def _marker(kind: type, index: int) -> Value:
    if kind is int:
        return _FIRST_INT_MARKER - index
    if kind is str:
        return f"\x00prepared-{index}\x00"
    if kind is datetime:
        return datetime(1901, 1, 1, 0, 0, index, tzinfo=UTC)
    raise TypeError(f"a prepared query's values are int, str or datetime, not {kind}")


def _converted(
    rows: list[Any], converters: list[tuple[int, tuple[list[Any], Any]]], connection: Any
) -> list[list[Any]]:
    out = []
    for row in map(list, rows):
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        out.append(row)
    return out


# The class attributes of columns whose value a new instance keeps in its ``__dict__`` as is:
# ``ForeignKeyDeferredAttribute.__set__`` only also forgets a cached related object, which a new
# instance has none of.
_PLAIN_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


def _plain(model: type[Model], init_list: list[str]) -> bool:
    """Whether ``model``'s instances of these columns can skip ``__init__`` unnoticed."""
    if pre_init.has_listeners(model) or post_init.has_listeners(model):
        return False
    return all(type(getattr(model, name, None)) in _PLAIN_ATTRIBUTES for name in init_list)


def _builder(model: type[Model], init_list: list[str]) -> Callable[[str, Any], Model]:
    """``from_db(db, init_list, values)`` for ``model``, without its per-field work if
    ``_plain``."""
    if not _plain(model, init_list):
        return lambda db, values: model.from_db(db, init_list, values)
    new = model.__new__

    def build(db: str, values: Any) -> Model:
        instance = new(model)
        state = ModelState()
        state.adding = False
        state.db = db
        instance._state = state
        instance.__dict__.update(zip(init_list, values, strict=True))
        return instance

    return build


class _Populator:
    """Django's ``RelatedPopulator`` (a ``select_related`` model of a row) with ``_builder``."""

    def __init__(self, found: RelatedPopulator) -> None:
        self.reorder = found.reorder_for_init
        self.start, self.end = getattr(found, "cols_start", 0), getattr(found, "cols_end", 0)
        self.pk_index = found.pk_idx
        self.db = found.db
        self.build = _builder(found.model_cls, found.init_list)
        self.related = [_Populator(inner) for inner in found.related_populators]
        self.local_setter = found.local_setter
        self.remote_setter = found.remote_setter

    def populate(self, row: list[Any], from_obj: Model) -> None:
        data = self.reorder(row) if self.reorder else row[self.start : self.end]
        if data[self.pk_index] is None:
            obj = None
        else:
            obj = self.build(self.db, data)
            for inner in self.related:
                inner.populate(row, obj)
        self.local_setter(from_obj, obj)
        if obj is not None:
            self.remote_setter(obj, from_obj)


def _instance(compiled: _Compiled, using: str, row: list[Any]) -> Any:
    assert compiled.build is not None
    instance = compiled.build(using, row[: compiled.fields_end])
    for populator in compiled.populators:
        populator.populate(row, instance)
    for name, position in compiled.annotations.items():
        setattr(instance, name, row[position])
    return instance
