"""Source logos: each publisher's icon, fetched by a job, stored in the database and served from
our own address, so a reader's browser never contacts a publisher to draw a page.

- ``note_icons`` keeps the icon links a source's pages offer (every extracted page passes them
  on); a source whose pages were never read gets its home page's links and ``/favicon.ico``.
- ``claim_due_logos`` is the scheduler's part: sources without a logo row get one, and rows due
  (``next_check_at``) are handed to jobs under a lease, like feeds.
- ``refresh_logo`` is the job: it fetches the ranked candidates through the safe fetcher with
  an image-sized cap (``pipeline.icons.MAX_BYTES``) until one makes a logo, stores its PNGs and
  sets ``Source.logo_version``; it runs again after ``REFRESH``. What failed is recorded on the
  row and the job's log line; a failure keeps the logo already stored and never touches articles.
- ``logo_image`` is what the logo route serves.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db import transaction

from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.prepared_writes import PreparedUpdate
from newsdesk.desk.runtime import fetch_policy
from newsdesk.errors import ExtractionError, FetchError, HTTPStatusError, IconError, InvalidURLError
from newsdesk.pipeline.fetch import FetchPolicy
from newsdesk.pipeline.icons import ACCEPT, MAX_BYTES, SIZES, Logo, favicon_links, make_logo, ranked
from newsdesk.sources.models import Source, SourceLogo
from newsdesk.types import ExtractedArticle, IconKind, IconLink

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch import Fetcher

REFRESH = timedelta(days=30)
# After failures that may pass (a timeout, a server error) the next try comes sooner.
RETRY = timedelta(days=1)
# A source none of whose pages has been read yet waits this long for their icon links.
FIRST_WAIT = timedelta(minutes=10)
LEASE = timedelta(hours=1)
MAX_TRIES = 6
CLAIM_LIMIT = 50
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class LogoOutcome(StrEnum):
    STORED = "stored"  # a logo was made and stored
    NONE = "none"  # no candidate made a logo (the old one, if any, is kept)
    SKIPPED = "skipped"  # the claim was stale


@dataclass(frozen=True)
class LogoImage:
    content: bytes
    etag: str


def icon_policy(base: FetchPolicy | None = None) -> FetchPolicy:
    """The process's fetch policy with an image's caps and a shorter deadline."""
    return replace(
        base or fetch_policy(), max_bytes=MAX_BYTES, max_decompressed_bytes=2 * MAX_BYTES,
        total_timeout=20.0,
    )  # fmt: skip


def note_icons(source_id: int, page: ExtractedArticle, now: datetime) -> None:
    """Keep the icon links of a page of the source (with the site's ``/favicon.ico``)."""
    links = [*page.icons, *favicon_links([page.url])]
    data = [_as_json(link) for link in links]
    found = _LOGO_LINKS.run(source_id=source_id)
    row = found[0] if found else None
    if row is None:
        fresh = SourceLogo(source_id=source_id, candidates=data, next_check_at=now)
        SourceLogo.objects.bulk_create([fresh], ignore_conflicts=True)
        return
    if row.candidates == data:
        return
    if row.checked_at is None and not row.claim:  # waiting for a page's links: here they are
        _NEW_LINKS_DUE.run({"candidates": data, "next_check_at": now}, source=source_id)
    else:
        _NEW_LINKS.run({"candidates": data}, source=source_id)


# Written by most article jobs: their SQL is built once (desk.prepared_writes).
_NEW_LINKS = PreparedUpdate(SourceLogo, sets=("candidates",), where=("source",))
_NEW_LINKS_DUE = PreparedUpdate(SourceLogo, sets=("candidates", "next_check_at"), where=("source",))

# Read by every article job: its SQL is built once (desk.prepared).
_LOGO_LINKS = PreparedQuery[SourceLogo](
    lambda source_id: SourceLogo.objects.filter(pk=source_id).only(
        "candidates", "checked_at", "claim"
    ),
    source_id=int,
)


def claim_due_logos(now: datetime, limit: int = CLAIM_LIMIT) -> list[tuple[int, str]]:
    """Give every source a logo row, then claim the due ones: (source id, token) for jobs."""
    missing = list(Source.objects.filter(logo__isnull=True).values_list("pk", flat=True)[:500])
    if missing:
        rows = [SourceLogo(source_id=pk, next_check_at=now + FIRST_WAIT) for pk in missing]
        SourceLogo.objects.bulk_create(rows, ignore_conflicts=True)
    due = SourceLogo.objects.filter(next_check_at__lte=now).order_by("next_check_at")
    claims = []
    for pk in due.values_list("pk", flat=True)[:limit]:
        token = _token()
        if SourceLogo.objects.filter(pk=pk, next_check_at__lte=now).update(
            claim=token, next_check_at=now + LEASE
        ):
            claims.append((pk, token))
    return claims


def refresh_logo(source_id: int, token: str, fetcher: Fetcher, now: datetime) -> LogoOutcome:
    """The logo job: try the source's candidates, best first, and store the first that works."""
    work = _token()
    mine = SourceLogo.objects.filter(pk=source_id, claim=token)
    if not mine.update(claim=work, next_check_at=now + LEASE):
        return LogoOutcome.SKIPPED
    row = SourceLogo.objects.select_related("source").get(pk=source_id)
    problems: list[str] = []
    passing = False
    for link in ranked(_candidates(row, fetcher, problems))[:MAX_TRIES]:
        try:
            logo = _fetched_logo(link, fetcher)
        except (FetchError, IconError, InvalidURLError) as e:
            problems.append(f"{link.url}: {e}")
            passing = passing or _may_pass(e)
            continue
        _store(row, work, link, logo, now)
        return LogoOutcome.STORED
    _record_failure(row, work, problems, passing, now)
    return LogoOutcome.NONE


def last_error(source_id: int) -> str:
    errors = SourceLogo.objects.filter(pk=source_id).values_list("last_error", flat=True)
    return next(iter(errors), "")


def logo_image(slug: str, size: int) -> LogoImage | None:
    """The stored PNG of a source's logo at ``size`` (one of ``SIZES``), or None."""
    if size not in SIZES:
        return None
    column = "small" if size == SIZES[0] else "large"
    found = (
        SourceLogo.objects.filter(source__slug=slug)
        .exclude(etag="")
        .values_list(column, "etag")
        .first()
    )
    if found is None:
        return None
    content, etag = found
    return LogoImage(bytes(content), etag)


def logo_state(source: Source) -> SourceLogo | None:
    """The logo row of a source without its images (for operators' eyes)."""
    return SourceLogo.objects.filter(pk=source.pk).defer("small", "large").first()


def _candidates(row: SourceLogo, fetcher: Fetcher, problems: list[str]) -> list[IconLink]:
    source = row.source
    stored = (_from_json(item) for item in row.candidates if isinstance(item, dict))
    links = [link for link in stored if link is not None]
    if source.logo_url:
        links.insert(0, IconLink(source.logo_url, IconKind.OPERATOR))
    if not any(link.kind != IconKind.FAVICON for link in links) and source.home_url:
        links += _home_page_icons(source.home_url, fetcher, problems)
    return [*links, *favicon_links([source.home_url] if source.home_url else [])]


def _home_page_icons(home_url: str, fetcher: Fetcher, problems: list[str]) -> list[IconLink]:
    """The icon links of the source's home page (for a source none of whose pages was read)."""
    try:
        result = fetcher.fetch(home_url, accept=PAGE_ACCEPT)
        if not result.ok:
            raise HTTPStatusError(f"the home page answered HTTP {result.status}", result.status)
        from newsdesk.pipeline.extract import parse_page, read_publisher  # trafilatura: on use

        tree = parse_page(result.content)
    except (FetchError, ExtractionError, InvalidURLError) as e:
        problems.append(f"{home_url}: {e}")
        return []
    return [*read_publisher(tree, result.final_url).icons, *favicon_links([result.final_url])]


def _fetched_logo(link: IconLink, fetcher: Fetcher) -> Logo:
    result = fetcher.fetch(link.url, accept=ACCEPT)
    if not result.ok:
        raise HTTPStatusError(f"HTTP {result.status}", result.status)
    return make_logo(result.content, result.content_type)


def _may_pass(error: Exception) -> bool:
    """Whether a failure may be gone tomorrow: transport trouble or a server error."""
    if isinstance(error, HTTPStatusError):
        return error.status >= 500 or error.status in (408, 429)
    return isinstance(error, FetchError)


def _store(row: SourceLogo, work: str, link: IconLink, logo: Logo, now: datetime) -> None:
    small, large = logo.images[SIZES[0]], logo.images[SIZES[1]]
    etag = hashlib.blake2b(small + large, digest_size=8).hexdigest()
    with transaction.atomic():
        stored = SourceLogo.objects.filter(pk=row.pk, claim=work).update(
            small=small,
            large=large,
            etag=etag,
            fetched_from=link.url,
            fetched_at=now,
            checked_at=now,
            next_check_at=now + REFRESH,
            claim="",
            last_error="",
            failures=0,
        )
        if stored:
            Source.objects.filter(pk=row.pk).update(logo_version=etag)


def _record_failure(
    row: SourceLogo, work: str, problems: list[str], passing: bool, now: datetime
) -> None:
    error = "; ".join(problems) or "no icon offered"
    SourceLogo.objects.filter(pk=row.pk, claim=work).update(
        last_error=f"no usable icon: {error}"[:2000],
        failures=row.failures + 1,
        checked_at=now,
        next_check_at=now + (RETRY if passing else REFRESH),
        claim="",
    )


def _as_json(link: IconLink) -> dict[str, object]:
    return {
        "url": link.url,
        "kind": str(link.kind),
        "width": link.width,
        "height": link.height,
        "type": link.media_type,
    }


def _from_json(item: dict[str, object]) -> IconLink | None:
    try:
        return IconLink(
            str(item["url"]),
            IconKind(str(item["kind"])),
            int(str(item.get("width") or 0)),
            int(str(item.get("height") or 0)),
            str(item.get("type") or ""),
        )
    except (KeyError, ValueError):
        return None


def _token() -> str:
    return secrets.token_hex(16)
