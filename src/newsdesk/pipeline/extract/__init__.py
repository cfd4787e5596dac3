"""Article extraction: from a publisher's page to headline, byline, date, text and safe HTML.

trafilatura finds the body, readability-lxml gives a second opinion on the pages where
trafilatura looks unsure, a few measured rules drop what extractors keep but readers should not
see (repeated headlines, related-story lists, promotions), and nh3 reduces the HTML to an
allow-list. Per-source boilerplate (lines recurring on many pages of one publisher) is learned by
the service layer from ``line_fingerprints`` and removed with ``remove_boilerplate``.

``read_publisher`` reads who published a page (its name and icons) from a parsed page.

trafilatura, readability-lxml and nh3 are used only inside this package.

The names below are loaded on first use, so that a module needing only ``images`` or
``blocks`` does not import trafilatura (a tenth of a second) with this package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsdesk.pipeline.extract.article import (
        article_from_fragment,
        extract_article,
        parse_page,
    )
    from newsdesk.pipeline.extract.boilerplate import (
        line_fingerprints,
        remove_boilerplate,
        select_boilerplate,
    )
    from newsdesk.pipeline.extract.publisher import (
        PagePublisher,
        believable_name,
        read_publisher,
    )
    from newsdesk.pipeline.extract.sanitize import sanitize_html

_MODULES = {
    "article_from_fragment": "article",
    "extract_article": "article",
    "parse_page": "article",
    "line_fingerprints": "boilerplate",
    "remove_boilerplate": "boilerplate",
    "select_boilerplate": "boilerplate",
    "PagePublisher": "publisher",
    "believable_name": "publisher",
    "read_publisher": "publisher",
    "sanitize_html": "sanitize",
}

__all__ = [
    "PagePublisher",
    "article_from_fragment",
    "believable_name",
    "extract_article",
    "line_fingerprints",
    "parse_page",
    "read_publisher",
    "remove_boilerplate",
    "sanitize_html",
    "select_boilerplate",
]


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value
