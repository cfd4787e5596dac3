"""Web feeds: a site's list page read as a feed, with the operator's selectors.

A site without a feed still has a page listing its latest pieces. A ``PageRecipe`` names, in
CSS or in XPath 1.0, the elements of that page that are items, and inside each item its title,
link and (optionally) date, summary, author and image. :func:`parse_web_feed` turns the page into
the same ``ParsedFeed`` a real feed gives, so the items go down the same pipeline.

Selectors are the operator's input and the page is the publisher's: a selector that does not
compile, or an item selector that matches nothing, is a ``FeedParseError`` that says which;
an item without a usable link is skipped (and counted in the error when none is usable). What a
selector finds is read as text: an element gives its text (a ``<time>`` its ``datetime``, an
``<a>`` its ``href`` for the link, an ``<img>`` its ``src`` for the image), an attribute or
string result gives itself, so FreshRSS's ``HTML+XPath`` expressions (``descendant::a/@href``,
``"Anonymous"``) work unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import lxml.html
from cssselect import HTMLTranslator
from dateutil import parser as date_parser
from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError

from newsdesk.errors import FeedParseError
from newsdesk.types import FeedEntry, FeedKind, ParsedFeed

from .dates import parse_datetime
from .fields import absolute_url, plain_text

CSS = "css"
XPATH = "xpath"
# Items read from one page at most: a list page, not a whole archive.
MAX_ITEMS = 200
_TEXT_LIMIT = 2000


@dataclass(frozen=True)
class PageRecipe:
    """How to read a list page: where the items are, and where each item's parts are (relative
    to the item). Empty parts are not read; the title and link default to the item's first
    heading and first link."""

    item: str
    title: str = ""
    link: str = ""
    date: str = ""
    summary: str = ""
    author: str = ""
    image: str = ""
    syntax: str = CSS

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageRecipe:
        """A recipe from its stored form; unknown keys are refused, so a typo is seen."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise FeedParseError(f"unknown part of a web feed recipe: {', '.join(unknown)}")
        values = {k: str(v or "").strip() for k, v in data.items()}
        values = {k: v for k, v in values.items() if v}  # an empty part keeps its default
        if not values.get("item"):
            raise FeedParseError("a web feed needs an item selector")
        recipe = cls(**values)
        if recipe.syntax not in (CSS, XPATH):
            raise FeedParseError(f"selector syntax must be 'css' or 'xpath', not {recipe.syntax!r}")
        return recipe

    def checked(self) -> PageRecipe:
        """This recipe, once every selector compiles; raises FeedParseError naming a bad one."""
        _Reader(self)
        return self

    def as_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


class _Reader:
    """The recipe's selectors, compiled once; each raises FeedParseError naming a bad one."""

    def __init__(self, recipe: PageRecipe) -> None:
        self.recipe = recipe
        self.item = self._compile("item", recipe.item)
        defaults = (".//h1|.//h2|.//h3|.//h4", ".//a[@href]") if recipe.syntax == XPATH else ()
        title_default, link_default = defaults or ("h1, h2, h3, h4", "a[href]")
        self.parts = {
            "title": self._compile("title", recipe.title or title_default),
            "link": self._compile("link", recipe.link or link_default),
        }
        for name in ("date", "summary", "author", "image"):
            if getattr(recipe, name):
                self.parts[name] = self._compile(name, getattr(recipe, name))

    def _compile(self, name: str, expression: str) -> Any:
        try:
            if self.recipe.syntax == CSS:
                return CSSSelector(expression)
            return etree.XPath(expression)
        except (SelectorError, etree.XPathSyntaxError) as e:
            raise FeedParseError(f"the {name} selector {expression!r} is not valid: {e}") from e

    def find(self, name: str, context: Any) -> Any:
        try:
            return self.parts[name](context) if name in self.parts else None
        except etree.XPathError as e:
            raise FeedParseError(f"the {name} selector failed on the page: {e}") from e


def parse_web_feed(content: bytes, url: str, recipe: PageRecipe) -> ParsedFeed:
    """The items of a list page, read with ``recipe``; raises FeedParseError."""
    reader = _Reader(recipe)
    try:
        page = lxml.html.document_fromstring(content, base_url=url)
    except (etree.ParserError, ValueError) as e:
        raise FeedParseError(f"the page could not be read as HTML: {e}") from e
    try:
        found = reader.item(page)
    except etree.XPathError as e:
        raise FeedParseError(f"the item selector failed on the page: {e}") from e
    items = [node for node in found if isinstance(node, etree._Element)][:MAX_ITEMS]
    if not items:
        raise FeedParseError(f"the item selector {recipe.item!r} matched nothing on the page")
    entries = _entries(reader, items, url)
    if not entries:
        raise FeedParseError(
            f"none of the {len(items)} items the selector found has a link to an article"
        )
    return ParsedFeed(
        kind=FeedKind.PAGE,
        title=plain_text(page.findtext(".//title") or "")[:500],
        home_url=url,
        language=(page.get("lang") or "").split("-")[0].lower(),
        entries=tuple(entries),
        parser="selectors",
    )


def _entries(reader: _Reader, items: list[Any], url: str) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for item in items:
        link = absolute_url(_value(reader.find("link", item), attribute="href"), url)
        if not link.startswith(("http://", "https://")) or link in seen:
            continue
        seen.add(link)
        title = _value(reader.find("title", item))
        entries.append(
            FeedEntry(
                url=link,
                guid=link,
                title=title,
                summary=_value(reader.find("summary", item)),
                author=_value(reader.find("author", item)),
                published=_date(_value(reader.find("date", item), attribute="datetime")),
                image_url=absolute_url(_value(reader.find("image", item), attribute="src"), url),
            )
        )
    return entries


def _value(found: Any, attribute: str = "") -> str:
    """The text of what a selector found: the first node (its ``attribute`` when it has it),
    or the string or number an XPath expression gave."""
    if found is None:
        return ""
    if isinstance(found, list):
        if not found:
            return ""
        found = found[0]
    if isinstance(found, etree._Element):
        if attribute and found.get(attribute):
            return str(found.get(attribute)).strip()
        if attribute == "href" and found.tag != "a":
            inner = found.find(".//a[@href]")
            if inner is not None:
                return str(inner.get("href")).strip()
        return plain_text(found.text_content())[:_TEXT_LIMIT]
    if isinstance(found, float) and found.is_integer():
        found = int(found)
    return plain_text(str(found))[:_TEXT_LIMIT]


def css_as_xpath(selector: str) -> str:
    """The XPath 1.0 expression that selects what a CSS selector does (for FreshRSS's OPML)."""
    try:
        return str(HTMLTranslator().css_to_xpath(selector, prefix="descendant-or-self::"))
    except SelectorError as e:
        raise FeedParseError(f"the selector {selector!r} is not valid CSS: {e}") from e


def _date(text: str) -> datetime | None:
    """A date as pages write it: ISO 8601 and RFC 822 first, then the common written forms
    ("7 December 2026", "Dec 7, 2026 10:30"); a date without a zone is taken as UTC."""
    if not text:
        return None
    parsed = parse_datetime(text)
    if parsed is not None:
        return parsed
    try:
        moment = date_parser.parse(text, fuzzy=True)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
