"""Article extraction: from a publisher's page to headline, byline, date, text and safe HTML.

trafilatura finds the body, readability-lxml gives a second opinion on the pages where
trafilatura looks unsure, a few measured rules drop what extractors keep but readers should not
see (repeated headlines, related-story lists, promotions), and nh3 reduces the HTML to an
allow-list. Per-source boilerplate (lines recurring on many pages of one publisher) is learned by
the service layer from ``line_fingerprints`` and removed with ``remove_boilerplate``.

``read_publisher`` reads who published a page (its name and icons) from a parsed page.

trafilatura, readability-lxml and nh3 are used only inside this package.
"""

from newsdesk.pipeline.extract.article import article_from_fragment, extract_article, parse_page
from newsdesk.pipeline.extract.boilerplate import (
    line_fingerprints,
    remove_boilerplate,
    select_boilerplate,
)
from newsdesk.pipeline.extract.publisher import PagePublisher, believable_name, read_publisher
from newsdesk.pipeline.extract.sanitize import sanitize_html

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
