"""Images inside article bodies, kept by the site as lead images are (``desk.media``).

A stored body names its images by their publishers' addresses; no page, app or feed reader is
sent there. Instead:

1. **Linking.** The first ``MAX_BODY_IMAGES`` distinct addresses of a ready article's body are
   linked to their :class:`CachedImage` rows (``Article.body_images``; one row per address,
   shared with lead images and other articles), by the article job right after the page is
   stored and by the scheduler's sweep for everything else (imports, feed bodies, articles from
   before). ``Article.body_images_linked_at`` says it was done for the body as it is: every
   write of ``html`` clears it, so a changed body is linked anew.
2. **Fetching** is ``desk.media``'s job, with its limits (10 MB, 40 megapixels, raster types
   only, 64 px a side at least: spacers and tracking pixels are refused), its remembered
   failures and rare retries. A failed image never touches the article.
3. **Showing.** :func:`shown_html` renders the body with each kept image pointing at the
   site's copies (a ``srcset`` of the WebP files) and every other image removed, cleanly (see
   ``pipeline.extract.images``). Pages pass nothing and get paths; the API and the feed-reader
   protocols pass ``request.build_absolute_uri``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, CachedImage
from newsdesk.desk.media import (
    RULES,
    ImageClaim,
    claim_image,
    enqueue_images,
    images_for,
    shown_image,
)

if TYPE_CHECKING:  # lxml loads with the first body shown or scanned, not with the page's code
    from newsdesk.pipeline.extract.images import KeptPicture

# Images kept per article (the first ones; see ImageRules.per_body).
MAX_BODY_IMAGES = RULES.per_body
# Articles linked per look of the scheduler.
SWEEP_LIMIT = 200
# The article column (site.css: 44 rem) and its margins on a phone; a narrower image keeps its
# own width.
COLUMN_WIDTH = 704
PAGE_MARGINS = 32

Through = Article.body_images.through


# --- linking -------------------------------------------------------------------------------


def _unlinked() -> QuerySet[Article]:
    """The condition of the index ``article_body_images_unlinked``."""
    return (
        Article.everything.filter(status=ArticleStatus.READY, body_images_linked_at__isnull=True)
        .exclude(html="")
        .order_by("id")
    )


def link_bodies(rows: list[tuple[int, str]], now: datetime) -> dict[int, list[CachedImage]]:
    """Link the images of these bodies (article id, html as read); returns each one's images.

    An article whose body changed since it was read keeps ``body_images_linked_at`` empty, so
    it is linked again with its new body.
    """
    from newsdesk.pipeline.extract.images import image_addresses

    wanted = {pk: image_addresses(html, MAX_BODY_IMAGES) for pk, html in rows}
    images = images_for({url for urls in wanted.values() for url in urls}, now)
    linked = {pk: [images[url] for url in urls if url in images] for pk, urls in wanted.items()}
    with transaction.atomic():
        Through.objects.filter(article_id__in=list(wanted)).delete()
        Through.objects.bulk_create(
            [
                Through(article_id=pk, cachedimage_id=image.pk)
                for pk, found in linked.items()
                for image in found
            ],
            ignore_conflicts=True,
        )
        for pk, html in rows:
            Article.everything.filter(pk=pk, html=html).update(body_images_linked_at=now)
    return linked


def link_body_images(now: datetime | None = None, limit: int = SWEEP_LIMIT) -> int:
    """The sweep: link the bodies of up to ``limit`` ready articles not linked yet."""
    now = now or timezone.now()
    rows = list(_unlinked().values_list("id", "html")[:limit])
    if rows:
        link_bodies(rows, now)
    return len(rows)


def claim_body_images(article_id: int, now: datetime | None = None) -> list[ImageClaim]:
    """Link one article's body images and claim those due: the article job's follow-up."""
    now = now or timezone.now()
    rows = list(Article.everything.filter(pk=article_id).values_list("id", "html"))
    if not rows or not rows[0][1]:
        return []
    found = link_bodies(rows, now).get(article_id, [])
    claims = (claim_image(image.pk, now) for image in found)
    return [claim for claim in claims if claim is not None]


def queue_body_images(article_id: int) -> None:
    """After an article's page: link its body's images and queue the fetches that are due."""
    enqueue_images(claim_body_images(article_id))


# --- showing -------------------------------------------------------------------------------


def sizes_for(width: int) -> str:
    """The ``sizes`` of a body image: the column's width, or its own when it is narrower."""
    shown = min(width, COLUMN_WIDTH)
    return f"(min-width: {shown + PAGE_MARGINS}px) {shown}px, calc(100vw - {PAGE_MARGINS}px)"


def kept_pictures(
    article: Article, absolute: Callable[[str], str] | None = None
) -> dict[str, KeptPicture]:
    """The article's kept body images by their publisher's address (prefetch-friendly)."""
    from newsdesk.pipeline.extract.images import KeptPicture

    make = absolute or (lambda path: path)
    pictures = {}
    for image in article.body_images.all():
        shown = shown_image(image)
        if shown is None:
            continue
        pictures[image.url] = KeptPicture(
            src=make(shown.src),
            srcset=", ".join(f"{make(path)} {width}w" for path, width in shown.files),
            sizes=sizes_for(shown.width),
            width=shown.width,
            height=shown.height,
        )
    return pictures


def with_body_images(articles: list[Article]) -> list[Article]:
    """The articles, their body images loaded in one query for those whose body has any."""
    prefetch_related_objects([a for a in articles if "<img" in a.html], "body_images")
    return articles


def shown_html(article: Article, absolute: Callable[[str], str] | None = None) -> str:
    """The article's body as readers get it: kept images are the site's, the rest left out."""
    if "<img" not in article.html:
        return article.html
    from newsdesk.pipeline.extract.images import with_kept_images

    return with_kept_images(article.html, kept_pictures(article, absolute))
