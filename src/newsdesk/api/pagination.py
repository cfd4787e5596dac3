"""Cursor pagination for lists that grow while apps page through them (newest first).

ninja's ``CursorPagination``: the cursor is an opaque token of the position in the ordering, so a
page never repeats or skips items when new ones arrive at the top, unlike page numbers.
"""

from __future__ import annotations

from typing import Any

from ninja.pagination import CursorPagination

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class NewestFirst(CursorPagination):
    """Pages of ``page_size`` (at most 100), ordered by the route's ordering, newest first."""

    def __init__(self, ordering: tuple[str, ...] = ("-id",), **kwargs: Any) -> None:
        super().__init__(
            ordering=ordering, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs
        )
