"""The Blindspots page (/blindspots/) and its RSS feed (/blindspots/feed.xml).

A blindspot is a story covered widely in one language or world region and not at all in
another the site reads (``desk.stories.blindspots``, decision 70). The page lists them newest
first, each with what covers it and what does not ("Covered by 9 sources in Arabic; none in
English"), filtered by languages and a region: a signed-in reader's profile gives them until
the reader chooses others; a visitor chooses. The feed takes the same ``lang`` and ``region``
parameters, so a feed reader can follow the blindspots of one side.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from newsdesk.desk.countries import language_name, region_name, regions
from newsdesk.desk.editions import reader_languages
from newsdesk.desk.readers.rules import AnyUser, screen_for
from newsdesk.desk.stories import blindspots as desk
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Story
from newsdesk.web.links import story_path
from newsdesk.web.syndication import ConditionalFeed, image_enclosures, image_fields
from newsdesk.web.views import page_number

FEED_SIZE = 50
MAX_PAGE = 50


@dataclass(frozen=True)
class Filters:
    """The languages and region a list is narrowed to; ``chosen``: by the request itself,
    not by the reader's profile."""

    languages: tuple[str, ...] = ()
    region: str = ""
    chosen: bool = False

    @property
    def query(self) -> str:
        data = QueryDict(mutable=True)
        data.setlist("lang", list(self.languages))
        if self.region:
            data["region"] = self.region
        data["f"] = "1"
        return data.urlencode()


@dataclass(frozen=True)
class Entry:
    """A blindspot as the page and the feed show it."""

    spot: desk.Blindspot
    story: Story
    lines: tuple[str, ...]

    @property
    def lead(self) -> Any:
        return self.story.lead_article


def filters_of(request: HttpRequest, profile: bool = True) -> Filters:
    """The filters the request asks for (``f``, ``lang``, ``region``); without them, a signed-in
    reader's languages and region (when ``profile``), or none."""
    known = set(regions())
    if request.GET.get("f") or "lang" in request.GET or "region" in request.GET:
        languages = tuple(
            dict.fromkeys(code.strip().lower()[:8] for code in request.GET.getlist("lang"))
        )
        region = request.GET.get("region", "")
        return Filters(
            tuple(code for code in languages if code), region if region in known else "", True
        )
    if not profile or not request.user.is_authenticated:
        return Filters()
    place = Reader.objects.filter(user_id=request.user.pk).values_list("region", flat=True).first()
    return Filters(tuple(reader_languages(request.user)), desk.region_of_place(place or ""))


def entries(user: AnyUser | None, filters: Filters, start: int, count: int) -> list[Entry]:
    """``count`` blindspots from ``start`` (one more, to know if a next page exists), with
    their stories, through the reader's rules (the site's for ``None``)."""
    spots = desk.blindspots_for(timezone.now(), filters.languages, filters.region)
    window = spots[start : start + count + 1]
    stories = desk.stories_of(window)
    shown = screen_for(user).stories(
        [stories[s.story_id] for s in window if s.story_id in stories],
        lambda story: story.lead_article_id,
    )
    by_id = {story.pk: story for story in shown}
    return [
        Entry(spot, by_id[spot.story_id], gap_lines(spot))
        for spot in window
        if spot.story_id in by_id
    ]


def gap_lines(spot: desk.Blindspot) -> tuple[str, ...]:
    """What covers the story and what does not, one line a gap, in the page's language."""
    return tuple(_gap_line(gap) for gap in spot.gaps)


def _gap_line(gap: desk.Gap) -> str:
    separator = gettext(", ")
    if gap.kind == desk.LANGUAGE:
        missing = separator.join(language_name(code) for code in gap.missing)
        text = ngettext(
            "Covered by %(count)d source in %(covered)s; none in %(missing)s.",
            "Covered by %(count)d sources in %(covered)s; none in %(missing)s.",
            gap.sources,
        )
        return text % {
            "count": gap.sources,
            "covered": language_name(gap.covered),
            "missing": missing,
        }
    missing = separator.join(region_name(code) for code in gap.missing)
    text = ngettext(
        "Covered by %(count)d source from %(covered)s; none from %(missing)s.",
        "Covered by %(count)d sources from %(covered)s; none from %(missing)s.",
        gap.sources,
    )
    return text % {"count": gap.sources, "covered": region_name(gap.covered), "missing": missing}


@require_safe
def blindspots_page(request: HttpRequest) -> HttpResponse:
    filters = filters_of(request)
    number = page_number(request, MAX_PAGE)
    size = desk.thresholds().page_size
    found = entries(
        request.user,
        filters,
        (number - 1) * size,
        size,
    )
    site = desk.site_groups()
    rules = desk.thresholds()
    context = {
        "entries": found[:size],
        "filters": filters,
        "number": number,
        "next_number": number + 1 if len(found) > size else None,
        "languages": sorted(
            (
                (code, language_name(code))
                for code, n in site.languages.items()
                if n >= rules.site_sources
            ),
            key=lambda row: row[1],
        ),
        "regions": [(code, region_name(code)) for code in regions()],
        "rules": rules,
        "feed_url": f"{reverse('web:blindspots-feed')}?{filters.query}"
        if filters.chosen
        else reverse("web:blindspots-feed"),
    }
    response = render(request, "web/blindspots.html", context)
    patch_vary_headers(response, ["Cookie"])
    return response


class BlindspotsFeed(ConditionalFeed[Entry, Filters]):
    """RSS of the newest blindspots, filtered as the page is by ``lang`` and ``region``."""

    def get_object(self, request: HttpRequest) -> Filters:
        return filters_of(request, profile=False)

    def title(self, obj: Filters) -> str:
        return "newsdesk: " + gettext("Blindspots")

    def description(self, obj: Filters) -> str:
        return gettext(
            "Stories covered widely in one language or region and not at all in another."
        )

    def link(self, obj: Filters) -> str:
        return reverse("web:blindspots")

    def items(self, obj: Filters) -> list[Entry]:
        return entries(None, obj, 0, FEED_SIZE)[:FEED_SIZE]

    def item_title(self, item: Entry) -> str:
        lead = item.lead
        return item.story.headline or (lead.title if lead else "") or str(item.story)

    def item_description(self, item: Entry) -> str:
        return " ".join(item.lines)

    def item_link(self, item: Entry) -> str:
        return story_path(item.story)

    def item_pubdate(self, item: Entry) -> datetime | None:
        return item.story.last_published_at

    def item_enclosures(self, item: Entry) -> list[feedgenerator.Enclosure]:
        return image_enclosures(item.lead)

    def item_extra_kwargs(self, item: Entry) -> dict[str, Any]:
        return image_fields(item.lead)
