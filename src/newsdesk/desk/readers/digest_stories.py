"""The stories of a reader's e-mail digest: the top stories of what they follow.

A digest covers its period's window (a day or a week) ending at the time it is made. The
candidates are the ready articles of the window in the reader's languages (an article whose
language is not known counts), placed in a live story, that match what the reader follows
(``desk.readers.matching``: a followed source, story, topic or place, the profile's region
counted as a followed place; muted sources left out).

Each story scores ``interest * breadth * recency``:

- ``interest = 4 * [a followed story] + 2 * (distinct kinds of follow matched) + min(matched
  articles, 3)``;
- ``breadth = 1 + log2(source_count)``: the more sources cover it, the bigger the story;
- ``recency = 1 / (1 + hours_since_its_newest_article / 24)``.

A reader who follows nothing gets the stories of their profile's region ranked so, or when it
has none (or they set no region) the top stories of their languages (``top_stories``); the
digest says so (``Selection.fallback``, ``Selection.region``). The brief of a story
is its stored AI brief when one is ready (first sentences), else the lead article's description
or the start of its text: a digest never waits on, or spends, a model call.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.desk.editions import reader_languages
from newsdesk.desk.media import article_image
from newsdesk.desk.places.reading import tagged_article_ids
from newsdesk.desk.readers.matching import Follows, matching_articles, reader_follows
from newsdesk.desk.reading import in_languages
from newsdesk.desk.stories.reading import top_stories
from newsdesk.pipeline.summarize import AiText
from newsdesk.stories.models import Story
from newsdesk.summaries.models import Summary, SummaryStatus

MATCHED_ARTICLES = 2000
BRIEF_CHARS = 280
BRIEF_SENTENCES = 2


@dataclass(frozen=True)
class DigestStory:
    """One story as a digest shows it."""

    story: Story
    headline: str
    source_count: int
    brief: str
    lead_source: str
    updated_at: datetime | None
    image_path: str  # the site's own JPEG copy of the lead image ("" when none is ready)
    language: str  # the lead article's language code ("" when not known)
    reasons: tuple[str, ...]  # which follows matched: source, story, topic, place


@dataclass(frozen=True)
class Selection:
    stories: list[DigestStory]
    fallback: bool  # the reader follows nothing: these are the top stories of their languages
    region: str = ""  # ... of this region (the profile's), when it had any


def digest_stories(user: User, now: datetime, window: timedelta, count: int) -> Selection:
    """The top ``count`` stories for the reader's digest covering ``window`` before ``now``."""
    follows = reader_follows(user)
    languages = reader_languages(user)
    if not follows.empty:
        return Selection(_matched(user, follows, languages, now, window, count), fallback=False)
    if follows.home:
        regional = _matched(user, follows, languages, now, window, count)
        if regional:
            return Selection(regional, fallback=True, region=follows.home)
    cards = top_stories(now, count, languages)
    shown = [_shown(card.story, card.lead, ()) for card in cards]
    return Selection(shown, fallback=True)


def _matched(
    user: User,
    follows: Follows,
    languages: list[str],
    now: datetime,
    window: timedelta,
    count: int,
) -> list[DigestStory]:
    """The stories of the window with articles that match the follows, best first."""
    articles = Article.objects.filter(
        status=ArticleStatus.READY,
        published_at__gte=now - window,
        published_at__lte=now,
        placement__story__merged_into__isnull=True,
        placement__duplicate_of__isnull=True,
    ).filter(in_languages(languages, unknown=True))
    articles = matching_articles(user, follows, articles).distinct()
    rows = articles.values_list("id", "source_id", "placement__story_id", "title", "description")
    hits: dict[int, set[str]] = defaultdict(set)
    matched: dict[int, int] = defaultdict(int)
    topic_words = _words(follows.topics)
    place_words = _words(follows.places)
    tagged_topics = _tagged_topics(follows.topics, now - window)
    tagged_places = _tagged_places(follows.place_ids, now - window)
    for article_id, source_id, story_id, title, description in rows[:MATCHED_ARTICLES]:
        text = f"{title}\n{description}"
        reasons = hits[story_id]
        matched[story_id] += 1
        if source_id in follows.sources:
            reasons.add("source")
        if story_id in follows.stories:
            reasons.add("story")
        if article_id in tagged_topics or any(word.search(text) for word in topic_words):
            reasons.add("topic")
        if article_id in tagged_places or any(word.search(text) for word in place_words):
            reasons.add("place")
    return _ranked(hits, matched, now, count)


def _ranked(
    hits: dict[int, set[str]], matched: dict[int, int], now: datetime, count: int
) -> list[DigestStory]:
    stories = Story.objects.filter(pk__in=list(hits), merged_into__isnull=True).select_related(
        "lead_article", "lead_article__source", "lead_article__image"
    )
    scored = []
    for story in stories:
        reasons = hits[story.pk]
        interest = 4.0 * ("story" in reasons) + 2.0 * len(reasons) + min(matched[story.pk], 3)
        breadth = 1 + math.log2(max(story.source_count, 1))
        newest = story.last_published_at or now
        hours = max((now - newest).total_seconds() / 3600, 0.0)
        score = interest * breadth / (1 + hours / 24)
        scored.append((score, newest, story.pk, story))
    scored.sort(key=lambda item: item[:3], reverse=True)
    shown = []
    for _, _, _, story in scored[:count]:
        if story.lead_article is not None:
            shown.append(_shown(story, story.lead_article, tuple(sorted(hits[story.pk]))))
    return shown


def _tagged_topics(topics: list[str], since: datetime) -> set[int]:
    if not topics:
        return set()
    return set(
        Article.objects.filter(topics__slug__in=topics, published_at__gte=since).values_list(
            "id", flat=True
        )
    )


def _tagged_places(place_ids: list[int], since: datetime) -> set[int]:
    if not place_ids:
        return set()
    return set(
        Article.objects.filter(
            pk__in=tagged_article_ids(place_ids), published_at__gte=since
        ).values_list("id", flat=True)
    )


def _words(terms: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE) for term in terms]


def _shown(story: Story, lead: Article, reasons: tuple[str, ...]) -> DigestStory:
    image = article_image(lead)
    return DigestStory(
        story=story,
        headline=story.headline or lead.title,
        source_count=max(story.source_count, 1),
        brief=_brief(story) or _lead_text(lead),
        lead_source=lead.source.name,
        updated_at=story.last_published_at,
        image_path=image.share_path if image else "",
        language=lead.language or "",
        reasons=reasons,
    )


def _brief(story: Story) -> str:
    """The first supported sentences of the story's newest ready AI brief, if any."""
    summary = (
        Summary.objects.filter(story=story, task="brief", status=SummaryStatus.READY)
        .order_by("-updated_at")
        .first()
    )
    if summary is None:
        return ""
    text = AiText.from_json(summary.result)
    sentences = [s.text for s in text.sentences if s.supported is not False and s.cites]
    return _cut(" ".join(sentences[:BRIEF_SENTENCES]))


def _lead_text(lead: Article) -> str:
    return _cut(lead.description or "")


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= BRIEF_CHARS:
        return text
    return text[:BRIEF_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
