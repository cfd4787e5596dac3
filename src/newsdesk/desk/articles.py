"""Articles: storing feed entries, fetching and extracting their pages, offline pages.

Life of an article: a feed entry becomes a *pending* Article at once, with the feed's own content
as its body (so nothing is lost if the page never loads) and a claim token; the article job named
by that token fetches the page, extracts it, and makes the article *ready* with the page's body.
A failed page is retried (the scheduler's sweep re-enqueues it after a delay) and after
``MAX_ATTEMPTS`` the article keeps the feed's content; ``body_origin`` records which was used.
An episode (an item with audio or video, ``desk.episodes``) is ready at once with its feed's
show notes: its page is never fetched.

Identity: ``url_hash`` of the canonical URL, unique, so every write is an upsert.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.boilerplate import boilerplate_of, learn_lines, should_learn
from newsdesk.desk.credit import credited_source, recount_stories
from newsdesk.desk.episodes import is_episode, keep_enclosures
from newsdesk.desk.headlines import judge_headline
from newsdesk.desk.leases import Held, claim_ttl, holding
from newsdesk.desk.logos import note_icons
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.prepared_writes import PreparedUpdate
from newsdesk.desk.sources import domain_of, source_for_url
from newsdesk.desk.stories.list_version import story_list_changed
from newsdesk.errors import (
    BlockedAddressError,
    ExtractionError,
    FetchError,
    HTTPStatusError,
    InvalidURLError,
    ResponseTooLargeError,
    RobotsDisallowedError,
)
from newsdesk.pipeline.extract import (
    article_from_fragment,
    extract_article,
    line_fingerprints,
    remove_boilerplate,
)
from newsdesk.pipeline.fetch import Fetcher
from newsdesk.pipeline.lang import detect_language
from newsdesk.pipeline.normalize import canonicalize_url, content_hash
from newsdesk.pipeline.normalize.titles import strip_publisher
from newsdesk.sources.models import Feed, Source
from newsdesk.types import ExtractedArticle, FeedEntry

MAX_ATTEMPTS = 3
# Attempts (counted when a job claims the article) after which a pending article is given up.
MAX_LOST_ATTEMPTS = MAX_ATTEMPTS + 2
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30))
# A queued job that has not started within this time is assumed lost and is queued again.
QUEUE_LEASE = timedelta(hours=1)
# Boilerplate removal that would leave less than this share of a page's words is not applied.
MIN_KEPT_SHARE = 0.5
PAGE_TYPES = ("text/html", "application/xhtml+xml", "")


class Outcome(StrEnum):
    PAGE = "page"  # ready, body from the page
    FEED = "feed"  # ready, body from the feed (the page failed for good)
    RETRY = "retry"  # the page failed for now; the sweep queues it again later
    FAILED = "failed"  # no page and no feed content
    SKIPPED = "skipped"  # the claim was stale: another job owns the article, or it is done
    DUPLICATE = "duplicate"  # the page's canonical URL is an article already stored


@dataclass(frozen=True)
class Claim:
    """The right to process one article, carried by its job."""

    article_id: int
    token: str


@dataclass
class StoredEntries:
    new: int = 0
    updated: int = 0
    claims: list[Claim] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (entry URL, error)


def url_hash(canonical_url: str) -> str:
    return hashlib.blake2b(canonical_url.encode("utf-8"), digest_size=16).hexdigest()


def new_token() -> str:
    return secrets.token_hex(16)


def _by_identity(
    entries: Iterable[FeedEntry], report: StoredEntries
) -> dict[str, tuple[str, FeedEntry]]:
    """Entries keyed by the hash of their canonical URL (first one wins); bad URLs reported."""
    by_hash: dict[str, tuple[str, FeedEntry]] = {}
    for entry in entries:
        try:
            url = canonicalize_url(entry.url)
        except InvalidURLError as e:
            report.failures.append((entry.url, str(e)))
            continue
        by_hash.setdefault(url_hash(url), (url, entry))
    return by_hash


def store_entries(feed: Feed, entries: Iterable[FeedEntry], now: datetime) -> StoredEntries:
    """Upsert a feed's entries as pending articles; return claims for the ones to fetch."""
    report = StoredEntries()
    by_hash = _by_identity(entries, report)
    if not by_hash:
        return report
    existing = {
        a.url_hash: a
        for a in Article.objects.filter(url_hash__in=list(by_hash)).only(
            "id", "url_hash", "entry_hash", "feed_id"
        )
    }
    token = new_token()
    fresh = [
        _pending_article(feed, url, entry, token, now)
        for key, (url, entry) in by_hash.items()
        if key not in existing
    ]
    with transaction.atomic():
        Article.objects.bulk_create(fresh, ignore_conflicts=True)
        changed = [
            (existing[key], entry)
            for key, (_, entry) in by_hash.items()
            if key in existing and _republished(existing[key], entry, feed)
        ]
        for article, entry in changed:
            _mark_republished(article, entry, feed, token, now)
        mine = list(
            Article.objects.filter(url_hash__in=list(by_hash), claim=token).values_list(
                "id", "url_hash", "status"
            )
        )
        renewed = {article.pk for article, _ in changed}
        keep_enclosures(
            {
                pk: by_hash[key][1]
                for pk, key, _ in mine
                if by_hash[key][1].enclosures or pk in renewed
            }
        )
        # Episodes are ready already: the token only told which rows this call wrote.
        episodes = [pk for pk, _, status in mine if status == ArticleStatus.READY]
        if episodes:
            Article.objects.filter(pk__in=episodes, claim=token).update(claim="")
    if episodes:
        story_list_changed()
    report.claims = [Claim(pk, token) for pk, _, status in mine if status == ArticleStatus.PENDING]
    report.updated = len(changed)
    report.new = len(mine) - report.updated
    return report


def _republished(article: Article, entry: FeedEntry, feed: Feed) -> bool:
    """Whether ``entry`` is a changed version of ``article`` as this feed published it.

    Only the feed an article came from (or none, for an imported one) speaks for its changes:
    two feeds listing one article with different summaries must not take turns re-fetching it.
    """
    own = article.feed_id in (None, feed.pk)
    return own and article.entry_hash != _entry_hash(entry)


def _entry_hash(entry: FeedEntry) -> str:
    return content_hash(entry.title, entry.summary, entry.content_html)


def _feed_body(entry: FeedEntry, url: str) -> ExtractedArticle:
    fragment = entry.content_html or entry.summary
    return article_from_fragment(
        fragment, url, title=entry.title, byline=entry.author, published=entry.published
    )


def _pending_article(feed: Feed, url: str, entry: FeedEntry, token: str, now: datetime) -> Article:
    """A new article waiting for its page; an episode is ready (its token is cleared after)."""
    body = _feed_body(entry, url)
    title = entry.title or body.title
    episode = is_episode(entry)
    return Article(
        url=url,
        url_hash=url_hash(url),
        source_id=feed.source_id,
        feed=feed,
        guid=entry.guid[:2000],
        title=title,
        clickbait=judge_headline(title, entry.language),
        byline=entry.author[:500],
        published_at=entry.published or entry.updated or now,
        language=entry.language[:16],
        description=_excerpt(body.text),
        text=body.text,
        html=body.html,
        image_url=entry.image_url,
        body_origin=BodyOrigin.FEED if body.text else BodyOrigin.NONE,
        status=ArticleStatus.READY if episode else ArticleStatus.PENDING,
        entry_hash=_entry_hash(entry),
        content_hash=content_hash(entry.title, body.text),
        claim=token,
        claimed_until=None if episode else now + QUEUE_LEASE,
        fetched_at=now if episode else None,
    )


def _mark_republished(
    article: Article, entry: FeedEntry, feed: Feed, token: str, now: datetime
) -> None:
    """A known item whose feed content changed: update it in place and fetch its page again
    (an episode's notes are its body: it stays ready)."""
    body = _feed_body(entry, article.url)
    episode = is_episode(entry)
    updates: dict[str, object] = {
        "entry_hash": _entry_hash(entry),
        "feed": feed,
        "status": ArticleStatus.READY if episode else ArticleStatus.PENDING,
        "claim": token,
        "claimed_until": None if episode else now + QUEUE_LEASE,
        "attempts": 0,
        "updated_at": now,
    }
    if entry.title:
        updates["title"] = entry.title
        updates["clickbait"] = judge_headline(entry.title, entry.language)
    if entry.updated or entry.published:
        updates["published_at"] = entry.published or entry.updated
    Article.objects.filter(pk=article.pk).update(**updates)
    if body.text:
        origins = [BodyOrigin.FEED, BodyOrigin.NONE, *([BodyOrigin.PAGE] if episode else [])]
        Article.objects.filter(pk=article.pk, body_origin__in=origins).update(
            text=body.text, html=body.html, body_images_linked_at=None, body_origin=BodyOrigin.FEED
        )
    story_list_changed()  # pending again: a story it leads leaves the lists until it is fetched


def _excerpt(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def process_article(claim: Claim, fetcher: Fetcher, now: datetime | None = None) -> Outcome:
    """Fetch and extract the page of a claimed article (see the module docstring)."""
    now = now or timezone.now()
    work_token = new_token()
    taken = _TAKE.run(
        {"claim": work_token, "claimed_until": now + claim_ttl()},
        id=claim.article_id,
        status=ArticleStatus.PENDING,
        claim=claim.token,
    )
    if not taken:
        return Outcome.SKIPPED
    article = _JOB_ARTICLE.run(article_id=claim.article_id)[0]  # claimed above: it is there
    with holding(Held.ARTICLE, article.pk, work_token):  # the heartbeat renews the claim
        try:
            extracted = _fetch_and_extract(article, fetcher)
        except (FetchError, ExtractionError) as e:
            return _page_failed(article, work_token, e, now)
        return _page_extracted(article, work_token, extracted, now)


# Made by every article job: their SQL is built once (desk.prepared, desk.prepared_writes).
_TAKE = PreparedUpdate(
    Article,
    sets=("claim", "claimed_until"),
    increments=("attempts",),
    where=("id", "status", "claim"),
    null=("private_to",),  # as Article.objects: never an article private to a reader
)
_JOB_ARTICLE = PreparedQuery[Article](
    lambda article_id: Article.objects.select_related("source", "feed__source").filter(
        pk=article_id
    ),
    article_id=int,
)


def last_error(article_id: int) -> str:
    """The error of the article's last failed page, for the job's log line."""
    errors = Article.objects.filter(pk=article_id).values_list("last_error", flat=True)
    return next(iter(errors), "")


def _fetch_and_extract(article: Article, fetcher: Fetcher) -> ExtractedArticle:
    result = fetcher.fetch_page(article.url)
    if not result.ok:
        raise _status_error(result.status)
    media_type = result.content_type.split(";")[0].strip().lower()
    if media_type not in PAGE_TYPES:
        raise ExtractionError(f"not an HTML page ({media_type})")
    return extract_article(result.content, result.final_url)


def _status_error(status: int) -> FetchError:
    return HTTPStatusError(f"the page answered HTTP {status}", status)


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, HTTPStatusError):
        return error.status not in (408, 425, 429) and error.status < 500
    permanent = (
        ExtractionError,
        RobotsDisallowedError,
        BlockedAddressError,
        ResponseTooLargeError,
        InvalidURLError,
    )
    return isinstance(error, permanent)


def _page_failed(article: Article, token: str, error: Exception, now: datetime) -> Outcome:
    attempts = article.attempts
    mine = Article.objects.filter(pk=article.pk, claim=token)
    if not _is_permanent(error) and attempts < MAX_ATTEMPTS:
        delay = RETRY_DELAYS[min(attempts - 1, len(RETRY_DELAYS) - 1)]
        mine.update(claim="", claimed_until=now + delay, last_error=str(error)[:2000])
        return Outcome.RETRY
    usable = bool(article.text or article.title)
    mine.update(
        status=ArticleStatus.READY if usable else ArticleStatus.FAILED,
        claim="",
        claimed_until=None,
        last_error=str(error)[:2000],
        fetched_at=now,
    )
    story_list_changed()
    return Outcome.FEED if usable else Outcome.FAILED


def _page_extracted(article: Article, token: str, page: ExtractedArticle, now: datetime) -> Outcome:
    source = credited_source(article, page)
    page = _without_boilerplate(source, page)
    canonical = _adopted_canonical(article, page)
    if canonical != article.url and Article.objects.filter(url_hash=url_hash(canonical)).exists():
        Article.objects.filter(pk=article.pk, claim=token).delete()
        return Outcome.DUPLICATE
    fields = {**_page_fields(article, page, canonical, now, source), "source": source}
    try:
        with transaction.atomic():
            updated = _STORE_PAGE.run(fields, id=article.pk, claim=token)
    except IntegrityError:  # the canonical URL was stored by another job meanwhile
        Article.objects.filter(pk=article.pk, claim=token).delete()
        return Outcome.DUPLICATE
    if updated:
        note_icons(source.pk, page, now)
        story_list_changed()
    if updated and source.pk != article.source_id:
        recount_stories(article.pk, now)
    return Outcome.PAGE


def _without_boilerplate(source: Source, page: ExtractedArticle) -> ExtractedArticle:
    """The page without its source's recurring lines, unless that would gut it.

    Boilerplate is a small part of a page. When the recurring lines are most of the text, the
    source is publishing the same story again (or a wire copy): the lines are content, kept.
    """
    lines = line_fingerprints(page.text)
    pages = learn_lines(source, lines) if should_learn(source.pages_seen) else None
    present = boilerplate_of(source, pages_hint=source.pages_seen + 1, pages=pages) & lines
    if not present:
        return page
    cleaned = remove_boilerplate(page, present)
    if len(cleaned.text.split()) < MIN_KEPT_SHARE * len(page.text.split()):
        return page
    return cleaned


def _adopted_canonical(article: Article, page: ExtractedArticle) -> str:
    """The page's canonical URL when it is a plausible address of the same article.

    Some sites point every page's canonical link at their home page, or at another site; only a
    canonical on the same domain as the URL the article was found under, or as the page it led
    to (a feed's redirecting link), and with a real path, replaces that URL.
    """
    try:
        canonical = canonicalize_url(page.canonical_url)
    except InvalidURLError:
        return article.url
    same_site = domain_of(canonical) in {domain_of(article.url), domain_of(page.url)}
    return canonical if same_site and canonical.split("/", 3)[-1] else article.url


# What a page sets on its article (``_page_fields``), and its source.
PAGE_FIELDS = (
    "url",
    "url_hash",
    "title",
    "clickbait",
    "byline",
    "published_at",
    "language",
    "description",
    "text",
    "html",
    "body_images_linked_at",
    "image_url",
    "body_origin",
    "status",
    "content_hash",
    "claim",
    "claimed_until",
    "last_error",
    "fetched_at",
    "updated_at",
)
_STORE_PAGE = PreparedUpdate(
    Article, sets=(*PAGE_FIELDS, "source"), where=("id", "claim"), null=("private_to",)
)


def _page_fields(
    article: Article, page: ExtractedArticle, canonical: str, now: datetime, source: Source
) -> dict[str, object]:
    """The fields of a ready article from its page; what the feed said (``article``) wins. The
    headline loses the publisher's name that feeds and pages add ("... | Harbour Post")."""
    names = (source.name, source.domain, page.publisher)
    title = strip_publisher(article.title or page.title, names)
    language = detect_language(page.text[:3000]) or page.language or article.language
    return {
        "url": canonical,
        "url_hash": url_hash(canonical),
        "title": title,
        "clickbait": judge_headline(title, language),
        "byline": (article.byline or page.byline)[:500],
        "published_at": article.published_at or page.published or now,
        "language": language[:16],
        "description": page.description or _excerpt(page.text),
        "text": page.text,
        "html": page.html,
        "body_images_linked_at": None,  # linked again by desk.body_images
        "image_url": article.image_url or page.image_url,
        "body_origin": BodyOrigin.PAGE,
        "status": ArticleStatus.READY,
        "content_hash": content_hash(title, page.text),
        "claim": "",
        "claimed_until": None,
        "last_error": "",
        "fetched_at": now,
        "updated_at": now,
    }


def ingest_page(url: str, html: bytes, now: datetime | None = None) -> tuple[Article, bool]:
    """Store a saved page (offline import) as a ready article; returns (article, created)."""
    now = now or timezone.now()
    page = extract_article(html, url)
    address = page.canonical_url or url
    try:
        address = canonicalize_url(address)
    except InvalidURLError:
        if not address.startswith("file:"):
            raise
    source = source_for_url(address, name=page.publisher)
    page = _without_boilerplate(source, page)
    # A saved page has no feed entry: an empty Article lets every field come from the page.
    # Its image is linked again by desk.media (at once when the address is unchanged).
    fields = {
        **_page_fields(Article(), page, address, now, source),
        "source": source,
        "image": None,
    }
    stored = Article.objects.update_or_create(url_hash=url_hash(address), defaults=fields)
    note_icons(source.pk, page, now)
    return stored


def ingest_entries(
    entries: Iterable[FeedEntry],
    feed_url: str,
    home_url: str,
    title: str,
    now: datetime | None = None,
) -> StoredEntries:
    """Store the entries of a saved feed file as ready articles with the feed's content."""
    now = now or timezone.now()
    report = StoredEntries()
    for key, (url, entry) in _by_identity(entries, report).items():
        source = source_for_url(url, name=title if home_url else "", home_url=home_url)
        body = _feed_body(entry, url)
        title = entry.title or body.title
        stored, created = Article.objects.update_or_create(
            url_hash=key,
            defaults={
                "url": url,
                "source": source,
                "title": title,
                "clickbait": judge_headline(title, entry.language),
                "byline": entry.author[:500],
                "published_at": entry.published or now,
                "description": _excerpt(body.text),
                "text": body.text,
                "html": body.html,
                "body_images_linked_at": None,  # linked again by desk.body_images
                "image_url": entry.image_url,
                "image": None,  # linked again by desk.media
                "entry_hash": _entry_hash(entry),
                "body_origin": BodyOrigin.FEED if body.text else BodyOrigin.NONE,
                "status": ArticleStatus.READY,
                "language": entry.language[:16],
            },
        )
        keep_enclosures({stored.pk: entry} if entry.enclosures or not created else {})
        report.new += int(created)
        report.updated += int(not created)
    return report


def requeue_stale(now: datetime, limit: int = 1000) -> list[Claim]:
    """Pending articles whose job was lost (lease passed) or whose retry is due: new claims.

    An article whose jobs keep dying (a crash, not a recorded failure) is given up after
    ``MAX_LOST_ATTEMPTS`` and keeps the feed's content, so it cannot cycle for ever.
    """
    stale = Article.objects.filter(status=ArticleStatus.PENDING, claimed_until__lt=now)
    stale.filter(attempts__gte=MAX_LOST_ATTEMPTS).update(
        status=ArticleStatus.READY,
        claim="",
        claimed_until=None,
        last_error=f"gave up after {MAX_LOST_ATTEMPTS} attempts whose jobs never finished",
    )
    stale = stale.filter(attempts__lt=MAX_LOST_ATTEMPTS)
    ids = list(stale.order_by("claimed_until").values_list("id", flat=True)[:limit])
    claims = []
    for pk in ids:
        token = new_token()
        if Article.objects.filter(
            pk=pk, status=ArticleStatus.PENDING, claimed_until__lt=now
        ).update(claim=token, claimed_until=now + QUEUE_LEASE):
            claims.append(Claim(pk, token))
    return claims
