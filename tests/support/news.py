"""Small, realistic news documents for tests: RSS feeds and article pages written here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the river ferry service to three new stops, "
    "a plan that commuters on the east bank have requested for more than a decade.",
    "Officials said the first boats would run in the spring, once the landing stages are "
    "rebuilt, and that fares would stay the same as on the existing line.",
    "Opponents argued that the money would be better spent on buses, which carry four times as "
    "many passengers, but the motion passed by eleven votes to four.",
    "The transport department expects about 6,000 journeys a day on the extended route within "
    "its first year, according to figures presented to the council.",
]


def article_page(
    title: str,
    *,
    paragraphs: list[str] | None = None,
    extra: str = "",
    canonical: str = "",
    published: str = "2026-03-10T08:00:00Z",
) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in (paragraphs or PARAGRAPHS))
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(title)} | The Example Times</title>{link}
<meta property="og:title" content="{escape(title)}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Jane Reporter">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1><p class="byline">By Jane Reporter</p>
{body}
{extra}
</article>
<footer>Copyright The Example Times. All rights reserved.</footer>
</body></html>"""


def rss_feed(
    items: list[dict[str, str]],
    *,
    title: str = "The Example Times",
    link: str = "https://example.test/",
) -> str:
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    rendered = []
    for i, item in enumerate(items):
        when = format_datetime(start - timedelta(hours=i))
        rendered.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f"<guid>{escape(item.get('guid', item['link']))}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape(item.get('summary', PARAGRAPHS[0]))}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<description>News</description>{''.join(rendered)}</channel></rss>"
    )
