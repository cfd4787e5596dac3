"""What a reader follows, as one query over articles: shared by e-mail digests and webhooks.

``reader_follows`` gathers a reader's follows: the ids of followed sources, the live stories
followed (a merged story counts as the story it went into), followed topic slugs and followed
places (their names and region ids). The profile's region counts as a followed place, as in
"For you", unless the reader follows it as well (``Follows.home`` names it then only when it is
the profile's alone).

``matching_articles`` is the articles that match: from a followed source, placed in a followed
story, tagged with a followed topic or place (or a place inside it), or naming a followed topic
or place in the title or description. Articles of sources the reader muted are always left out,
and so are those the reader's rules (or the site-wide ones) hide among the newest matches
(``newsdesk.desk.readers.rules``, decision 57).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from newsdesk.articles.models import Article
from newsdesk.desk.places.reading import region_ids_for_names, tagged_article_ids
from newsdesk.desk.readers.following import followed_values, muted_source_ids
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.stories.reading import resolve_story
from newsdesk.readers.models import FollowKind, Reader
from newsdesk.sources.models import Source


@dataclass(frozen=True)
class Follows:
    """A reader's follows, resolved to ids where the database needs them."""

    sources: set[int]
    stories: set[int]
    topics: list[str]
    places: list[str]
    place_ids: list[int]
    home: str = ""  # the profile's region, among ``places`` unless followed as well

    @property
    def empty(self) -> bool:
        """Nothing followed (the profile's region aside)."""
        explicit = [place for place in self.places if place != self.home]
        return not (self.sources or self.stories or self.topics or explicit)


def reader_follows(user: User) -> Follows:
    """What ``user`` follows, the profile's region counted as a followed place."""
    slugs = followed_values(user, FollowKind.SOURCE)
    sources = set(Source.objects.filter(slug__in=slugs).values_list("id", flat=True))
    stories: set[int] = set()
    for value in followed_values(user, FollowKind.STORY):
        live = resolve_story(int(value)) if value.isdigit() else None
        if live is not None:
            stories.add(live.pk)
    places = followed_values(user, FollowKind.REGION)
    home = (Reader.objects.filter(user=user).values_list("region", flat=True).first() or "").strip()
    if home and home.lower() not in {p.lower() for p in places}:
        places.append(home)
    else:
        home = ""  # followed as well: not the profile's alone
    return Follows(
        home=home,
        sources=sources,
        stories=stories,
        topics=followed_values(user, FollowKind.TOPIC),
        places=places,
        place_ids=region_ids_for_names(places),
    )


def matching_articles(
    user: User, follows: Follows, articles: QuerySet[Article] | None = None
) -> QuerySet[Article]:
    """The articles among ``articles`` (all by default) that match ``follows``, without those of
    the sources ``user`` muted. May hold an article twice: add ``.distinct()`` where it matters."""
    chosen = Article.objects.all() if articles is None else articles
    found = chosen.filter(_matching(follows)).exclude(source_id__in=muted_source_ids(user))
    screen = screen_for(user)
    if screen.idle:
        return found
    return screen.query(found.order_by("-published_at", "-id")).order_by()


def _matching(follows: Follows) -> Q:
    query = Q(pk__in=[])
    if follows.sources:
        query |= Q(source_id__in=follows.sources)
    if follows.stories:
        query |= Q(placement__story_id__in=follows.stories)
    if follows.topics:
        query |= Q(topics__slug__in=follows.topics)
    if follows.place_ids:
        query |= Q(pk__in=tagged_article_ids(follows.place_ids))
    for term in follows.topics + follows.places:
        query |= Q(title__icontains=term) | Q(description__icontains=term)
    return query
