"""Which entry of the site's navigation a page belongs to, for the masthead's mark (decision 85).

``{% nav_place as nav_here %}`` reads the route that answered the request and gives the entry
(``nav_here.entry``: ``latest``, ``topics``, ...) and how it is current (``nav_here.current``):
``page`` on the entry's own page (the topics list), ``true`` on a page inside its section (one
topic, one region), as ``aria-current`` says it. A page outside the navigation (an article, a
story, the profile, an error) has neither. Both are short choices, so the masthead's kept
fragment holds one text per entry and language (``{% kept nav_here.entry nav_here.current %}``):
a dictionary look-up on every page still, never a render.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django import template

register = template.Library()


class NavPlace(NamedTuple):
    entry: str
    current: str


OUTSIDE = NavPlace("", "")

# Route name -> the navigation entry its page belongs to, and whether it is the entry's own page.
PLACES: dict[str, NavPlace] = {
    "web:home": NavPlace("latest", "page"),
    "web:for-you": NavPlace("for-you", "page"),
    "web:topics": NavPlace("topics", "page"),
    "web:topic": NavPlace("topics", "true"),
    "web:local": NavPlace("local", "page"),
    "web:region": NavPlace("local", "true"),
    "web:region-search": NavPlace("local", "true"),
    "web:blindspots": NavPlace("blindspots", "page"),
    "web:search": NavPlace("search", "page"),
    "web:saved": NavPlace("saved", "page"),
    "web:accuracy": NavPlace("accuracy", "page"),
}


def place_of(view_name: str) -> NavPlace:
    """The navigation entry of the route named ``view_name`` (``web:topic``), or OUTSIDE."""
    return PLACES.get(view_name, OUTSIDE)


@register.simple_tag(takes_context=True)
def nav_place(context: Any) -> NavPlace:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return place_of(match.view_name) if match is not None else OUTSIDE
