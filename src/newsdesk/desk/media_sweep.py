"""Sweeping kept images that nothing shows any more: rows no article names, files no row names.

Kept images (``desk.media``) are shared: one :class:`CachedImage` row per publisher address,
linked as an article's lead image or from its body, and one file per distinct content, named
by its hash, possibly shared by several rows. Nothing deletes them as they are made; they
become unused when articles go (a source deleted in the admin takes its articles along) or
when an image fetched again yields other bytes. The sweep takes them back in two steps:

1. **Rows.** A row that no article links (neither as ``Article.image`` nor in
   ``Article.body_images``) and that was made more than ``GRACE`` ago is deleted. The grace
   keeps a row just made for an article job that has not linked it yet.
2. **Files.** A file under ``media/`` that no remaining row's variants name, last written
   more than ``GRACE`` ago, is deleted, and so is a leftover ``.incoming-`` file of a write
   that died. The grace keeps a file whose row is being saved at this moment by a worker.

Both steps only read the database's list of names and the directory, so the sweep is safe to
run at any time next to running workers, on any machine that shares ``media/``. The scheduler
queues it once a day under a named lease (one sweep at a time across machines);
``newsdesk media sweep`` runs it at once, and ``--dry-run`` counts what would go and deletes
nothing. Saved articles keep their pictures in the reader's
browser (the offline cache), not here, so the sweep never takes an offline copy's pictures.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from newsdesk.articles.models import Article, CachedImage
from newsdesk.desk.media import media_root
from newsdesk.stories.models import DeskLease

GRACE = timedelta(days=1)
EVERY = timedelta(days=1)
LEASE_NAME = "media-sweep"
LEASE = timedelta(hours=1)
INCOMING = ".incoming-"
ROWS_A_BATCH = 500

Through = Article.body_images.through


@dataclass
class SweepReport:
    rows: int = 0
    files: int = 0
    bytes: int = 0
    kept_files: int = 0


def unused_images(now: datetime) -> Q:
    """Rows older than the grace that no article shows, as lead image or inside its body."""
    leads = Article.everything.filter(image_id=OuterRef("pk"))  # private issues too
    bodies = Through.objects.filter(cachedimage_id=OuterRef("pk"))
    return Q(created_at__lt=now - GRACE) & ~Q(Exists(leads)) & ~Q(Exists(bodies))


def sweep_media(
    now: datetime | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SweepReport:
    """Delete unused image rows, then files no row names; ``progress`` gets files looked at."""
    now = now or timezone.now()
    report = SweepReport()
    report.rows = _sweep_rows(now, dry_run)
    named = _named_files()
    cutoff = (now - GRACE).timestamp()
    for path in _kept_files(media_root()):
        if progress is not None:
            progress(1)
        stat = path.stat()
        if path.name in named or stat.st_mtime >= cutoff:
            report.kept_files += 1
            continue
        report.files += 1
        report.bytes += stat.st_size
        if not dry_run:
            path.unlink(missing_ok=True)
    return report


def claim_media_sweep(now: datetime) -> str | None:
    """A token for the daily sweep if it is due and nobody holds its lease, else None."""
    due = Q(done_at__isnull=True) | Q(done_at__lte=now - EVERY)
    free = Q(until__isnull=True) | Q(until__lt=now)
    token = secrets.token_hex(8)
    if DeskLease.objects.filter(due, free, name=LEASE_NAME).update(holder=token, until=now + LEASE):
        return token
    if DeskLease.objects.filter(name=LEASE_NAME).exists():
        return None
    try:
        with transaction.atomic():
            DeskLease.objects.create(name=LEASE_NAME, holder=token, until=now + LEASE)
    except IntegrityError:
        return None
    return token


def run_media_sweep(token: str, now: datetime | None = None) -> SweepReport | None:
    """The daily sweep under the lease ``token`` names; None if the token is not the holder's."""
    now = now or timezone.now()
    mine = DeskLease.objects.filter(name=LEASE_NAME, holder=token)
    if not token or not mine.exists():
        return None
    try:
        return sweep_media(now)
    finally:
        mine.update(holder="", until=None, done_at=timezone.now())


def count_files() -> int:
    """How many files the sweep would look at (for a progress bar)."""
    return sum(1 for _ in _kept_files(media_root()))


def _sweep_rows(now: datetime, dry_run: bool) -> int:
    unused = CachedImage.objects.filter(unused_images(now))
    if dry_run:
        return unused.count()
    deleted = 0
    while True:
        batch = list(unused.values_list("pk", flat=True)[:ROWS_A_BATCH])
        if not batch:
            return deleted
        # Checked again in the delete itself: an article may have linked one meanwhile.
        count, _ = CachedImage.objects.filter(pk__in=batch).filter(unused_images(now)).delete()
        deleted += count
        if count < len(batch):
            return deleted


def _named_files() -> set[str]:
    named: set[str] = set()
    for variants in CachedImage.objects.exclude(variants=[]).values_list("variants", flat=True):
        named.update(str(variant["file"]) for variant in variants if "file" in variant)
    return named


def _kept_files(root: Path) -> Iterator[Path]:
    """Files in the two-digit fan-out folders: the kept images and interrupted writes."""
    if not root.is_dir():
        return
    for folder in sorted(root.iterdir()):
        if not folder.is_dir() or len(folder.name) != 2:
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and (path.name.startswith(folder.name) or INCOMING in path.name):
                yield path
