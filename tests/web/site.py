"""A real ``newsdesk serve`` process on 127.0.0.1, fed from a local feed, for browser tests and
the screenshot script.

The publisher is a LocalServer: one feed of ordinary articles (published from minutes to hours
ago) and one hostile feed whose titles, summaries and pages carry script payloads. Lead images
are served by the publisher too (``/images/lead-N.png``); the site's worker fetches and keeps
them, and pages show the site's copies, so the browser never contacts the publisher for them.
``route_images`` answers the older https: image host in the browser itself, for pages made with
it.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from itertools import combinations
from pathlib import Path
from typing import Any

from tests.support.news import PARAGRAPHS, article_page
from tests.support.processes import free_port
from tests.support.server import LocalServer

NEWSDESK = [sys.executable, "-m", "newsdesk.cli.main"]
IMAGE_HOST = "https://images.newsdesk.test"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HEADLINES = [
    "Lighthouse keepers return as the coast guard restores the northern beacons",
    "City council approves a ferry service to three new stops on the east bank",
    "Spring floods recede, leaving farmers to count the cost of a wet season",
    "University opens a public library of old maps after ten years of repairs",
    "Night trains return to the mountain line with sleeper cars and a dining car",
    "Rail workers and operators agree a pay deal after a month of talks",
    "A quiet village votes to keep its only shop open as a cooperative",
    "Astronomers time a comet's return to within a day, a century ahead",
]
# What the articles' pages say, two of these each after a sentence of their own: every article
# tells a story of its own. One body for all of them made every article a near-duplicate of the
# first one placed, and the home page, which shows a copy only under its original, lost all
# but that one a few seconds after they were ready.
BODY_PARAGRAPHS = [
    "Residents queued outside the town hall from early morning, and volunteers handed out tea "
    "while officials explained how the new arrangements would work over the coming months.",
    "The regional authority said the work had cost less than expected, because local firms "
    "supplied most of the materials and two charities paid for the specialist equipment.",
    "Critics pointed to the long delays of the past decade and asked whether the promised "
    "maintenance budget would survive the next election and the review of public spending.",
    "A spokeswoman for the operators thanked staff who had worked through the winter storms, "
    "often at night, to keep the old machinery running until the replacements arrived.",
    "Schools in the district plan guided visits for pupils next term, and the museum will lend "
    "photographs and letters from its archive for an exhibition in the summer.",
    "Figures published by the statistics office show that visitor numbers fell by a third "
    "during the closure and have not yet recovered to the level seen before it began.",
    "Farmers and shopkeepers along the valley road welcomed the decision, saying that trade "
    "had suffered while customers from neighbouring villages stayed away for months.",
    "An independent report commissioned last year recommended regular inspections, clearer "
    "signs in three languages, and a public meeting every spring to hear complaints.",
]
PAYLOADS = [
    "<script>window.pwned = 1; document.title = 'pwned'</script>",
    "<img src=x onerror=\"window.pwned = 2; document.title = 'pwned'\">",
    '<svg onload="window.pwned = 3"></svg>',
]
ORDINARY_COUNT = 25
LEAD_IMAGES = 6  # /images/lead-0.png … lead-5.png; the feed's articles use the first four
RSS = {"Content-Type": "application/rss+xml"}
PNG = {"Content-Type": "image/png"}
PASSWORD = "Tide-tables-and-ferries-42"
READY_ARTICLES = "SELECT count(*) FROM articles_article WHERE status = 'ready'"
READY_IMAGES = "SELECT count(*) FROM articles_cachedimage WHERE status = 'ready'"
PLACED_ARTICLES = "SELECT count(*) FROM stories_placement"


@dataclass
class Site:
    url: str
    data_dir: Path
    publisher: LocalServer
    process: subprocess.Popen[bytes]
    articles: int

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.publisher.stop()


def headline(i: int) -> str:
    return HEADLINES[i % len(HEADLINES)] + ("" if i < len(HEADLINES) else f" ({i})")


def published(i: int, now: datetime) -> datetime:
    """Item 0 is two hours and five minutes old; each next item is 40 minutes older."""
    return now - timedelta(hours=2, minutes=5 + 40 * i)


def _item(title: str, link: str, summary: str, when: datetime) -> str:
    return (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>"
        f"<author>reporter@example.test (Jane Reporter)</author>"
        f"<description>{escape(summary)}</description></item>"
    )


def body_paragraphs(i: int, title: str = "") -> list[str]:
    """Item ``i``'s paragraphs (the hostile items follow the ordinary ones): item 1, the ferry
    story, has the ferry's report (the other publishers' coverage in tests/web/coverage.py
    retells it); every other item a sentence of its own and a pair of ``BODY_PARAGRAPHS`` no
    other item has, so that none is a near-duplicate of another."""
    if i == 1:
        return PARAGRAPHS
    pairs = list(combinations(range(len(BODY_PARAGRAPHS)), 2))
    assert ORDINARY_COUNT + len(PAYLOADS) <= len(pairs)
    first, second = pairs[i]
    own = f"{title or headline(i)}, our correspondent reported from the scene on the day."
    return [own, BODY_PARAGRAPHS[first], BODY_PARAGRAPHS[second]]


def _feed(title: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.test/</link>"
        f"<description>News</description>{''.join(items)}</channel></rss>"
    )


def _with_image(page: str, image: str) -> str:
    return page.replace("</head>", f'<meta property="og:image" content="{image}"></head>', 1)


def publish(server: LocalServer, now: datetime) -> list[str]:
    """Routes for both feeds and their pages; returns the feed URLs."""
    for number in range(LEAD_IMAGES):
        server.add(
            lead_image_path(number), image_png(number), headers={"Content-Type": "image/png"}
        )
    items = []
    for i in range(ORDINARY_COUNT):
        title = headline(i)
        page = article_page(
            title, paragraphs=body_paragraphs(i), published=published(i, now).isoformat()
        )
        server.add(f"/news/{i}", _with_image(page, server.url(lead_image_path(i % 4))))
        summary = f"{title}. Officials described the plan in detail on the day."
        items.append(_item(title, server.url(f"/news/{i}"), summary, published(i, now)))
    hostile = []
    for i, payload in enumerate(PAYLOADS):
        title = f"Hostile headline {i} {payload}"
        extra = f'<p>Hostile body {i}.</p>{payload}<p onclick="window.pwned = 4">Click me</p>'
        paragraphs = body_paragraphs(ORDINARY_COUNT + i, f"Hostile headline {i}")
        server.add(f"/hostile/{i}", article_page(title, paragraphs=paragraphs, extra=extra))
        when = published(ORDINARY_COUNT + i, now)
        hostile.append(_item(title, server.url(f"/hostile/{i}"), f"Summary {payload}", when))
    return [
        server.add("/feed.xml", _feed("The Example Times", items), headers=RSS),
        server.add("/hostile.xml", _feed("The Example Times", hostile), headers=RSS),
    ]


def lead_image_path(number: int) -> str:
    return f"/images/lead-{number}.png"


def child_env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "NEWSDESK_FETCH_ALLOW": "127.0.0.1/32", "NEWSDESK_HOST_DELAY": "0"}
    env.pop("DATABASE_URL", None)
    env["NEWSDESK_DATA_DIR"] = str(data_dir)
    return env


def start_site(data_dir: Path, timeout: float = 240, page_cache_seconds: int | None = None) -> Site:
    """Serve newsdesk with the local publisher's articles ingested, ready, their lead images kept
    and every one placed in a story by the site's worker (what the home page shows, and whether
    an article's comments are open, changes until then); with ``page_cache_seconds`` the page
    cache is on, as the real site has it (tests run without). The bound is for a loaded machine."""
    publisher = LocalServer().start()
    env = child_env(data_dir)
    if page_cache_seconds is not None:
        env["NEWSDESK_PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    for feed in publish(publisher, datetime.now(UTC)):
        added = subprocess.run(
            [*NEWSDESK, "add", feed], env=env, capture_output=True, text=True, timeout=120
        )
        assert added.returncode == 0, added.stderr
    port = free_port()
    process = subprocess.Popen(
        [*NEWSDESK, "serve", "--port", str(port), "--add-defaults", "none"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = Site(f"http://127.0.0.1:{port}", data_dir, publisher, process, 0)
    expected = ORDINARY_COUNT + len(PAYLOADS)
    deadline = time.monotonic() + timeout
    images = placed = 0
    # Ready, the four lead images kept, and all placed (the worker places them after they are
    # ready, in a later pass).
    while site.articles < expected or images < 4 or placed < expected:
        if time.monotonic() > deadline:
            site.stop()
            raise TimeoutError(
                f"{site.articles} of {expected} articles ready, {placed} placed, "
                f"{images} of 4 images ready"
            )
        time.sleep(0.5)
        site.articles, images, placed = _ready(data_dir)
    return site


def add_coverage(site: Site) -> None:
    """Give two of the site's articles other publishers' coverage, placed into stories
    (tests/web/coverage.py), in the site's own settings and database."""
    base = site.publisher.url("")
    code = (
        "from tests.web.coverage import place_coverage; "
        f"place_coverage(lambda path: {base!r} + path)"
    )
    run_in_site(site, code)


def _ready(data_dir: Path) -> tuple[int, int, int]:
    """Articles and kept images ready, and articles placed, in the site's database (what
    ``newsdesk stats`` counts).

    Read with plain SQL: asking ``newsdesk stats`` twice a second started a Python process each
    time, a core's worth of work while the site was starting."""
    path = data_dir / "newsdesk.sqlite3"
    if not path.exists():
        return 0, 0, 0
    try:
        with closing(sqlite3.connect(path, timeout=10)) as db:
            articles = db.execute(READY_ARTICLES).fetchone()[0]
            images = db.execute(READY_IMAGES).fetchone()[0]
            placed = db.execute(PLACED_ARTICLES).fetchone()[0]
    except sqlite3.OperationalError:  # the tables are not migrated yet
        return 0, 0, 0
    return int(articles), int(images), int(placed)


def image_png(index: int) -> bytes:
    from PIL import Image, ImageDraw

    colours = [(22, 92, 140), (160, 82, 45), (46, 125, 80), (96, 72, 150)]
    image = Image.new("RGB", (1200, 675), colours[index % len(colours)])
    draw = ImageDraw.Draw(image)
    for band in range(0, 675, 75):
        shade = tuple(min(255, c + band // 6) for c in colours[index % len(colours)])
        draw.rectangle([0, band, 1200, band + 37], fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def wait_for_images(timeout: float = 90) -> None:
    """Wait until the site's worker has linked and fetched every article's lead image (for the
    screenshot scripts, which add articles to the running site's database themselves)."""
    from newsdesk.articles.models import Article, CachedImage, ImageStatus

    deadline = time.monotonic() + timeout
    while (
        Article.objects.filter(image__isnull=True).exclude(image_url="").exists()
        or CachedImage.objects.filter(status=ImageStatus.PENDING).exists()
    ):
        if time.monotonic() > deadline:
            raise TimeoutError("the site's worker has not kept every lead image")
        time.sleep(0.5)


def route_images(context: Any) -> None:
    """Answer the lead images' https: host in the browser itself."""

    def fulfil(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        digits = "".join(ch for ch in name if ch.isdigit()) or "0"
        route.fulfill(status=200, content_type="image/png", body=image_png(int(digits)))

    context.route(f"{IMAGE_HOST}/**", fulfil)


def sign_up(page: Any, site: Site, email: str) -> None:
    """Sign up through the real sign-up page, then sign in with the password."""
    page.goto(site.url + "/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password2]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)
    # Sign-up asks to confirm the address; the password signs in meanwhile.
    page.goto(site.url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def run_in_site(site: Site, code: str) -> str:
    """Run Python ``code`` with the site's settings and database (``manage shell -c``)."""
    done = subprocess.run(
        [*NEWSDESK, "manage", "shell", "-c", code],
        env=child_env(site.data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
