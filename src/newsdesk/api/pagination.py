"""Cursor pagination for lists that grow while apps page through them (newest first).

ninja's ``CursorPagination``: the cursor is an opaque token of the position in the ordering, so a
page never repeats or skips items when new ones arrive at the top, unlike page numbers.

A route may name a ``card`` builder (``card(request, row)``) that turns each row of the page into
its answer after the cursors are taken from the rows. A cursor that this API did not give out (or
that was tampered with) is a 422, never a 500. With ``screened`` the caller's rules drop or mark
the rows of each page once it is read (a page may then hold fewer rows; the cursors still come
from every row, so nothing is skipped).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import ValidationError
from ninja.pagination import CursorPagination

from newsdesk.api.rules import screened_rows

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

Card = Callable[[HttpRequest, Any], Any]


class NewestFirst(CursorPagination):
    """Pages of ``page_size`` (at most 100), ordered by the route's ordering, newest first."""

    def __init__(
        self,
        ordering: tuple[str, ...] = ("-id",),
        card: Card | None = None,
        screened: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            ordering=ordering, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs
        )
        self.card = card
        self.screened = screened  # the caller's rules apply to each page (api/rules.py)

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        try:
            page = super().paginate_queryset(queryset, pagination, request, **params)
        except (ValueError, TypeError, OverflowError, DjangoValidationError) as e:
            error = {"loc": ["query", "cursor"], "msg": "Not a cursor of this list"}
            raise ValidationError([error]) from e
        if self.screened:
            rows = list(page["results"])
            page["results"] = screened_rows(request, params.get("response"), rows)
        if self.card is not None:
            page[self.items_attribute] = [self.card(request, row) for row in page["results"]]
        return page
