"""Cards rendered by Jinja2: the same markup as a Django template, at a fraction of the cost.

A page of the river shows 20 to 30 cards, and Django's template engine spends about a fifth of a
millisecond on each (variable lookups, a dozen tags and filters), more than the query that
reads them. The card templates under ``web/jinja/`` are Jinja2 templates calling the very filters
and tags the Django templates use (``templatetags``), and the Django templates include them
through one tag (``{% load cards %}{% article_card %}``), so every page keeps its markup.

A card's text is kept (``card``): its key holds everything the card shows (the article's shown
fields, its image's state, its source's name, mark and labels, the relative time as written, the
interface language and time zone, the layout), so a change to any of them is a new key and the
kept text can never be out of date; only the cards written last are kept. The same source's
newest cards appear on all its article pages and the home page's on every visit.

Escaping is Django's: Jinja2 runs without its own autoescape, and every value written passes
``conditional_escape`` (``finalize``), so text is escaped exactly as a Django template escapes it
and safe strings (``format_html``) pass unchanged. Plain text, the usual value, goes straight to
``html.escape``, which is what ``conditional_escape`` calls for it after checking for lazy
arguments and an ``__html__`` method it cannot have.
"""

from __future__ import annotations

import html
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import (  # type: ignore[attr-defined]
    get_current_timezone_name,
    template_localtime,
)
from django.utils.translation import get_language, gettext, ngettext, trans_real

from newsdesk.web.excerpts import truncatechars as _truncatechars
from newsdesk.web.templatetags.languages import text_lang
from newsdesk.web.templatetags.logos import source_mark
from newsdesk.web.templatetags.media import card_media, has_image, initial
from newsdesk.web.templatetags.places import article_topic_and_place_links
from newsdesk.web.templatetags.reading import (
    ago,
    article_url,
    http_url,
    json_ld,
    public_name,
    relative_time,
    story_url,
)

TEMPLATES = Path(__file__).parent / "jinja"


def _date(value: Any, format_name: str) -> str:
    """Django's ``date`` filter: the value in the current time zone, in the active locale
    ("c", ISO 8601, is the datetime's own ``isoformat``, as Django writes it)."""
    local = template_localtime(value)
    if format_name == "c":
        return str(local.isoformat())
    return str(defaultfilters.date(local, format_name))


def _quote_all(value: Any) -> str:
    """Django's ``urlencode:''`` filter: every reserved character quoted, "/" too."""
    return quote(str(value), safe="")


def _blocktranslate(
    message: str, count: int | None = None, plural: str | None = None, **values: Any
) -> SafeString:
    """Django's ``{% blocktranslate %}``: the message (``plural``'s form for ``count``, which is
    ``counter``) with the values localised and escaped; the message itself is template text."""
    if plural is not None and count is not None:
        text = ngettext(message, plural, count)
        values["counter"] = count
    else:
        text = gettext(message)
    return mark_safe(text % {k: conditional_escape(localize(v)) for k, v in values.items()})  # noqa: S308


def _url(name: str, *args: Any) -> str:
    """``reverse``, remembered for addresses every card repeats (a source's page)."""
    return _remembered_url(get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF, name, args)


@lru_cache(maxsize=4096)
def _remembered_url(
    prefix: str, urlconf: str | None, root: str, name: str, args: tuple[Any, ...]
) -> str:
    return reverse(name, args=args)


def _escaped(value: Any) -> Any:
    """``conditional_escape``, with plain text (not ``SafeString``, a subclass) escaped at once:
    the same ``html.escape`` Django's ``escape`` applies to it."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - Django's escaping of every value, in finalize
        finalize=_escaped,
        keep_trailing_newline=True,
        auto_reload=False,
        undefined=jinja2.ChainableUndefined,
    )
    environment.filters.update(
        has_image=has_image,
        article_url=article_url,
        story_url=story_url,
        http_url=http_url,
        ago=ago,
        date=_date,
        truncatechars=_truncatechars,
        quote_all=_quote_all,
        public_name=public_name,
    )
    environment.globals.update(
        card_media=card_media,
        text_lang=text_lang,
        source_mark=source_mark,
        url=_url,
        gettext=gettext,
        ngettext=ngettext,
        blocktranslate=_blocktranslate,
        article_topic_and_place_links=article_topic_and_place_links,
        static=static,
        initial=initial,
        json_ld=json_ld,
        labels=lambda source, article: labels(source, article),  # defined below, renders too
    )
    return environment


ENVIRONMENT = _environment()


def render(name: str, values: dict[str, Any]) -> SafeString:
    """The Jinja2 template ``name`` with ``values``, as safe HTML for a Django template.

    ``gettext`` and ``ngettext`` are the active translation's own, looked up once a render:
    Django's functions find it anew at each call (a context-local look-up), then call these;
    for the templates' messages (literal, non-empty, without carriage returns, never safe
    strings) the rest of what they do changes nothing."""
    translation = trans_real.catalog()
    return mark_safe(  # noqa: S308 - escaped as written
        ENVIRONMENT.get_template(name).render(
            values, gettext=translation.gettext, ngettext=translation.ngettext
        )
    )


_KEPT_LABELS: dict[tuple[str, bool, bool], SafeString] = {}


def labels(source: Any, article: Any) -> SafeString:
    """The labels after a source's name (``web/_labels.html``: state-controlled media, a
    clickbait headline when ``article`` is given), kept per interface language and the two
    choices the template makes: including the template cost a new Jinja2 context each time."""
    state = source.ownership == "state"
    clickbait = bool(article is not None and article.clickbait)
    key = (get_language(), state, clickbait)
    found = _KEPT_LABELS.get(key)
    if found is None:
        found = render("web/_labels.html", {"source": source, "article": article})
        _KEPT_LABELS[key] = found
    return found


# Card texts kept at most; past it the kept ones are dropped and the next cards kept afresh.
MOST_KEPT_CARDS = 4096
_KEPT_CARDS: dict[tuple[Any, ...], SafeString] = {}


def card(values: dict[str, Any], here: tuple[str, str, datetime] | None = None) -> SafeString:
    """The article card (``web/_card.html``) of ``values``, kept under all it shows; ``here``
    is ``_here()`` when one call writes many cards."""
    key = _card_key(values, here or _here())
    found = _KEPT_CARDS.get(key)
    if found is None:
        found = render("web/_card.html", values)
        if len(_KEPT_CARDS) >= MOST_KEPT_CARDS:
            _KEPT_CARDS.clear()
        _KEPT_CARDS[key] = found
    return found


def _here() -> tuple[str, str, datetime]:
    """The interface language, the time zone's name and the time: what every card's key
    holds beside its own values."""
    return get_language(), get_current_timezone_name(), timezone.now()


def _card_key(values: dict[str, Any], here: tuple[str, str, datetime]) -> tuple[Any, ...]:
    """Every value ``web/_card.html`` writes or decides on, and what it depends on."""
    article = values["article"]
    source = article.source
    image = article.image if article.image_id is not None else None
    verdict = getattr(article, "rule_verdict", None)
    published = article.published_at
    language, zone, now = here
    return (
        language,
        zone,
        values.get("heading"),
        values.get("media_layout"),
        bool(values.get("image_first")),
        article.pk,
        article.title,
        article.language,
        article.description,
        article.clickbait,
        published,
        relative_time(published, now) if published else "",  # as ``ago`` writes it
        source.pk,
        source.slug,
        source.name,
        source.logo_version,
        source.ownership,
        article.image_id,
        None if image is None else (image.status, repr(image.variants)),
        None if verdict is None else (verdict.highlight, tuple(verdict.folders or ())),
    )
