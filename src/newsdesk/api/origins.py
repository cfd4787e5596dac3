"""The API's shape of where a story's coverage comes from (``desk.stories.coverage``): its
sources counted by country, world region and language, with names in the request's language."""

from __future__ import annotations

from ninja import Schema

from newsdesk.desk.countries import country_name, language_name, region_name
from newsdesk.desk.stories.coverage import Spread


class OriginCount(Schema):
    code: str  # ISO 3166-1 alpha-2, a world region's code, or a language's primary subtag
    name: str  # in the request's language
    sources: int


class OriginsOut(Schema):
    sources: int  # the story's sources
    countries: list[OriginCount]  # most sources first
    regions: list[OriginCount]
    languages: list[OriginCount]
    unknown_country: int  # sources whose country is not known (in no country or region)
    unknown_language: int  # sources whose language is not known


def origins_out(spread: Spread) -> OriginsOut:
    return OriginsOut(
        sources=spread.sources,
        countries=[
            OriginCount(code=c, name=country_name(c), sources=n) for c, n in spread.countries
        ],
        regions=[OriginCount(code=c, name=region_name(c), sources=n) for c, n in spread.regions],
        languages=[
            OriginCount(code=c, name=language_name(c), sources=n) for c, n in spread.languages
        ],
        unknown_country=spread.unknown_country,
        unknown_language=spread.unknown_language,
    )
