"""Hand-written news pages shared by the extraction tests (helpers only, no tests here)."""

from __future__ import annotations

from collections.abc import Sequence

STORY = (
    "The harbour authority approved a plan on Tuesday to rebuild the old ferry pier, which has "
    "been closed to foot traffic since a storm damaged its pilings two winters ago.",
    "Engineers told the board that the new pier would rest on steel piles driven twenty metres "
    "into the seabed, and that work could begin in the spring if the permits arrive on time.",
    "Residents who spoke at the meeting were mostly in favour, although several asked whether "
    "the fishing boats that tie up along the north side would lose their berths during the work.",
    "The authority said temporary moorings would be built at the marina before the first piles "
    "are driven, and that the fishing fleet would return to the pier once it reopens.",
    "The project is expected to cost about forty million, most of it covered by a regional "
    "infrastructure grant awarded last autumn, with the rest coming from harbour fees.",
)


def news_page(
    *,
    title: str = "Harbour board approves rebuilding of the old ferry pier",
    paragraphs: Sequence[str] = STORY,
    body_extras: Sequence[str] = (),
    after_body: str = "",
    head_extras: str = "",
    charset: str = "utf-8",
) -> str:
    """A news article page with the usual furniture around the story."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    extras = "\n".join(body_extras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>{title} | The Coastal Courier</title>
<link rel="canonical" href="/news/2025/06/harbour-pier">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Coastal Courier">
<meta property="og:image" content="/images/pier.jpg">
<meta name="description" content="The board voted to replace the storm-damaged pier.">
<meta name="author" content="Maria Lopez">
<meta property="article:published_time" content="2025-06-14T09:30:00+02:00">
{head_extras}
<script>window.tracking = {{"page": "article"}};</script>
<style>body {{ font-family: serif; }}</style>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/weather">Weather</a></nav></header>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By Maria Lopez</p>
{body}
{extras}
</article>
{after_body}
</main>
<footer><p>Contact us</p><p>Privacy policy</p></footer>
</body>
</html>"""
