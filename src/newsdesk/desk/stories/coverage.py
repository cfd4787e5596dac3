"""Where a story's coverage comes from: its sources counted by country, region and language.

``story_spreads`` answers for many stories with one aggregate query: the distinct rows of
(story, source, the article's language, the source's country and languages) over the stories'
ready articles, copies included (a republished text is coverage too). Counting is then done
here, in Python, on those few rows:

- a source counts once for its country (the source's fact, decision 59) and once for the
  world region of that country (``desk.countries``);
- a source counts once for each language it covered the story in: an article's detected
  language, else the source's language, else the first of the languages its facts list;
- a source whose country or language is not known is counted as unknown, apart, so the
  readers see it and blindspots never rest on it.

Counts are of sources, not articles: five articles of one publisher are one voice.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsdesk.articles.models import ArticleStatus
from newsdesk.desk.countries import region_of
from newsdesk.pipeline.lang.scripts import primary_subtag
from newsdesk.stories.models import Placement


@dataclass(frozen=True)
class Spread:
    """A story's sources by country, region and language: (code, sources), most first, then
    by code; unknowns are not among them but counted in ``unknown_*``."""

    sources: int
    countries: tuple[tuple[str, int], ...]
    regions: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    unknown_country: int
    unknown_language: int

    def count(self, kind: str, code: str) -> int:
        """The sources of one country, region or language ("country", "region", "language")."""
        rows = {"country": self.countries, "region": self.regions, "language": self.languages}
        return dict(rows[kind]).get(code, 0)


EMPTY = Spread(0, (), (), (), 0, 0)


def covered_language(article_language: str, language: str, languages: str) -> str:
    """The language a source covered a story in: the article's, else the source's own, else
    the first its facts list ("" when none is known)."""
    listed = [part for part in languages.replace(";", ",").split(",") if part.strip()]
    for candidate in (article_language, language, *listed[:1]):
        if primary_subtag(candidate):
            return primary_subtag(candidate)
    return ""


def story_spreads(story_ids: Iterable[int]) -> dict[int, Spread]:
    """The spread of each story (stories without ready articles are left out); one query."""
    ids = list(story_ids)
    if not ids:
        return {}
    rows = (
        Placement.objects.filter(story_id__in=ids, article__status=ArticleStatus.READY)
        .values_list(
            "story_id",
            "article__source_id",
            "article__language",
            "article__source__country",
            "article__source__language",
            "article__source__languages",
        )
        .distinct()
    )
    countries: dict[int, dict[int, str]] = defaultdict(dict)
    languages: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for story, source, article_language, country, language, listed in rows:
        countries[story][source] = (country or "").upper()
        languages[story][source].add(covered_language(article_language, language, listed))
    return {story: _spread(countries[story], languages[story]) for story in countries}


def story_spread(story_id: int) -> Spread:
    """The spread of one story (``EMPTY`` without ready articles)."""
    return story_spreads([story_id]).get(story_id, EMPTY)


def _spread(countries: dict[int, str], languages: dict[int, set[str]]) -> Spread:
    by_country = Counter(code for code in countries.values() if code)
    by_region = Counter(region_of(code) for code in countries.values() if region_of(code))
    by_language = Counter(code for codes in languages.values() for code in codes if code)
    unknown_language = sum(1 for codes in languages.values() if not codes - {""})
    return Spread(
        sources=len(countries),
        countries=_ranked(by_country),
        regions=_ranked(by_region),
        languages=_ranked(by_language),
        unknown_country=sum(1 for code in countries.values() if not code),
        unknown_language=unknown_language,
    )


def _ranked(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda row: (-row[1], row[0])))
