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
``<media:content medium="image">`` and as an ``<enclosure>``. The image is the site's own copy
(decision 36): the JPEG made for link previews (feed readers do not all take WebP), with its
type, size in bytes and pixels known; an article whose image is not kept yet has none, as on the
pages. Never the publisher's address: a feed reader would fetch it and tell the publisher who
reads what. Items name the copy by its path; :class:`ConditionalFeed` makes it absolute with the
request's scheme and host, as Django does for the item's link.

A public feed (``names_hub``) names the site's WebSub hub (decision 69) when there is one: as
``<atom:link rel="hub">`` in the channel and in a ``Link`` header with its ``rel="self"``
address at the site's public origin, the topic subscribers ask for.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, TypeVar, cast

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import feedgenerator, timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from newsdesk.articles.models import Article
from newsdesk.desk.media import article_image
from newsdesk.desk.websub_hub import hub_url, site_origin

MEDIA_NS = "http://search.yahoo.com/mrss/"
RSS_TYPE = feedgenerator.RssFeed.content_type

Item = TypeVar("Item")
Obj = TypeVar("Obj")


def image_enclosures(article: Article | None) -> list[feedgenerator.Enclosure]:
    """The enclosure of an article's kept image (the JPEG, by its path), or none."""
    shown = article_image(article) if article is not None else None
    if shown is None:
        return []
    return [feedgenerator.Enclosure(shown.share_path, str(shown.share_bytes), "image/jpeg")]


def image_fields(article: Article | None) -> dict[str, Any]:
    """The Media RSS fields of an article's kept image (its path and size), or none."""
    shown = article_image(article) if article is not None else None
    if shown is None:
        return {}
    return {
        "image": shown.share_path,
        "image_width": shown.share_width,
        "image_height": shown.share_height,
    }


class NewsRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 whose items may carry ``image`` (an address), written as Media RSS content."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub"]})

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        image = item.get("image") or ""
        if image:
            attributes = {"url": image, "medium": "image", "type": "image/jpeg"}
            for name in ("width", "height"):
                if item.get(f"image_{name}"):
                    attributes[name] = str(item[f"image_{name}"])
            handler.addQuickElement("media:content", None, attributes)


class ConditionalFeed(Feed[Item, Obj]):
    """A syndication feed that answers conditional GETs (see the module docstring)."""

    feed_type = NewsRssFeed
    names_hub = False  # a public feed the site's hub distributes

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as e:
            raise Http404("Feed object does not exist.") from e
        feed = self.get_feed(cast(Obj, obj), request)
        with_absolute_images(feed, request)
        hub = hub_url() if self.names_hub else ""
        if hub:
            feed.feed["hub"] = hub
        body = feed.writeString("utf-8").encode("utf-8")
        response = HttpResponse(body, content_type=getattr(feed, "content_type", RSS_TYPE))
        if hub:
            response["Link"] = f'<{hub}>; rel="hub", <{site_origin()}{request.path}>; rel="self"'

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


def with_absolute_images(feed: feedgenerator.SyndicationFeed, request: HttpRequest) -> None:
    """Make the items' image paths full addresses on this site."""
    for item in feed.items:
        item["enclosures"] = [
            feedgenerator.Enclosure(request.build_absolute_uri(e.url), e.length, e.mime_type)
            for e in item.get("enclosures") or []
        ]
        if item.get("image"):
            item["image"] = request.build_absolute_uri(item["image"])


def last_change(feed: feedgenerator.SyndicationFeed) -> datetime | None:
    """The newest change among the feed's items, never later than now; None without items."""
    now = timezone.now()
    times = [
        min(item.get("updateddate") or item["pubdate"], now)
        for item in feed.items
        if item.get("updateddate") or item.get("pubdate")
    ]
    return max(times, default=None)
