"""Countries by name and by world region, for coverage lines and blindspots.

``data/countries.json`` names each country (ISO 3166-1 alpha-2 code) in the site's languages
and puts it in one of seven world regions (the World Bank's, North Africa with the Middle East).
A code the file does not list keeps its code as its name and belongs to no region: its sources
count for their country but for no region, as sources of an unknown country do.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from django.utils.translation import get_language, get_language_info, gettext_lazy

from newsdesk.pipeline.lang.scripts import primary_subtag

#: The world regions' names, as readers read them.
REGION_NAMES = {
    "africa": gettext_lazy("Sub-Saharan Africa"),
    "asia_pacific": gettext_lazy("East Asia and the Pacific"),
    "europe": gettext_lazy("Europe and Central Asia"),
    "latam": gettext_lazy("Latin America and the Caribbean"),
    "mena": gettext_lazy("Middle East and North Africa"),
    "north_america": gettext_lazy("North America"),
    "south_asia": gettext_lazy("South Asia"),
}


@cache
def _data() -> dict[str, Any]:
    text = resources.files("newsdesk.desk").joinpath("data/countries.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    regions = set(data["regions"])
    if regions != set(REGION_NAMES):
        raise ValueError("countries.json: the regions are not those newsdesk names")
    for code, entry in data["countries"].items():
        if entry["region"] not in regions:
            raise ValueError(f"countries.json: {code}: unknown region {entry['region']!r}")
    return data


def regions() -> tuple[str, ...]:
    """The codes of the world regions, in the file's order."""
    return tuple(_data()["regions"])


def region_of(country: str) -> str:
    """The world region of a country code ("" when not known)."""
    entry = _data()["countries"].get(country.upper())
    return str(entry["region"]) if entry else ""


def country_name(code: str, language: str = "") -> str:
    """The country's name in ``language`` (the active one by default; English, then the code,
    when not known)."""
    entry = _data()["countries"].get(code.upper())
    if entry is None:
        return code.upper()
    return str(entry.get(primary_subtag(language or get_language() or "en")) or entry["en"])


def region_name(code: str) -> str:
    """The world region's name in the active language (the code when not known)."""
    return str(REGION_NAMES.get(code, code))


def language_name(code: str) -> str:
    """A language's name in the active language ("ar": "Arabic", "Arabisch", "العربية")."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def country_named(text: str) -> str:
    """The code of the country ``text`` is the code or a name of, in any of the file's
    languages, case ignored; "" when it names none."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return ""
    for code, entry in _data()["countries"].items():
        names = [code, *(value for key, value in entry.items() if key != "region")]
        if any(name.casefold() == wanted for name in names):
            return str(code)
    return ""
