"""Web feeds: a list page read as a feed with CSS or XPath selectors, and FreshRSS's OPML form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree

from newsdesk.errors import FeedParseError
from newsdesk.pipeline.feeds import read_opml, render_opml
from newsdesk.pipeline.feeds.webpage import PageRecipe, css_as_xpath, parse_web_feed
from newsdesk.types import FeedKind

BASE = "https://harbourtown.example/notices/"
PAGE = b"""<!doctype html><html lang="en-GB"><head><title>Notices | Harbour Town</title></head>
<body><nav><a href="/">Home</a></nav>
<main>
 <div class="notice"><h3>Ferry landing closed for repairs</h3>
  <a class="more" href="/notices/ferry-landing">Read the notice</a>
  <time datetime="2026-12-01T09:30:00+01:00">1 December</time>
  <div class="body">The east landing closes for two weeks.</div>
  <img src="/img/landing.jpg" alt=""></div>
 <div class="notice"><h3>Council meets on Thursday</h3>
  <a class="more" href="https://harbourtown.example/notices/council">Read</a>
  <span class="when">December 3, 2026 18:00</span>
  <div class="body">The agenda includes the ferry budget.</div></div>
 <div class="notice"><h3>A notice without a link</h3></div>
 <div class="notice"><h3>Ferry landing closed (again listed)</h3>
  <a href="/notices/ferry-landing">Same notice</a></div>
</main></body></html>"""


def test_css_selectors_read_items_with_their_parts() -> None:
    recipe = PageRecipe(
        item="div.notice", title="h3", link="a.more", date="time", summary=".body", image="img"
    )
    feed = parse_web_feed(PAGE, BASE, recipe)
    assert feed.kind is FeedKind.PAGE and feed.parser == "selectors"
    assert (feed.title, feed.language) == ("Notices | Harbour Town", "en")
    first, second = feed.entries  # no link: skipped; the same link twice: once
    assert first.url == "https://harbourtown.example/notices/ferry-landing"
    assert first.title == "Ferry landing closed for repairs"
    assert first.published == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert first.summary == "The east landing closes for two weeks."
    assert first.image_url == "https://harbourtown.example/img/landing.jpg"
    assert second.url == "https://harbourtown.example/notices/council"
    assert second.published is None  # no <time> in it


def test_written_dates_and_default_title_and_link() -> None:
    feed = parse_web_feed(PAGE, BASE, PageRecipe(item="div.notice", date="span.when"))
    council = feed.entries[1]
    assert council.title == "Council meets on Thursday"  # the item's first heading
    assert council.url.endswith("/notices/council")  # its first link
    assert council.published == datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def test_freshrss_xpath_expressions_work_as_written() -> None:
    recipe = PageRecipe(
        syntax="xpath",
        item='//div[@class="notice"]',
        title="descendant::h3",
        link="descendant::a/@href",
        date="descendant::time/@datetime",
        author='"Town hall"',
    )
    feed = parse_web_feed(PAGE, BASE, recipe)
    assert [entry.title for entry in feed.entries] == [
        "Ferry landing closed for repairs",
        "Council meets on Thursday",
    ]
    assert {entry.author for entry in feed.entries} == {"Town hall"}


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        (PageRecipe(item="div.notice["), "the item selector 'div.notice[' is not valid"),
        (PageRecipe(item="div.notice", title="h3::"), "the title selector"),
        (PageRecipe(syntax="xpath", item="//div[@"), "the item selector '//div[@' is not valid"),
        (PageRecipe(item="article.story"), "'article.story' matched nothing on the page"),
        (PageRecipe(item="nav"), "none of the 1 items the selector found has a link"),
    ],
)
def test_wrong_recipes_say_what_is_wrong(recipe: PageRecipe, message: str) -> None:
    if "matched nothing" in message or "none of" in message:
        recipe = PageRecipe(item=recipe.item, link="a.missing" if recipe.item == "nav" else "")
    with pytest.raises(FeedParseError, match=message.replace("[", r"\[")):
        parse_web_feed(PAGE, BASE, recipe)


def test_a_stored_recipe_is_checked() -> None:
    assert PageRecipe.from_dict({"item": " li ", "link": "a"}).item == "li"
    with pytest.raises(FeedParseError, match="unknown part of a web feed recipe: itme"):
        PageRecipe.from_dict({"itme": "li"})
    with pytest.raises(FeedParseError, match="needs an item selector"):
        PageRecipe.from_dict({"title": "h2"})
    with pytest.raises(FeedParseError, match="'css' or 'xpath'"):
        PageRecipe.from_dict({"item": "li", "syntax": "jq"})


def test_hostile_pages_give_items_or_a_clear_error() -> None:
    recipe = PageRecipe(item="div.notice")
    for page in (b"", b"\x00\xff" * 100, b"<div class='notice'>" * 5000, b"<html>"):
        try:
            feed = parse_web_feed(page, BASE, recipe)
        except FeedParseError:
            continue
        assert all(entry.url.startswith("https://") for entry in feed.entries)


def test_css_recipes_are_exported_for_freshrss_and_read_back() -> None:
    from newsdesk.pipeline.feeds import OutlineFeed

    recipe = PageRecipe(item="div.notice", title="h3", link="a.more", date="time")
    outline = OutlineFeed(BASE, "Town hall notices", BASE, ("Local",), recipe.as_dict())
    again = read_opml(render_opml([outline]).encode()).feeds
    assert len(again) == 1 and again[0].recipe["syntax"] == "xpath"
    xpath = PageRecipe.from_dict(again[0].recipe)
    # The exported XPath reads the same items as the CSS it came from.
    assert parse_web_feed(PAGE, BASE, xpath) == parse_web_feed(PAGE, BASE, recipe)
    assert etree.XPath(css_as_xpath("div.notice > h3"))  # compiles
