"""Real publisher pages (the zyte extraction set) served on 127.0.0.1 under their own host names.

A digest feed (a newsletter or aggregator) on ``digest.example.org`` links to pages of several
publishers. Every host name resolves to 127.0.0.1 through the test Fetcher's resolver, and every
absolute address in a page (its canonical link, its icons, its JSON-LD, also written with escaped
slashes) is rewritten to the local server's port, so the pipeline reads the page exactly as the
publisher wrote it while the fetches stay on this machine. Icons are served as generated images.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.server import LocalServer

DIGEST_HOST = "digest.example.org"
RSS = {"Content-Type": "application/rss+xml"}
_ABSOLUTE = re.compile(r"https?:(\\?/\\?/)([a-z0-9][a-z0-9.-]*[a-z0-9])(?=[/\\\"'?# ])", re.I)


@dataclass(frozen=True)
class RealPage:
    """One page of the zyte set: its id, original address and headline for the feed."""

    key: str
    url: str
    title: str


# Three reports of one event (bubonic plague cases in China, November 2019) from three publishers.
PLAGUE = (
    RealPage(
        "432362af0be43f6da757ea778bd7f2f000094a565bdebac5af7442987a5372f3",
        "https://nypost.com/2019/11/18/chinese-hunter-catches-bubonic-plague-after-eating-wild-rabbit/",
        "Chinese hunter catches bubonic plague after eating wild rabbit",
    ),
    RealPage(
        "8b194530308204139d9c8f7d495a26b117c78756ac1802cfc3c0a8bfdf2c0d50",
        "https://www.thesun.co.uk/news/10371941/hunter-diagnosed-bubonic-plague-eating-rabbit-third-beijing-l/",
        "Hunter diagnosed with bubonic plague after eating rabbit, third case in China",
    ),
    RealPage(
        "ba4dfe2d3e817ff7b8b01172ccc307850fc5469bcdd26c3c48ca046cb88ab7cf",
        "https://www.express.co.uk/news/science/1205992/bubonic-plague-china-plague-news-the-plague-pneumonic",
        "Bubonic plague: third case of plague in China",
    ),
)


def resolve_locally(host: str, port: int) -> list[str]:
    """The test resolver: every host name is this machine."""
    return ["127.0.0.1"]


def real_page(datasets: Path, key: str) -> str:
    path = datasets / "extraction" / "zyte" / "html" / f"{key}.html.gz"
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def localised(html: str, port: int) -> str:
    """Every absolute http(s) address of the page, on the local server's port over http."""
    return _ABSOLUTE.sub(lambda m: f"http:{m.group(1)}{m.group(2)}:{port}", html)


def local_url(url: str, port: int) -> str:
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"http://{parts.hostname}:{port}{parts.path}{query}"


def icon_png(size: int, colour: tuple[int, int, int] = (180, 30, 40)) -> bytes:
    """A square icon: a coloured tile with a white bar (a publisher's mark, drawn here)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (size, size), (*colour, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle([size // 4, size // 3, size * 3 // 4, size * 2 // 3], fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def serve_icons(server: LocalServer, html: str, colour: tuple[int, int, int]) -> None:
    """Answer every icon path the page names with a PNG of the declared size (180 by default)."""
    for match in re.finditer(r"<link[^>]+>", html, re.I):
        tag = match.group(0)
        if "icon" not in tag.lower():
            continue
        href = re.search(r'href="([^"]+)"', tag)
        if href is None:
            continue
        path = urlsplit(href.group(1).replace("&amp;", "&")).path
        sizes = re.search(r'sizes="(\d+)x\d+', tag)
        server.add(
            path,
            icon_png(int(sizes.group(1)) if sizes else 180, colour),
            headers={"Content-Type": "image/png"},
        )


def digest_feed(
    server: LocalServer,
    datasets: Path,
    pages: tuple[RealPage, ...] = PLAGUE,
    *,
    now: datetime | None = None,
    icons: bool = False,
) -> str:
    """Serve ``pages`` and a digest feed that links to them; return the feed's address."""
    now = now or datetime.now(UTC)
    colours = [(180, 30, 40), (20, 90, 160), (30, 120, 60)]
    items = []
    for i, page in enumerate(pages):
        html = localised(real_page(datasets, page.key), server.port)
        server.add(urlsplit(page.url).path, html)
        if icons:
            serve_icons(server, html, colours[i % len(colours)])
        link = local_url(page.url, server.port)
        when = format_datetime(now - timedelta(minutes=20 * (i + 1)))
        items.append(
            f"<item><title>{escape(page.title)}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link)}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape(page.title)}.</description></item>"
        )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Morning Digest</title><link>http://{DIGEST_HOST}:{server.port}/</link>"
        f"<description>The day's news from many publishers</description>{''.join(items)}"
        "</channel></rss>"
    )
    server.add("/digest.xml", feed, headers=RSS)
    return f"http://{DIGEST_HOST}:{server.port}/digest.xml"


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'
