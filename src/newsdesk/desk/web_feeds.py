"""Web feeds: a site without a feed, followed through its list page and the operator's selectors.

The operator names the page and a recipe (``pipeline.feeds.webpage.PageRecipe``: CSS or XPath
selectors for the items and their title, link, date, summary, author and image). The page is
fetched through the safe fetcher, as feeds are; ``preview_web_feed`` shows what the recipe
reads from the page now, without storing anything, and ``add_web_feed`` stores the feed with
its recipe once the preview finds items. The feed check then reads the page like any feed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.desk.sources import PAGE_ACCEPT, AddedFeed, register_feed
from newsdesk.errors import FetchError
from newsdesk.pipeline.feeds.webpage import PageRecipe, parse_web_feed
from newsdesk.pipeline.fetch import check_url
from newsdesk.sources.models import Feed
from newsdesk.types import ParsedFeed

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch import Fetcher


def preview_web_feed(url: str, recipe: PageRecipe, fetcher: Fetcher) -> ParsedFeed:
    """What ``recipe`` reads from the page at ``url`` now. Raises InvalidURLError, FetchError
    (the page cannot be fetched) or FeedParseError (a selector is wrong or finds nothing)."""
    recipe.checked()
    result = fetcher.fetch(check_url(url), accept=PAGE_ACCEPT)
    if not result.ok:
        raise FetchError(f"{url} answered HTTP {result.status}")
    return parse_web_feed(result.content, result.final_url, recipe)


def add_web_feed(url: str, recipe: PageRecipe, fetcher: Fetcher) -> tuple[AddedFeed, ParsedFeed]:
    """Follow the page at ``url`` as a feed read by ``recipe``, once a preview finds items; a
    page followed already gets the new recipe. Returns the feed and the preview."""
    preview = preview_web_feed(url, recipe, fetcher)
    url = check_url(url)
    known = Feed.objects.filter(url=url).first()
    if known is not None:
        Feed.objects.filter(pk=known.pk).update(recipe=recipe.as_dict(), kind="page")
        known.refresh_from_db()
        return AddedFeed(known, created=False), preview
    added = register_feed(url, preview, recipe=recipe.as_dict())
    return added, preview
