"""Region pages: a place's stories (``/region/<slug>/``), finding a place (``/region/?q=``),
"Local" (``/local/``) and a place's RSS feed.

A region page is the same for everyone, so the page cache may keep it. "Local" is per visitor:
a signed-in reader's region is the one of their profile; a visitor is asked once and the answer
is kept in a cookie (never guessed from the address or anything else). The home page loads the
Local block as a fragment (htmx) from ``/local/``, which is never cached, so one visitor's
region never lands in the cached home page of another; without JavaScript it is a link.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from newsdesk.articles.models import Article
from newsdesk.desk.places import reading as places
from newsdesk.desk.readers.profiles import update_profile
from newsdesk.desk.readers.rules import screen_for
from newsdesk.places.models import Place, PlaceKind
from newsdesk.readers.models import Reader
from newsdesk.web.feeds import FEED_SIZE, ArticleItems, public_items, with_topics
from newsdesk.web.syndication import ConditionalFeed
from newsdesk.web.views import page_number

RADII = (10, 50, 100)
LOCAL_COOKIE = "newsdesk_region"
LOCAL_COOKIE_AGE = 365 * 24 * 3600
LOCAL_STORIES = 5
MAX_PAGE = 500


def _radius(request: HttpRequest, place: Place) -> int:
    """The radius asked for, if it is one of ``RADII`` and the place is a city; else 0."""
    try:
        asked = int(request.GET.get("radius", "0"))
    except ValueError:
        return 0
    return asked if place.kind == PlaceKind.CITY and asked in RADII else 0


@require_safe
def region_search(request: HttpRequest) -> HttpResponse:
    """Find a place by name; namesakes are listed with what tells them apart."""
    query = request.GET.get("q", "").strip()[: places.MAX_QUERY]
    found = places.find_places(query) if query else []
    results = [(place, places.label(place)) for place in found]
    return render(request, "web/region_search.html", {"query": query, "results": results})


@require_safe
def region(request: HttpRequest, slug: str) -> HttpResponse:
    """A place: its hierarchy, follow button, stories (with the cities around, for a radius)."""
    place = places.place_by_slug(slug)
    if place is None:
        raise Http404("No such place")
    radius = _radius(request, place)
    ids = places.region_place_ids(place, radius)
    page = places.region_stories(ids, page_number(request, MAX_PAGE))
    screen = screen_for(request.user)  # the reader's rules and the site-wide ones
    page = replace(page, cards=screen.stories(page.cards, lambda card: card.lead))
    query = f"radius={radius}&" if radius else ""
    context: dict[str, Any] = {
        "place": place,
        "crumbs": places.hierarchy(place),
        "page": page,
        "radius": radius,
        "radii": RADII if place.kind == PlaceKind.CITY else (),
        "more_url": f"{request.path}?{query}page={page.next_number}",
        "top": [],
    }
    if getattr(request, "htmx", False):
        response = render(request, "web/_region_cards.html", context)
    else:
        if page.number == 1:
            top = places.region_top_stories(ids, timezone.now())
            context["top"] = screen.stories(top, lambda card: card.lead)
        response = render(request, "web/region.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _reader_region(user: Any) -> str:
    if not user.is_authenticated:
        return ""
    return Reader.objects.filter(user=user).values_list("region", flat=True).first() or ""


def local_place(request: HttpRequest) -> Place | None:
    """The visitor's place: the profile's region for a reader, else the cookie's."""
    named = _reader_region(request.user)
    if named:
        found = places.resolve_region(named)
        if found is not None:
            return found
    slug = request.COOKIES.get(LOCAL_COOKIE, "")
    return places.place_by_slug(slug) if slug else None


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def local(request: HttpRequest) -> HttpResponse:
    """Local news: the block for the home page (htmx), or a page that asks for the place."""
    if request.method == "POST":
        return _choose_local(request)
    place = local_place(request)
    context: dict[str, Any] = {"place": place, "choices": []}
    if place is not None:
        context["stories"] = places.region_stories([place.pk], 1, LOCAL_STORIES).cards
    template = "web/_local_block.html" if getattr(request, "htmx", False) else "web/local.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "Cookie"])
    return response


def _choose_local(request: HttpRequest) -> HttpResponse:
    """Keep the chosen place (by name, or by id from a list of namesakes) or forget it."""
    if request.POST.get("action") == "clear":
        response = HttpResponseRedirect(reverse("web:local"))
        response.delete_cookie(LOCAL_COOKIE)
        return response
    query = request.POST.get("q", "")
    found = places.find_places(query)
    chosen = request.POST.get("place", "")
    if chosen.isdigit():
        found = [place for place in found if place.pk == int(chosen)]
    if not _clear_choice(found):
        context = {
            "place": None,
            "query": query,
            "choices": [(place, places.label(place)) for place in found],
            "not_found": not found,
        }
        return render(request, "web/local.html", context, status=200 if found else 422)
    return _keep_local(request, found[0])


def _clear_choice(found: list[Place]) -> bool:
    """One place, or one that stands out: a country, or ten times its namesakes' population."""
    if len(found) == 1:
        return True
    if not found:
        return False
    first, second = found[0], found[1]
    return first.kind in (PlaceKind.CONTINENT, PlaceKind.COUNTRY) or (
        first.population >= 10 * max(second.population, 1)
    )


def _keep_local(request: HttpRequest, place: Place) -> HttpResponse:
    """A reader's region goes to their profile; a visitor's to a cookie."""
    response = HttpResponseRedirect(reverse("web:home") + "#local")
    reader = (
        Reader.objects.filter(user=request.user).first() if isinstance(request.user, User) else None
    )
    if reader is not None:
        update_profile(
            reader.user,
            region=places.label(place),
            languages=reader.languages,
            time_zone=reader.time_zone,
        )
        return response
    response.set_cookie(
        LOCAL_COOKIE,
        place.slug,
        max_age=LOCAL_COOKIE_AGE,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),  # Secure behind TLS too
    )
    return response


class RegionArticlesFeed(ArticleItems, ConditionalFeed[Article, Place]):
    """RSS of the newest articles of a place (and everything in it)."""

    def get_object(self, request: HttpRequest, slug: str) -> Place:
        place = places.place_by_slug(slug)
        if place is None:
            raise Http404("No such place")
        return place

    def title(self, obj: Place) -> str:
        return _("newsdesk: %(place)s") % {"place": obj.name}

    def description(self, obj: Place) -> str:
        return _("The newest articles about %(place)s.") % {"place": obj.name}

    def link(self, obj: Place) -> str:
        return reverse("web:region", args=[obj.slug])

    def items(self, obj: Place) -> list[Article]:
        return with_topics(public_items(places.region_articles([obj.pk], FEED_SIZE)))


region_feed = require_safe(RegionArticlesFeed())
