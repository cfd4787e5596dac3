"""API routes: topics (every topic, with how many articles each has) and a topic's stories.

Names are the topics' English names; apps show their own by ``slug``, which never changes. A
topic's stories are the live stories with an article about the topic or a finer one under it,
the most recently updated first, in cursor pages. A signed-in reader who chose languages gets
only stories with an article in one of them, and that answer is never stored by a cache.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from newsdesk.api.auth import optional_auth
from newsdesk.api.caching import public, vary_by_caller
from newsdesk.api.errors import ApiError
from newsdesk.api.pagination import NewestFirst
from newsdesk.api.schemas import ErrorBody, StoryCard, lead_story_card
from newsdesk.desk import topics as topic_desk
from newsdesk.desk.editions import reader_languages, stories_in_languages
from newsdesk.stories.models import Story

router = Router()


class TopicOut(Schema):
    slug: str
    name: str  # English; apps translate by slug
    parent: str | None  # None for the eight top-level topics
    article_count: int  # articles tagged with the topic itself
    web_url: str
    feed_url: str  # RSS of the topic's newest stories


@router.get("", response={200: list[TopicOut]}, auth=optional_auth, summary="Every topic")
@public
def list_topics(request: HttpRequest) -> list[TopicOut]:
    """Every topic, each top-level topic followed by the finer ones under it."""
    counts = topic_desk.topic_counts()
    return [
        TopicOut(
            slug=topic.slug,
            name=topic.name,
            parent=topic.parent,
            article_count=counts.get(topic.slug, 0),
            web_url=request.build_absolute_uri(reverse("web:topic", args=[topic.slug])),
            feed_url=request.build_absolute_uri(reverse("web:topic-feed", args=[topic.slug])),
        )
        for top in topic_desk.top_level()
        for topic in (top, *topic_desk.finer(top.slug))
    ]


@router.get(
    "/{slug}/stories",
    response={200: list[StoryCard], 404: ErrorBody},
    auth=optional_auth,
    summary="A topic's stories",
)
@paginate(NewestFirst, ordering=("-last_published_at", "-id"), card=lead_story_card, screened=True)
def topic_stories(request: HttpRequest, response: HttpResponse, slug: str) -> QuerySet[Story]:
    """Live stories about the topic (or a finer topic under it), the most recently updated
    first; in the signed-in reader's languages when they chose some."""
    if topic_desk.topic(slug) is None:
        raise ApiError(404, "No such topic")
    languages = reader_languages(request.user)
    vary_by_caller(request, response, personal=bool(languages))
    return stories_in_languages(topic_desk.topic_stories(slug), languages)
