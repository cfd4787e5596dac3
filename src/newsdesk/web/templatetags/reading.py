"""Filters for the reader pages: relative times, article addresses, safe links, JSON-LD.

``ago`` renders relative times in the active language as whole translated phrases with plural
forms ("vor 3 Tagen", "منذ يومين"): Django's own unit words would give "vor 3 Tage" and "منذ 2
يومين", since the case after "vor" and Arabic's dual need the phrase around the number.
static/web/site.js refreshes the times every minute in the browser, in the page's language, with
the same units; this server rendering is what readers without JavaScript see, and what everyone
sees until the first refresh while it still holds: site.js compares the times' units and counts
now with those at the page's writing (``rendered_minute``) and formats them only if one moved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from newsdesk.articles.models import Article
from newsdesk.desk.readers import names
from newsdesk.desk.reading import web_url
from newsdesk.stories.models import Story
from newsdesk.web.links import article_path, story_path

register = template.Library()

# Steps of the relative time: (seconds in the unit, unit, up to this many seconds).
_UNITS = (
    (60, "minute", 3600),
    (3600, "hour", 86400),
    (86400, "day", 86400 * 30),
    (86400 * 30, "month", 86400 * 365),
    (86400 * 365, "year", None),
)
# Each unit's phrase for a count, translated when written: plain ``ngettext`` (a lazy phrase's
# ``%`` goes through a proxy and costs twice as much, for the same text), literal so that
# ``makemessages`` finds it.
_PAST: dict[str, Callable[[int], str]] = {
    "minute": lambda n: ngettext("%(count)d minute ago", "%(count)d minutes ago", n),
    "hour": lambda n: ngettext("%(count)d hour ago", "%(count)d hours ago", n),
    "day": lambda n: ngettext("%(count)d day ago", "%(count)d days ago", n),
    "month": lambda n: ngettext("%(count)d month ago", "%(count)d months ago", n),
    "year": lambda n: ngettext("%(count)d year ago", "%(count)d years ago", n),
}
_FUTURE: dict[str, Callable[[int], str]] = {
    "minute": lambda n: ngettext("in %(count)d minute", "in %(count)d minutes", n),
    "hour": lambda n: ngettext("in %(count)d hour", "in %(count)d hours", n),
    "day": lambda n: ngettext("in %(count)d day", "in %(count)d days", n),
    "month": lambda n: ngettext("in %(count)d month", "in %(count)d months", n),
    "year": lambda n: ngettext("in %(count)d year", "in %(count)d years", n),
}
# What json_script escapes: no "</script>", no HTML-significant character survives.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def relative_time(when: datetime, now: datetime) -> str:
    """How long ago (or ahead) in the largest whole unit, in the active language: 4 hours ago."""
    seconds = (now - when).total_seconds()
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return gettext("just now")
    for size, unit, limit in _UNITS:
        if limit is None or seconds < limit:
            count = int(seconds // size)
            return (_FUTURE if future else _PAST)[unit](count) % {"count": count}
    raise AssertionError("unreachable")  # pragma: no cover


@register.simple_tag
def rendered_minute() -> int:
    """When the page is written, in seconds since 1970 rounded down to the minute, for site.js to
    tell which relative times have moved on since. Whole minutes keep a page's bytes, and so its
    ETag, the same within the minute."""
    return int(timezone.now().timestamp()) // 60 * 60


@register.filter
def public_name(user: Any) -> str:
    """How a reader is shown to others: their display name, never their e-mail."""
    return names.public_name(user)


@register.filter
def ago(when: datetime | None) -> str:
    return relative_time(when, timezone.now()) if when else ""


@register.filter
def article_url(article: Article) -> str:
    return article_path(article)


@register.filter
def story_url(story: Story) -> str:
    return story_path(story)


@register.filter
def http_url(url: str) -> str:
    return web_url(url or "")


@register.simple_tag
def json_ld(data: dict[str, Any]) -> SafeString:
    """A JSON-LD block. The JSON is escaped like ``json_script`` so no data can close the tag."""
    encoded = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))  # noqa: S308


@register.filter
def engine_name(engine: str) -> str:
    """An engine id as readers see it: "llm:qwen2.5-0.5b" is "qwen2.5-0.5b"."""
    return engine.partition(":")[2] or engine if engine.startswith("llm:") else engine
