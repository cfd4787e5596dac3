"""Editions (a language and a country, such as en-GB or de-DE) and the reader's languages.

An edition is a home page for the readers of one language in one country: the stories with
articles in its language come first, and among them a story ranks up by the share of its
articles that come from sources of the country or are tagged with the country (its
``ArticlePlace`` rows).

Each story scores ``source_count / (hours_since_last + 2) ** 1.5 * (1 + HOME_BOOST * home)``,
the home page's formula (``top_stories``) raised by ``home``, the share (0 to 1) of the story's
articles that belong to the country. Candidates are the ``CANDIDATES`` most recently updated
live stories of the language; stories in other languages follow, newest first.

A reader's languages (``Reader.languages``; an empty list means every language) narrow what the
reader's lists show: ``in_languages`` is the filter every list applies, where "en" takes "en-GB".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import get_language_info

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.reading import CARD_FIELDS, in_languages
from newsdesk.desk.stories.reading import STORY_FIELDS, StoryCard
from newsdesk.pipeline.lang import primary_subtag
from newsdesk.places.models import ArticlePlace
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Placement, Story

CANDIDATES = 200
OTHERS = 40
HOME_BOOST = 2.0
EDITION_COOKIE = "newsdesk_edition"


@dataclass(frozen=True)
class Edition:
    code: str  # "en-GB": the language code, a hyphen, the country code
    language: str  # "en"
    country: str  # "GB", ISO 3166-1 alpha-2
    name: str  # in its own language: "Deutsch — Deutschland"
    direction: str = "ltr"


EDITIONS: tuple[Edition, ...] = (
    Edition("en-GB", "en", "GB", "English — United Kingdom"),
    Edition("en-US", "en", "US", "English — United States"),
    Edition("en-IN", "en", "IN", "English — India"),
    Edition("en-AU", "en", "AU", "English — Australia"),
    Edition("de-DE", "de", "DE", "Deutsch — Deutschland"),
    Edition("de-AT", "de", "AT", "Deutsch — Österreich"),
    Edition("fr-FR", "fr", "FR", "Français — France"),
    Edition("es-ES", "es", "ES", "Español — España"),
    Edition("es-MX", "es", "MX", "Español — México"),
    Edition("it-IT", "it", "IT", "Italiano — Italia"),
    Edition("pt-BR", "pt", "BR", "Português — Brasil"),
    Edition("pt-PT", "pt", "PT", "Português — Portugal"),
    Edition("nl-NL", "nl", "NL", "Nederlands — Nederland"),
    Edition("pl-PL", "pl", "PL", "Polski — Polska"),
    Edition("uk-UA", "uk", "UA", "Українська — Україна"),
    Edition("ru-RU", "ru", "RU", "Русский — Россия"),
    Edition("tr-TR", "tr", "TR", "Türkçe — Türkiye"),
    Edition("ar-EG", "ar", "EG", "العربية — مصر", "rtl"),
    Edition("ar-SA", "ar", "SA", "العربية — السعودية", "rtl"),
    Edition("ja-JP", "ja", "JP", "日本語 — 日本"),
)
_BY_CODE = {edition.code.lower(): edition for edition in EDITIONS}


def edition_by_code(code: str) -> Edition | None:
    """The edition of a code, case ignored ("de-de" finds de-DE), or None."""
    return _BY_CODE.get((code or "").strip().lower())


def editions_by_language() -> list[tuple[str, list[Edition]]]:
    """Editions grouped by language, in the order of ``EDITIONS``."""
    groups: dict[str, list[Edition]] = defaultdict(list)
    for edition in EDITIONS:
        groups[edition.language].append(edition)
    return list(groups.items())


@dataclass(frozen=True)
class EditionCard(StoryCard):
    in_language: bool
    home_share: float


def edition_stories(edition: Edition, now: datetime, count: int = 20) -> list[EditionCard]:
    """The edition's stories, best first (see the module docstring for the order).

    Candidates are scored from three columns; only the chosen stories are loaded whole.
    """
    in_language = Placement.objects.filter(
        in_languages([edition.language], "article__language"),
        story_id=OuterRef("pk"),
        article__status=ArticleStatus.READY,
    )
    live = Story.objects.filter(
        merged_into__isnull=True,
        last_published_at__isnull=False,
        lead_article__status=ArticleStatus.READY,
    ).order_by("-last_published_at", "-id")
    own = list(
        live.filter(Exists(in_language)).values_list("pk", "source_count", "last_published_at")[
            :CANDIDATES
        ]
    )
    home = home_shares([pk for pk, _, _ in own], edition.country)
    ranked = sorted(
        ((_score(sources, last, now, home.get(pk, 0.0)), last, pk) for pk, sources, last in own),
        reverse=True,
    )[:count]
    chosen = [(pk, True, home.get(pk, 0.0)) for _, _, pk in ranked]
    if len(chosen) < count:
        others = live.exclude(Exists(in_language)).values_list("pk", flat=True)
        chosen += [(pk, False, 0.0) for pk in others[: min(OTHERS, count - len(chosen))]]
    lead_fields = (f"lead_article__{name}" for name in CARD_FIELDS)
    loaded = Story.objects.select_related(
        "lead_article", "lead_article__source", "lead_article__image"
    ).only(*STORY_FIELDS, *lead_fields)
    stories = loaded.in_bulk([pk for pk, _, _ in chosen])
    return [_card(stories[pk], now, mine, share) for pk, mine, share in chosen if pk in stories]


def _score(sources: int, last: datetime | None, now: datetime, home: float) -> float:
    hours = max((now - (last or now)).total_seconds() / 3600, 0.0)
    return sources / (hours + 2) ** 1.5 * (1 + HOME_BOOST * home)


def _card(story: Story, now: datetime, in_language: bool, home: float) -> EditionCard:
    assert story.lead_article is not None and story.last_published_at is not None
    score = _score(story.source_count, story.last_published_at, now, home)
    return EditionCard(story, story.lead_article, score, in_language, home)


def home_shares(story_ids: list[int], country: str) -> dict[int, float]:
    """For each story, the share of its ready articles from the country's sources or tagged
    with the country: one query for the stories' articles and their sources' countries, one for
    which of those articles are tagged with the country."""
    country = country.upper()
    # The status is read, not filtered on: a filter on it lets SQLite start from every ready
    # article instead of the stories' placements.
    rows = [
        (story_id, article_id, source_country)
        for story_id, article_id, source_country, status in Placement.objects.filter(
            story_id__in=story_ids
        )
        .values_list("story_id", "article_id", "article__source__country", "article__status")
        .order_by()
        if status == ArticleStatus.READY
    ]
    tagged: set[int] = set()
    if rows:
        tagged = set(
            ArticlePlace.objects.filter(
                article_id__in=[article_id for _, article_id, _ in rows],
                place__country_code=country,
            ).values_list("article_id", flat=True)
        )
    totals: dict[int, int] = defaultdict(int)
    homes: dict[int, int] = defaultdict(int)
    for story_id, article_id, source_country in rows:
        totals[story_id] += 1
        if (source_country or "").upper() == country or article_id in tagged:
            homes[story_id] += 1
    return {pk: homes[pk] / total for pk, total in totals.items()}


def edition_articles(edition: Edition) -> QuerySet[Article]:
    """The edition language's ready articles as cards, newest first (copies included)."""
    return (
        Article.objects.filter(in_languages([edition.language]), status=ArticleStatus.READY)
        .select_related("source", "image")
        .only(*CARD_FIELDS)
        .order_by("-published_at", "-id")
    )


# --- The reader's languages ---------------------------------------------------------------


def reader_languages(user: AbstractBaseUser | AnonymousUser | None) -> list[str]:
    """The languages a signed-in reader chose; empty (every language) for everyone else."""
    if user is None or not user.is_authenticated:
        return []
    codes = Reader.objects.filter(user_id=user.pk).values_list("languages", flat=True).first()
    return [str(code) for code in codes or [] if str(code).strip()]


def stories_in_languages(
    stories: QuerySet[Story], codes: Sequence[str], *, unknown: bool = True
) -> QuerySet[Story]:
    """The stories with a ready article in one of the languages (all of them when none given);
    with ``unknown``, an article whose language is not known counts too (a reader's choice)."""
    if not codes:
        return stories
    in_language = Placement.objects.filter(
        in_languages(codes, "article__language", unknown=unknown),
        story_id=OuterRef("pk"),
        article__status=ArticleStatus.READY,
    )
    return stories.filter(Exists(in_language))


def stories_in_country(stories: QuerySet[Story], country: str) -> QuerySet[Story]:
    """The stories with a ready article from a source of the country or tagged with it."""
    placed = Placement.objects.filter(
        _at_home(country), story_id=OuterRef("pk"), article__status=ArticleStatus.READY
    )
    return stories.filter(Exists(placed))


def _at_home(country: str) -> Q:
    """Placements whose article comes from a source of the country or is tagged with it (the
    places app's rows, named in the text or inherited from a city or region of the country)."""
    named = ArticlePlace.objects.filter(
        article_id=OuterRef("article_id"), place__country_code__iexact=country
    )
    return Q(article__source__country__iexact=country) | Q(Exists(named))


def articles_in_languages(articles: QuerySet[Article], codes: Sequence[str]) -> QuerySet[Article]:
    """The articles in one of a reader's languages, or in no known language (all when none)."""
    return articles.filter(in_languages(codes, unknown=True)) if codes else articles


def article_languages() -> list[str]:
    """The languages (base codes, "en" for "en-GB") that ready articles are in, commonest first."""
    rows = (
        Article.objects.filter(status=ArticleStatus.READY)
        .exclude(language="")
        .values("language")
        .annotate(n=Count("id"))
        .values_list("language", "n")
    )
    counts: dict[str, int] = defaultdict(int)
    for code, n in rows:
        counts[primary_subtag(code)] += n
    return sorted((code for code in counts if code), key=lambda code: (-counts[code], code))


def language_name(code: str) -> str:
    """A language's name in that language ("Deutsch"), or the code when Django does not know it."""
    for candidate in (code, primary_subtag(code)):
        try:
            return str(get_language_info(candidate)["name_local"])
        except KeyError:
            continue
    return code


def language_choices(keep: Sequence[str] = ()) -> list[tuple[str, str]]:
    """Checkbox choices: the languages with articles, plus those in ``keep`` (a reader's own)."""
    codes = list(dict.fromkeys([*article_languages(), *(c.lower() for c in keep if c)]))
    return [(code, f"{language_name(code)} ({code})") for code in codes]
