"""Topic pages: every topic (``/topics/``), one topic's stories (``/topic/<slug>/``), its RSS,
and the topic chips of the story and article pages.

Topic names come from the pipeline in English; the names readers see are translated here, by
slug (``TOPIC_NAMES``), falling back to the pipeline's name for a topic not listed. A topic page
lists its stories newest first, or broadest first (``?order=top``), paged by number like the home
page. The follow button follows the topic's slug (``FollowKind.TOPIC``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article
from newsdesk.desk import topics as topic_desk
from newsdesk.desk.editions import reader_languages, stories_in_languages
from newsdesk.desk.readers.following import FollowEntry
from newsdesk.desk.readers.rules import screen_for
from newsdesk.pipeline.topics import Topic
from newsdesk.readers.models import FollowKind
from newsdesk.sources.models import RightsPolicy
from newsdesk.stories.models import Story
from newsdesk.web.links import story_path
from newsdesk.web.syndication import ConditionalFeed, image_enclosures, image_fields
from newsdesk.web.views import page_number

PAGE_SIZE = 20
FEED_SIZE = 50
MAX_PAGE = 500

TOPIC_NAMES = {
    "world": _("World"),
    "world-conflict": _("Conflict and war"),
    "world-diplomacy": _("Diplomacy"),
    "world-disasters": _("Disasters"),
    "world-migration": _("Migration"),
    "politics": _("Politics"),
    "politics-elections": _("Elections"),
    "politics-government": _("Government"),
    "politics-law": _("Law and courts"),
    "business": _("Business"),
    "business-markets": _("Markets"),
    "business-economy": _("Economy"),
    "business-companies": _("Companies"),
    "business-energy": _("Energy"),
    "technology": _("Technology"),
    "technology-ai": _("Artificial intelligence"),
    "technology-devices": _("Phones and devices"),
    "technology-internet": _("Internet and social media"),
    "technology-security": _("Cybersecurity"),
    "technology-gaming": _("Video games"),
    "science": _("Science"),
    "science-space": _("Space"),
    "science-climate": _("Climate and environment"),
    "science-nature": _("Nature and research"),
    "health": _("Health"),
    "health-medicine": _("Medicine"),
    "health-outbreaks": _("Outbreaks"),
    "health-living": _("Diet and fitness"),
    "sports": _("Sports"),
    "sports-football": _("Football"),
    "sports-american-football": _("American football"),
    "sports-basketball": _("Basketball"),
    "sports-baseball": _("Baseball"),
    "sports-tennis": _("Tennis"),
    "sports-cricket": _("Cricket"),
    "sports-motorsport": _("Motor sport"),
    "sports-golf": _("Golf"),
    "sports-olympics": _("Olympics"),
    "entertainment": _("Entertainment"),
    "entertainment-film": _("Film"),
    "entertainment-music": _("Music"),
    "entertainment-tv": _("Television"),
    "entertainment-celebrity": _("Celebrities"),
    "entertainment-books": _("Books and arts"),
}


@dataclass(frozen=True)
class TopicLink:
    """A topic as pages show it: its slug, its name in the reader's language, its address."""

    slug: str
    name: str
    url: str
    count: int = 0


def topic_name(topic: Topic) -> str:
    return str(TOPIC_NAMES.get(topic.slug, topic.name))


def topic_link(slug: str, count: int = 0) -> TopicLink | None:
    found = topic_desk.topic(slug)
    if found is None:
        return None
    return TopicLink(slug, topic_name(found), reverse("web:topic", args=[slug]), count)


def topic_links(slugs: list[str]) -> list[TopicLink]:
    """Chips for a list of slugs (unknown slugs left out)."""
    return [link for slug in slugs if (link := topic_link(slug)) is not None]


def topics_page(request: HttpRequest) -> HttpResponse:
    """Every topic, grouped under the eight top-level ones, with how many articles each has."""
    counts = topic_desk.topic_counts()
    groups = []
    for top in topic_desk.top_level():
        # An article under a finer topic is under its parent too: the parent's count is the
        # group's.
        head = topic_link(top.slug, counts.get(top.slug, 0))
        children = [
            topic_link(child.slug, counts.get(child.slug, 0))
            for child in topic_desk.finer(top.slug)
        ]
        groups.append((head, [child for child in children if child is not None]))
    return render(request, "web/topics.html", {"groups": groups})


def topic_page(request: HttpRequest, slug: str) -> HttpResponse:
    found = topic_desk.topic(slug)
    if found is None:
        raise Http404("No such topic")
    order = topic_desk.BROADEST if request.GET.get("order") == "top" else topic_desk.NEWEST
    number = page_number(request, MAX_PAGE)
    stories = _reader_stories(request, slug, order)
    start = (number - 1) * PAGE_SIZE
    rows = list(stories[start : start + PAGE_SIZE + 1])
    parent = topic_link(found.parent) if found.parent else None
    context = {
        "topic": found,
        "topic_name": topic_name(found),
        "parent": parent,
        "finer": topic_links([t.slug for t in topic_desk.finer(slug)]),
        "order": order,
        "cards": [
            _Card(story)
            for story in screen_for(request.user).stories(
                rows[:PAGE_SIZE], lambda story: story.lead_article_id
            )
        ],
        "number": number,
        "next_number": number + 1 if len(rows) > PAGE_SIZE else None,
        "feed_url": reverse("web:topic-feed", args=[slug]),
    }
    return render(request, "web/topic.html", context)


@dataclass(frozen=True)
class _Card:
    """What ``_story_card.html`` reads: the story and its lead article."""

    story: Story

    @property
    def lead(self) -> Article | None:
        return self.story.lead_article


def _reader_stories(request: HttpRequest, slug: str, order: str) -> QuerySet[Story]:
    """The topic's stories, in the signed-in reader's languages when they chose some."""
    return stories_in_languages(
        topic_desk.topic_stories(slug, order), reader_languages(request.user)
    )


class TopicStoriesFeed(ConditionalFeed[Story, Topic]):
    """RSS of a topic's newest stories, each linking to its story page; author, categories and
    image are the lead article's (its topics loaded for all stories in one query)."""

    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        found = topic_desk.topic(slug)
        if found is None:
            raise Http404("No such topic")
        return found

    def title(self, obj: Topic) -> str:
        return f"newsdesk: {topic_name(obj)}"

    def description(self, obj: Topic) -> str:
        return str(_("The newest stories about %(topic)s.") % {"topic": topic_name(obj)})

    def link(self, obj: Topic) -> str:
        return reverse("web:topic", args=[obj.slug])

    def items(self, obj: Topic) -> list[Story]:
        stories = list(topic_desk.topic_stories(obj.slug)[:FEED_SIZE])
        stories = screen_for(None).stories(stories, lambda story: story.lead_article_id)
        leads = [story.lead_article_id for story in stories if story.lead_article_id]
        ranked = topic_desk.ranked_topics_of_articles(leads)
        for story in stories:
            slugs = ranked.get(story.lead_article_id or 0, [])
            found = [t for slug in slugs if (t := topic_desk.topic(slug)) is not None]
            story.feed_topics = [topic_name(t) for t in found]  # type: ignore[attr-defined]
        return stories

    def item_title(self, item: Story) -> str:
        lead = item.lead_article
        return item.headline or (lead.title if lead else "") or str(item)

    def item_description(self, item: Story) -> str:
        lead = item.lead_article
        if lead is None:
            return ""
        if lead.source.rights == RightsPolicy.LINK_ONLY:
            return lead.source.name
        return f"{lead.source.name}: {lead.description}"

    def item_link(self, item: Story) -> str:
        return story_path(item)

    def item_pubdate(self, item: Story) -> datetime | None:
        return item.last_published_at

    def item_updateddate(self, item: Story) -> datetime | None:
        """The story's newest article or its lead's last change, whichever is later."""
        lead = item.lead_article
        times = [t for t in (item.last_published_at, lead.updated_at if lead else None) if t]
        return max(times, default=None)

    def item_author_name(self, item: Story) -> str:
        lead = item.lead_article
        return (lead.byline or lead.source.name) if lead else ""

    def item_categories(self, item: Story) -> list[str]:
        return list(getattr(item, "feed_topics", []))

    def item_enclosures(self, item: Story) -> list[feedgenerator.Enclosure]:
        return image_enclosures(item.lead_article)

    def item_extra_kwargs(self, item: Story) -> dict[str, Any]:
        return image_fields(item.lead_article)


def with_topic_names(entries: list[FollowEntry]) -> list[FollowEntry]:
    """Follow entries whose topic follows (by slug) are labelled with the topic's name; free-text
    topics keep their words."""
    named = []
    for entry in entries:
        found = (
            topic_desk.topic(entry.follow.value) if entry.follow.kind == FollowKind.TOPIC else None
        )
        named.append(replace(entry, label=topic_name(found)) if found else entry)
    return named
