"""What every RSS feed of the site shares: conditional GET, and items with an image.

:class:`ConditionalFeed` is a Django syndication feed that answers ``If-None-Match`` and
``If-Modified-Since`` with 304 Not Modified. Its ETag is a hash of the feed's bytes, so any change
of an item changes it, and it is weak: the same ETag goes out with the gzipped body and with a
304, which a strong one could not (the compressed bytes differ). Its Last-Modified is the newest
change among the items (their ``item_updateddate``, falling back to their publication time),
never later than now, so a story published long ago but gathered today still moves it, and a
future date from a publisher's clock cannot freeze it. A client sending both gets the answer
of If-None-Match (RFC 9110 13.2.2).

:class:`NewsRssFeed` writes RSS 2.0 with the Media RSS namespace: an item's lead image goes out as
``<media:content medium="image">`` always, and as an ``<enclosure>`` when its type is known
from the address (RSS requires a type; the length is 0, the RSS profile's value for unknown).
"""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import datetime
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import feedgenerator, timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

MEDIA_NS = "http://search.yahoo.com/mrss/"
RSS_TYPE = feedgenerator.RssFeed.content_type

Item = TypeVar("Item")
Obj = TypeVar("Obj")


def image_type(url: str) -> str:
    """The image's media type from its address (``image/jpeg``), or "" when it says none."""
    guessed, _ = mimetypes.guess_type(urlsplit(url).path)
    return guessed if guessed and guessed.startswith("image/") else ""


def image_enclosures(url: str) -> list[feedgenerator.Enclosure]:
    """An RSS enclosure for an http(s) image whose type is known, else none."""
    kind = image_type(url) if urlsplit(url).scheme in {"http", "https"} else ""
    return [feedgenerator.Enclosure(url, "0", kind)] if kind else []


class NewsRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose items may carry ``image`` (a URL), written as Media RSS content."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        image = item.get("image") or ""
        if urlsplit(image).scheme in {"http", "https"}:
            attributes = {"url": image, "medium": "image"}
            if kind := image_type(image):
                attributes["type"] = kind
            handler.addQuickElement("media:content", None, attributes)


class ConditionalFeed(Feed[Item, Obj]):
    """A syndication feed that answers conditional GETs (see the module docstring)."""

    feed_type = NewsRssFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as e:
            raise Http404("Feed object does not exist.") from e
        feed = self.get_feed(cast(Obj, obj), request)
        body = feed.writeString("utf-8").encode("utf-8")
        response = HttpResponse(body, content_type=getattr(feed, "content_type", RSS_TYPE))
        response["ETag"] = "W/" + quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest())
        changed = last_change(feed)
        if changed is not None:
            response["Last-Modified"] = http_date(changed.timestamp())
        conditional = get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(changed.timestamp()) if changed else None,
            response=response,
        )
        return conditional or response


def last_change(feed: feedgenerator.SyndicationFeed) -> datetime | None:
    """The newest change among the feed's items, never later than now; None without items."""
    now = timezone.now()
    times = [
        min(item.get("updateddate") or item["pubdate"], now)
        for item in feed.items
        if item.get("updateddate") or item.get("pubdate")
    ]
    return max(times, default=None)
