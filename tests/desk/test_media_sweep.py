"""The sweep of kept images: rows no article shows and files no row names go, after a day's grace;
everything an article shows stays; once a day under a lease; and the CLI's dry run."""

from __future__ import annotations

import dataclasses
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, CachedImage, ImageStatus
from newsdesk.cli.main import main
from newsdesk.desk.media import file_path, store_file
from newsdesk.desk.media_sweep import claim_media_sweep, run_media_sweep, sweep_media
from newsdesk.sources.models import Source
from tests.support.images import jpeg

pytestmark = pytest.mark.django_db
DAYS_AGO = 3


@pytest.fixture(autouse=True)
def own_data_dir(settings: Any, tmp_path: Path) -> Path:
    """A data directory of this test's own: the sweep looks at every file of ``media/``."""
    settings.NEWSDESK = dataclasses.replace(settings.NEWSDESK, data_dir=tmp_path)
    return tmp_path


def kept_image(number: int, *, days_old: float = DAYS_AGO) -> CachedImage:
    """A ready image row whose one file is on disk, both ``days_old`` days old."""
    name = store_file(jpeg(80 + number, 60), "image/jpeg")
    image = CachedImage.objects.create(
        url=f"https://h.test/{number}.jpg",
        url_hash=f"{number:032d}",
        status=ImageStatus.READY,
        variants=[{"file": name, "type": "image/jpeg", "width": 80 + number, "height": 60}],
    )
    when = timezone.now() - timedelta(days=days_old)
    CachedImage.objects.filter(pk=image.pk).update(created_at=when)
    os.utime(file_path(name), (when.timestamp(), when.timestamp()))
    return image


def path_of(image: CachedImage) -> Path:
    return file_path(image.variants[0]["file"])


def aged_file(path: Path, data: bytes = b"x" * 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    old = (timezone.now() - timedelta(days=DAYS_AGO)).timestamp()
    os.utime(path, (old, old))
    return path


def test_only_what_no_article_shows_goes_and_only_after_a_day() -> None:
    source = Source.objects.create(name="Harbour Post", slug="harbour-post")
    lead, in_body, unused, new_unused = (kept_image(n) for n in range(1, 5))
    CachedImage.objects.filter(pk=new_unused.pk).update(created_at=timezone.now())
    article = Article.objects.create(
        url="https://h.test/a", url_hash="a" * 32, source=source, image=lead,
        status=ArticleStatus.READY,
    )  # fmt: skip
    article.body_images.add(in_body)
    root = path_of(lead).parent.parent
    stray = aged_file(root / "ab" / ("ab" + "0" * 62 + ".webp"))
    interrupted = aged_file(root / "cd" / ".incoming-x1y2")
    fresh_stray = root / "ef" / ("ef" + "1" * 62 + ".webp")
    fresh_stray.parent.mkdir(parents=True, exist_ok=True)
    fresh_stray.write_bytes(b"being written")

    dry = sweep_media(dry_run=True)
    assert (dry.rows, dry.files) == (1, 2)  # the unused row; its file is still named by it
    assert CachedImage.objects.count() == 4 and stray.exists() and interrupted.exists()

    report = sweep_media()
    assert report.rows == 1
    assert set(CachedImage.objects.values_list("pk", flat=True)) == {
        lead.pk, in_body.pk, new_unused.pk,
    }  # fmt: skip
    assert report.files == 3 and report.bytes >= 200
    assert not path_of(unused).exists() and not stray.exists() and not interrupted.exists()
    assert path_of(lead).exists() and path_of(in_body).exists() and path_of(new_unused).exists()
    assert fresh_stray.exists()  # written within the grace: its row may be on its way


def test_a_file_two_rows_share_stays_while_one_of_them_is_shown() -> None:
    source = Source.objects.create(name="Harbour Post", slug="harbour-post")
    shown = kept_image(1)
    twin = CachedImage.objects.create(
        url="https://mirror.test/1.jpg", url_hash="f" * 32, status=ImageStatus.READY,
        variants=shown.variants,
    )  # fmt: skip
    CachedImage.objects.filter(pk=twin.pk).update(created_at=timezone.now() - timedelta(days=5))
    Article.objects.create(
        url="https://h.test/a", url_hash="a" * 32, source=source, image=shown,
        status=ArticleStatus.READY,
    )  # fmt: skip
    report = sweep_media()
    assert report.rows == 1 and report.files == 0
    assert path_of(shown).exists()


def test_the_daily_sweep_runs_once_a_day_under_its_lease() -> None:
    now = timezone.now()
    unused = kept_image(1)
    token = claim_media_sweep(now)
    assert token is not None
    assert claim_media_sweep(now) is None  # held
    assert run_media_sweep("stale-token", now) is None
    report = run_media_sweep(token, now)
    assert report is not None and report.rows == 1 and not path_of(unused).exists()
    assert claim_media_sweep(now + timedelta(hours=23)) is None  # done today
    assert claim_media_sweep(now + timedelta(days=1, minutes=1)) is not None


def test_the_command_counts_first_then_deletes(capsys: pytest.CaptureFixture[str]) -> None:
    unused = kept_image(1)
    assert main(["media", "sweep", "--dry-run"]) == 0
    assert "would delete 1 unused image rows and 0 files" in capsys.readouterr().out
    assert path_of(unused).exists()
    assert main(["media", "sweep"]) == 0
    out = capsys.readouterr().out
    assert "deleted 1 unused image rows and 1 files" in out
    assert not path_of(unused).exists()
