"""Lead images kept by the site: linking articles to them, the fetch job, the files, signed URLs.

Images inside article bodies go the same way once ``desk.body_images`` has linked them: the
same rows, job, limits, files and addresses.

An article's ``image_url`` is a publisher's address; readers' browsers never load it. Instead:

1. **Linking.** Each article with an image address is linked to the :class:`CachedImage` of that
   address (one row per address, shared by every article using it): by the article job right
   after the page is extracted, and by the scheduler's sweep for everything else (imports,
   articles stored before images were kept). A new image is due at once.
2. **Fetching** is a job on the "media" queue (:func:`fetch_image_job`), never a page request:
   the safe fetcher (private addresses refused, 10 MB, 30 s) gets the image and
   ``pipeline.media`` checks, decodes and re-encodes it. The files go to ``media/`` in the data
   directory, each named by the SHA-256 of its bytes; the row records the sizes and files.
3. **Failures** are recorded on the row with their reason and tried again rarely (15 minutes,
   6 hours, 2 days, then never); a refusal that cannot change (an SVG, an image too large, a
   private address) is never tried again. Pages show the placeholder meanwhile.
4. **Serving.** Pages link to ``/media/<signature>/<sha256>.<ext>``: the signature (an HMAC of the
   file name with the site's secret key) lets ``web.media`` refuse any address the site did not
   make before it looks at the disk. The route only reads files; it cannot fetch anything.

Claims work as for articles (decision 2): a job carries the token written on the row when it
was queued, swaps it for its own, and does nothing when the token is stale.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task

from newsdesk.articles.models import Article, CachedImage, ImageStatus
from newsdesk.desk.joblog import logged_job
from newsdesk.desk.leases import job_lease
from newsdesk.desk.runtime import get_fetcher
from newsdesk.desk.stories.list_version import story_list_changed
from newsdesk.errors import (
    BlockedAddressError,
    FetchError,
    HTTPStatusError,
    ImageRefusedError,
    InvalidURLError,
    ResponseTooLargeError,
)
from newsdesk.pipeline.fetch import check_url
from newsdesk.pipeline.media import (
    ACCEPT,
    JPEG,
    WEBP,
    ImageRules,
    PreparedImage,
    Variant,
    prepare_image,
)

if TYPE_CHECKING:
    from newsdesk.pipeline.fetch import Fetcher

MEDIA_QUEUE = "media"
MEDIA_PREFIX = "/media/"
RULES = ImageRules()
FETCH_TIMEOUT = 30.0
# Waits before the 2nd, 3rd and 4th try of an image whose failure may pass; then no more.
RETRY_DELAYS = (timedelta(minutes=15), timedelta(hours=6), timedelta(days=2))
# A queued job that has not started within this time is assumed lost and is queued again.
QUEUE_LEASE = timedelta(hours=1)
# Rows linked, and images claimed, per look of the scheduler.
SWEEP_LIMIT = 500
EXTENSIONS = {WEBP: "webp", JPEG: "jpg"}
CONTENT_TYPES = {ext: media_type for media_type, ext in EXTENSIONS.items()}
SIGNATURE_SALT = "newsdesk.media"
SIGNATURE_LENGTH = 32  # hex digits: 128 bits of the HMAC-SHA256


class ImageOutcome(StrEnum):
    READY = "ready"
    RETRY = "retry"  # failed for now; tried again later
    FAILED = "failed"  # failed for good
    SKIPPED = "skipped"  # the claim was stale


@dataclass(frozen=True)
class ImageClaim:
    image_id: int
    token: str


# --- files ---------------------------------------------------------------------------------


def media_root() -> Path:
    return Path(settings.NEWSDESK.data_dir) / "media"


def file_path(name: str) -> Path:
    """Where the file ``<sha256>.<ext>`` is kept: fanned out by the hash's first two digits."""
    return media_root() / name[:2] / name


def store_file(data: bytes, media_type: str) -> str:
    """Keep ``data`` under the name of its SHA-256 (once: the same bytes are the same file)."""
    name = f"{hashlib.sha256(data).hexdigest()}.{EXTENSIONS[media_type]}"
    path = file_path(name)
    if path.exists():
        return name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)  # whole or absent, for a reader at any moment
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


# --- signed addresses ----------------------------------------------------------------------


def signature(name: str) -> str:
    return salted_hmac(SIGNATURE_SALT, name, algorithm="sha256").hexdigest()[:SIGNATURE_LENGTH]


def signed_path(name: str) -> str:
    """The site's address of a kept file, e.g. ``/media/3f…a1/9c…e2.webp``."""
    return f"{MEDIA_PREFIX}{signature(name)}/{name}"


def is_signed(sig: str, name: str) -> bool:
    return hmac.compare_digest(sig.encode(), signature(name).encode())


# --- what pages show -----------------------------------------------------------------------


@dataclass(frozen=True)
class ShownImage:
    """A ready image as pages use it: a srcset of WebP files and a JPEG for link previews."""

    src: str
    srcset: str
    files: tuple[tuple[str, int], ...]  # the srcset's WebP files: (path, width), narrowest first
    width: int
    height: int
    share_path: str
    share_width: int
    share_height: int
    share_bytes: int


def shown_image(image: CachedImage | None) -> ShownImage | None:
    """What a page may show of ``image``: None unless its files are ready (pages then show the
    placeholder, so no reader ever sees a broken image or waits on a publisher)."""
    if image is None or image.status != ImageStatus.READY:
        return None
    webp = sorted((v for v in image.variants if v["type"] == WEBP), key=lambda v: v["width"])
    share = next((v for v in image.variants if v["type"] == JPEG), None)
    if not webp or share is None:
        return None
    middle = next((v for v in webp if v["width"] >= 640), webp[-1])
    widest = webp[-1]
    files = tuple((signed_path(v["file"]), int(v["width"])) for v in webp)
    return ShownImage(
        src=signed_path(middle["file"]),
        srcset=", ".join(f"{path} {width}w" for path, width in files),
        files=files,
        width=widest["width"],
        height=widest["height"],
        share_path=signed_path(share["file"]),
        share_width=share["width"],
        share_height=share["height"],
        share_bytes=share["bytes"],
    )


def article_image(article: Article) -> ShownImage | None:
    """The shown image of an article (loaded with it by ``select_related("image")``)."""
    if article.image_id is None:
        return None
    return shown_image(article.image)


# --- linking articles to their images ------------------------------------------------------


def url_hash(url: str) -> str:
    return hashlib.blake2b(url.encode("utf-8"), digest_size=16).hexdigest()


def new_token() -> str:
    return secrets.token_hex(16)


def _new_image(url: str, now: datetime) -> CachedImage:
    """A row for a new address: due now, or failed for good when it is no usable address."""
    try:
        check_url(url)
    except InvalidURLError as e:
        return CachedImage(
            url=url, url_hash=url_hash(url), status=ImageStatus.FAILED, last_error=str(e)[:2000]
        )
    return CachedImage(url=url, url_hash=url_hash(url), next_try_at=now)


def images_for(urls: set[str], now: datetime) -> dict[str, CachedImage]:
    """The rows of these addresses, made where missing (another process may make them too)."""
    by_hash = {url_hash(url): url for url in urls}
    CachedImage.objects.bulk_create(
        [_new_image(url, now) for url in by_hash.values()], ignore_conflicts=True
    )
    found = CachedImage.objects.filter(url_hash__in=list(by_hash))
    return {image.url: image for image in found.only("id", "url", "status", "next_try_at")}


def link_images(now: datetime | None = None, limit: int = SWEEP_LIMIT) -> int:
    """Link up to ``limit`` articles whose image address has no row linked yet; returns how many.

    The condition repeats the index ``article_image_unlinked``, so the look costs nothing when
    every article is linked.
    """
    now = now or timezone.now()
    rows = list(
        Article.objects.filter(image__isnull=True)
        .exclude(image_url="")
        .order_by("id")
        .values_list("id", "image_url")[:limit]
    )
    if not rows:
        return 0
    images = images_for({url for _, url in rows}, now)
    linked = 0
    with transaction.atomic():
        for url, image in images.items():
            ids = [pk for pk, address in rows if address == url]
            # Only while the address is still the one read: a changed article is linked anew.
            linked += Article.objects.filter(pk__in=ids, image__isnull=True, image_url=url).update(
                image=image
            )
    if linked:
        story_list_changed()  # a lead article may show an image kept for another article
    return linked


def claim_article_image(article_id: int, now: datetime | None = None) -> ImageClaim | None:
    """Link one article's image and claim it when it is due: the article job's follow-up."""
    now = now or timezone.now()
    article = Article.objects.filter(pk=article_id).only("image_url", "image_id").first()
    if article is None or not article.image_url:
        return None
    if article.image_id is None:
        image = images_for({article.image_url}, now)[article.image_url]
        Article.objects.filter(
            pk=article_id, image__isnull=True, image_url=article.image_url
        ).update(image=image)
        story_list_changed()
        image_id = image.pk
    else:
        image_id = article.image_id
    return claim_image(image_id, now)


def _due(now: datetime) -> Q:
    return Q(status__in=[ImageStatus.PENDING, ImageStatus.FAILED], next_try_at__lte=now)


def claim_image(image_id: int, now: datetime) -> ImageClaim | None:
    token = new_token()
    taken = CachedImage.objects.filter(_due(now), pk=image_id).update(
        claim=token, next_try_at=now + QUEUE_LEASE
    )
    return ImageClaim(image_id, token) if taken else None


def claim_due_images(now: datetime | None = None, limit: int = SWEEP_LIMIT) -> list[ImageClaim]:
    """The scheduler's look: link new articles, then claim images due (new, retrying, lost)."""
    now = now or timezone.now()
    link_images(now)
    due = CachedImage.objects.filter(_due(now)).order_by("next_try_at")
    claims = (claim_image(pk, now) for pk in due.values_list("id", flat=True)[:limit])
    return [claim for claim in claims if claim is not None]


# --- the fetch job -------------------------------------------------------------------------


def fetch_image(claim: ImageClaim, fetcher: Fetcher, now: datetime | None = None) -> ImageOutcome:
    """Fetch, check, re-encode and keep one claimed image (see the module docstring)."""
    now = now or timezone.now()
    work = new_token()
    taken = CachedImage.objects.filter(pk=claim.image_id, claim=claim.token).update(
        claim=work, next_try_at=now + job_lease(), attempts=F("attempts") + 1
    )
    if not taken:
        return ImageOutcome.SKIPPED
    image = CachedImage.objects.get(pk=claim.image_id)
    try:
        prepared, size = _fetch_and_prepare(image.url, fetcher)
    except (FetchError, ImageRefusedError, InvalidURLError) as e:
        return _failed(image, work, e, now)
    files = [_kept(variant) for variant in prepared.variants]
    kept = CachedImage.objects.filter(pk=image.pk, claim=work).update(
        status=ImageStatus.READY,
        width=prepared.width,
        height=prepared.height,
        source_format=prepared.source_format[:8],
        source_bytes=size,
        variants=files,
        claim="",
        next_try_at=None,
        last_error="",
        fetched_at=now,
    )
    if kept:
        story_list_changed()
    return ImageOutcome.READY


def _fetch_and_prepare(url: str, fetcher: Fetcher) -> tuple[PreparedImage, int]:
    result = fetcher.fetch(url, accept=ACCEPT, max_bytes=RULES.max_bytes, timeout=FETCH_TIMEOUT)
    if not result.ok:
        raise HTTPStatusError(f"the image answered HTTP {result.status}", result.status)
    return prepare_image(result.content, result.content_type, RULES), len(result.content)


def _kept(variant: Variant) -> dict[str, object]:
    """Store one file made from the image; the row's record of it."""
    return {
        "file": store_file(variant.data, variant.media_type),
        "type": variant.media_type,
        "width": variant.width,
        "height": variant.height,
        "bytes": len(variant.data),
    }


def is_permanent(error: Exception) -> bool:
    """A refusal that another try cannot change (the image, its size or its address)."""
    permanent = (ImageRefusedError, BlockedAddressError, ResponseTooLargeError, InvalidURLError)
    return isinstance(error, permanent)


def _failed(image: CachedImage, token: str, error: Exception, now: datetime) -> ImageOutcome:
    tries = image.attempts  # this one included
    again = not is_permanent(error) and tries <= len(RETRY_DELAYS)
    CachedImage.objects.filter(pk=image.pk, claim=token).update(
        status=ImageStatus.FAILED,
        claim="",
        next_try_at=now + RETRY_DELAYS[tries - 1] if again else None,
        last_error=str(error)[:2000],
        fetched_at=now,
    )
    return ImageOutcome.RETRY if again else ImageOutcome.FAILED


def last_error(image_id: int) -> str:
    errors = CachedImage.objects.filter(pk=image_id).values_list("last_error", flat=True)
    return next(iter(errors), "")


@task(queue_name=MEDIA_QUEUE)
@logged_job("image", item="image")
def fetch_image_job(image_id: int, token: str) -> dict[str, object]:
    outcome = fetch_image(ImageClaim(image_id, token), get_fetcher())
    error = last_error(image_id) if outcome in (ImageOutcome.RETRY, ImageOutcome.FAILED) else ""
    return {"outcome": str(outcome), "error": error}


def enqueue_images(claims: list[ImageClaim]) -> None:
    for claim in claims:
        fetch_image_job.enqueue(claim.image_id, claim.token)


def queue_article_image(article_id: int) -> None:
    """After an article's page: link its image and queue the fetch when it is due."""
    claim = claim_article_image(article_id)
    enqueue_images([claim] if claim else [])
