"""Publisher credit: which Source an article is credited to once its page has been read.

A feed entry is first credited to its feed's source. Many feeds carry other publishers' articles
(an aggregator, a newsletter, a link roundup), so when the page is fetched its publisher is read
from the page itself: the final address's registered domain after redirects (which no page can
fake) names the publisher, and the page's own name for itself (``og:site_name``, the JSON-LD
publisher, ``application-name``, vetted by ``pipeline.extract.publisher``) names a new Source.

The feed keeps its credit when the page is plainly its own publisher's: the page's registered
domain is one of the feed's (its source's domain and home page, the feed's address and site
address), or the page calls itself by the feed source's name (a publisher that moved to another
domain). The feed an article came through stays on ``Article.feed``, so "via" is never lost.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Case, IntegerField, Q, Value, When

from newsdesk.articles.models import Article
from newsdesk.desk.sources import domain_of, source_for_url
from newsdesk.desk.stories.list_version import story_list_changed
from newsdesk.desk.stories.upkeep import refresh_story
from newsdesk.errors import InvalidURLError
from newsdesk.pipeline.fetch import check_url
from newsdesk.pipeline.normalize import registered_domain
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story
from newsdesk.types import ExtractedArticle


def credited_source(article: Article, page: ExtractedArticle) -> Source:
    """The Source to credit for ``page``, the extracted page of ``article`` (its final address
    is ``page.url``). Creates the publisher's Source on first sight."""
    via = article.feed.source if article.feed is not None else article.source
    owner = registered_domain(page.url)
    if not owner or owner in own_domains(article, via) or _same_name(page.publisher, via.name):
        return via
    try:
        address = check_url(page.url)
    except InvalidURLError:
        return via
    return publisher_source(address, page.publisher)


def own_domains(article: Article, via: Source) -> set[str]:
    """The registered domains of the feed an article came through and of its source."""
    feed = article.feed
    addresses = [via.domain, via.home_url]
    if feed is not None:
        addresses += [feed.url, feed.html_url]
    return {registered_domain(a) for a in addresses if a} - {""}


def _same_name(publisher: str, name: str) -> bool:
    return bool(publisher) and publisher.casefold() == " ".join(name.split()).casefold()


def publisher_source(url: str, name: str = "") -> Source:
    """The Source of the publisher at ``url`` (checked already), created on first sight.

    Found by the host (``www.`` aside), then by the registered domain, then by a subdomain of it
    (a source known by its feed host, ``rss.example.com``), oldest first. A new one is named
    ``name`` when the page gave a believable one, else its host, and keeps its home page.
    """
    host = domain_of(url)
    owner = registered_domain(url)
    rank = Case(
        When(domain=host, then=Value(0)),
        When(domain=owner, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    matches = Q(domain__in={host, owner}) | Q(domain__endswith=f".{owner}")
    found = Source.objects.filter(matches).annotate(rank=rank).order_by("rank", "id").first()
    if found is not None:
        return _named(found, name)
    scheme = url.split(":", 1)[0]
    return source_for_url(url, name=name or host, home_url=f"{scheme}://{_netloc(url)}/")


def _named(source: Source, name: str) -> Source:
    """A source known so far only by its domain takes the name its pages give."""
    if name and source.name == source.domain:
        Source.objects.filter(pk=source.pk, name=source.domain).update(name=name[:200])
        story_list_changed()
        source.name = name[:200]
    return source


def _netloc(url: str) -> str:
    return url.split("/", 3)[2]


def recount_stories(article_id: int, now: datetime) -> None:
    """Count the sources of the stories an article is in again (its credit changed)."""
    for story in Story.objects.filter(placements__article_id=article_id):
        refresh_story(story, now)
