"""The line of a story page that says where its coverage comes from: "Covered from 6
countries in 3 languages: United Kingdom 3, Germany 2, … · English 5, Arabic 2"."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.desk.countries import country_name, language_name
from newsdesk.desk.stories.coverage import Spread, story_spread
from newsdesk.stories.models import Story

register = template.Library()

#: Countries and languages named on the line; the rest are counted as "and N more".
NAMED = 6


@register.inclusion_tag("web/_story_origins.html")
def story_origins(story: Story) -> dict[str, Any]:
    """The story's spread (one query) with names in the page's language."""
    return origins_context(story_spread(story.pk))


def origins_context(spread: Spread) -> dict[str, Any]:
    countries = [(country_name(code), count) for code, count in spread.countries]
    languages = [(language_name(code), count) for code, count in spread.languages]
    return {
        "spread": spread,
        "countries": countries[:NAMED],
        "more_countries": len(countries) - len(countries[:NAMED]),
        "languages": languages[:NAMED],
        "more_languages": len(languages) - len(languages[:NAMED]),
        "country_count": len(countries),
        "language_count": len(languages),
    }
