"""Reader-facing pages in real Chromium against a real ``newsdesk serve`` behind a local
publisher: the styled 404 page with the site's navigation, in English and, once the reader
switches the interface, in German; a reader choosing a display name and seeing it on their
comment, never their e-mail; and a feed that breaks shown failing, with where it breaks, on its
source's page."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.site import (
    CHROMIUM,
    NEWSDESK,
    RSS,
    Site,
    child_env,
    headline,
    route_images,
    run_in_site,
    sign_up,
    start_site,
)

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
NAV_EN = ["Latest", "For you", "Topics", "Local", "Blindspots", "Search", "Saved"]
NAV_DE = ["Neueste", "Für Sie", "Themen", "Lokal", "Blinde Flecken", "Suche", "Gespeichert"]
# Well-formed up to its second line, then a tag that is no tag: no item can be read from it.
BROKEN_FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<rss version="2.0"><channel><title>Harbour Gazette</title><<<item>'
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    running = start_site(tmp_path_factory.mktemp("reader-pages-site"))
    yield running
    running.stop()


def new_page(browser: Any, locale: str = "en-GB") -> Any:
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    route_images(context)
    return context.new_page()


def nav_items(page: Any) -> list[str]:
    return [text.strip() for text in page.locator(".masthead nav li").all_inner_texts()]


def test_the_404_page_is_a_page_of_the_site_in_the_readers_language(
    browser: Any, site: Site
) -> None:
    page = new_page(browser)
    answer = page.goto(site.url + "/no-such-page/")
    assert answer is not None and answer.status == 404
    expect(page.locator("h1")).to_have_text("This page is not here")
    assert page.title() == "Page not found · newsdesk"
    assert nav_items(page) == NAV_EN
    # Styled by the site's stylesheet: the masthead sticks, the search row lays out.
    masthead = page.locator(".masthead")
    assert masthead.evaluate("m => getComputedStyle(m).position") == "sticky"
    assert page.locator(".error-code").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    # Its way on: the search box finds articles, and the navigation leads home.
    page.get_by_label("Search the news").fill("lighthouse")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.wait_for_url("**/search/?q=lighthouse")
    expect(page.get_by_role("link", name=headline(0), exact=True)).to_be_visible()

    page.goto(site.url + "/no-such-page/")
    page.select_option("#language-choice", "de")
    page.locator("#language-switch button").click()
    page.wait_for_url(site.url + "/no-such-page/")  # back where the reader was, now in German
    assert page.locator("html").get_attribute("lang") == "de"
    expect(page.locator("h1")).to_have_text("Diese Seite gibt es hier nicht")
    assert page.title() == "Seite nicht gefunden · newsdesk"
    assert nav_items(page) == NAV_DE
    expect(page.get_by_label("Nachrichten durchsuchen")).to_be_visible()
    page.locator(".masthead nav").get_by_role("link", name="Neueste").click()
    page.wait_for_url(site.url + "/")
    expect(page.locator("#river .card").first).to_be_visible()
    page.context.close()


def nav_state(page: Any) -> dict[str, Any]:
    """The phone navigation's rows, scroll and hints as the browser lays them out."""
    return dict(
        page.locator(".masthead nav").evaluate(
            """nav => {
            const row = nav.querySelector("ul");
            const links = [...row.querySelectorAll("a")];
            const hint = (which) => Number(getComputedStyle(nav, which).opacity);
            return {
                tops: [...new Set(links.map((a) => Math.round(a.getBoundingClientRect().top)))],
                heights: links.map((a) => a.getBoundingClientRect().height),
                overflow: row.scrollWidth - row.clientWidth,
                scrolled: Math.abs(row.scrollLeft),
                end: hint("::after"),
                navRight: nav.getBoundingClientRect().right,
                last: links.at(-1).getBoundingClientRect().toJSON(),
            };
        }"""
        )
    )


@pytest.mark.parametrize(("locale", "label"), [("en-GB", "Saved"), ("ar", "المحفوظات")])
def test_on_a_phone_the_navigation_is_one_row_that_scrolls_with_a_hint(
    browser: Any, site: Site, locale: str, label: str
) -> None:
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/")
    state = nav_state(page)
    # Seven links in one row of 40 px targets, wider than the screen: the row scrolls.
    assert len(state["tops"]) == 1, state
    assert min(state["heights"]) >= 40, state
    assert state["overflow"] > 0 and state["scrolled"] == 0, state
    # The hint at the row's end shows; the last link is out of sight.
    assert state["end"] == 1, state
    rtl = locale == "ar"
    assert (state["last"]["right"] <= 0) if rtl else (state["last"]["left"] >= 390), state
    # Tab reaches the last link and brings it into view; then the hint has gone.
    last = page.locator(".masthead nav").get_by_role("link", name=label, exact=True)
    for _ in range(20):
        page.keyboard.press("Tab")
        if last.evaluate("a => a === document.activeElement"):
            break
    state = nav_state(page)
    assert state["scrolled"] > 0, state
    assert state["last"]["left"] >= 0 and state["last"]["right"] <= 390, state
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.masthead nav'), '::after').opacity < 0.05"
    )
    last.press("Enter")
    page.wait_for_url(site.url + "/saved/")
    context.close()


# The layout shifts since the page began whose moved elements lie in the masthead (the row and
# what is around it); shifts elsewhere on a page that is still loading are not the row's doing.
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            const here = (s) => s.node && s.node.closest && s.node.closest(".masthead");
            if (entry.sources.some(here)) total += entry.value;
        }
    }).observe({ type: "layout-shift", buffered: true });
    setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize(("locale", "label"), [("en-GB", "Saved"), ("ar", "المحفوظات")])
def test_on_a_phone_the_current_entry_is_in_view_on_load(
    browser: Any, site: Site, locale: str, label: str
) -> None:
    """The last entry's page: its link is marked and the row starts scrolled to it, clear of the
    hint at the row's end, with no layout shift and the page itself not scrolled."""
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/saved/")
    page.wait_for_load_state("load")
    nav = page.locator(".masthead nav")
    expect(nav.locator("[aria-current]")).to_have_count(1)
    current = nav.get_by_role("link", name=label, exact=True)
    expect(current).to_have_attribute("aria-current", "page")
    state = nav_state(page)
    assert state["scrolled"] > 0, state
    hint = 35  # the fade and chevron at the row's end (2.25rem, less a pixel of rounding)
    if locale == "ar":
        assert state["last"]["left"] >= hint and state["last"]["right"] <= 390, state
    else:
        assert state["last"]["left"] >= 0 and state["last"]["right"] <= 390 - hint, state
    assert page.evaluate(LAYOUT_SHIFT) == 0
    assert page.evaluate("window.scrollY") == 0
    context.close()


# Every layout shift of the page, whatever moved, and whether the "nothing saved" note was ever
# drawn; recorded from before the page's first byte (an init script).
WATCH_SAVED_PAGE = """
window.__shifts = [];
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        const moved = entry.sources.map((source) => {
            const node = source.node;
            const element = node && (node.nodeType === 1 ? node : node.parentElement);
            return element ? `${element.tagName}.${element.className}` : "?";
        });
        window.__shifts.push([entry.value, moved]);
    }
}).observe({ type: "layout-shift", buffered: true });
window.__emptyShown = false;
(function look() {
    const empty = document.querySelector("[data-saved-empty]");
    if (empty && empty.getClientRects().length) window.__emptyShown = true;
    if (document.readyState !== "complete" || performance.now() < 3000) requestAnimationFrame(look);
})();
"""
SAVE_ARTICLES = """async (count) => {
    const cache = await caches.open("newsdesk-saved");
    for (let i = 1; i <= count; i++) {
        const page = `<meta property="og:title" content="Saved article ${i}">`;
        await cache.put(`/article/${i}/saved-${i}/`, new Response(page, {
            headers: { "Content-Type": "text/html" },
        }));
    }
}"""


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_on_a_slow_phone_the_saved_page_does_not_move_while_its_list_arrives(
    browser: Any, site: Site, locale: str
) -> None:
    """Fifteen saved articles, written into the page by saved.js after it is shown, on a phone
    whose CPU runs six times slower: nothing the reader sees moves (the footer used to be drawn
    at the screen's foot, grow as its last lines were read, then be pushed away by the list:
    shifts of 0.03 to 0.20 by the titles' length), and the "nothing saved" note never shows
    (decision 93)."""
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/saved/")
    page.evaluate(SAVE_ARTICLES, 15)
    devtools = context.new_cdp_session(page)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    page.add_init_script(WATCH_SAVED_PAGE)
    page.reload()
    expect(page.locator("[data-saved-list] > li")).to_have_count(15)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    shifts, shown = page.evaluate("[window.__shifts, window.__emptyShown]")
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 1})  # the next tests run at speed
    assert shifts == []
    assert shown is False
    # With nothing saved, the note shows.
    page.evaluate("caches.delete('newsdesk-saved')")
    page.reload()
    expect(page.locator("[data-saved-empty]")).to_be_visible()
    context.close()


# The brand's last part (the icon right to left, the word left to right) taken out, the page
# drawn without it, then put back, as when a slow phone's parser pauses between the two: the
# layout shifts that follow.
BRAND_PARTS_APART = """async () => {
    const drawn = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const brand = document.querySelector(".masthead .brand");
    const last = brand.lastChild;
    brand.removeChild(last);
    await drawn();
    const shifts = [];
    const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) shifts.push(entry.value);
    });
    observer.observe({ type: "layout-shift" });
    brand.appendChild(last);
    await drawn();
    await drawn();
    observer.disconnect();
    return shifts;
}"""


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_brand_does_not_move_when_its_icon_and_word_are_drawn_apart(
    browser: Any, site: Site, locale: str, width: int
) -> None:
    """Right to left the brand is anchored at the right: its icon drawn first, then moved left by
    the word, was a shift of the masthead (0.0013 at 390 px); the word now comes first there."""
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/saved/")
    page.wait_for_load_state("load")
    brand = page.locator(".masthead .brand")
    assert brand.inner_text().strip() == "newsdesk"
    icon, word = (
        brand.locator("img").bounding_box(),
        page.evaluate(
            """() => {
            const range = document.createRange();
            const text = [...document.querySelector(".masthead .brand").childNodes]
                .find((node) => node.nodeType === 3 && node.textContent.trim());
            range.selectNodeContents(text);
            return range.getBoundingClientRect().x;
        }"""
        ),
    )
    assert icon is not None and icon["x"] < word  # the icon on the word's left in both
    assert page.evaluate(BRAND_PARTS_APART) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_current_entry_is_marked_by_more_than_colour(
    browser: Any, site: Site, scheme: str
) -> None:
    """A bar under the current entry's link (the accent colour is not the only difference), and
    under no other link."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site.url + "/topics/")
    page.mouse.move(0, 800)  # hovering underlines a link too
    bars = page.locator(".masthead nav a").evaluate_all(
        """links => links.map((a) => {
            const style = getComputedStyle(a);
            return style.textDecorationLine === "underline" ? style.textDecorationThickness : "";
        })"""
    )
    topics = NAV_EN.index("Topics")
    assert bars == ["3px" if i == topics else "" for i in range(len(NAV_EN))], bars
    context.close()


def test_on_a_wide_screen_the_navigation_shows_every_link_without_hints(
    browser: Any, site: Site
) -> None:
    page = new_page(browser)
    page.goto(site.url + "/")
    state = nav_state(page)
    assert len(state["tops"]) == 1 and state["overflow"] == 0, state
    assert page.locator(".masthead nav").evaluate(
        "nav => getComputedStyle(nav, '::after').content"
    ) in ("none", "normal")
    page.context.close()


def open_commentable_article(page: Any, site: Site) -> str:
    """Open an article from the home page; its address. The site's articles are all placed in
    stories before the tests begin (``start_site``), so its comments are open."""
    page.goto(site.url + "/")
    # The article's card in the river (a top story led by it links to the story's page).
    page.locator("#river").get_by_role("link", name=headline(3), exact=True).first.click()
    page.wait_for_url(re.compile(r".*/article/\d+/[\w-]+/$"))
    expect(page.get_by_text("Comments open once")).to_have_count(0)
    return str(page.url)


def test_a_reader_chooses_a_display_name_and_sees_it_on_their_comment(
    browser: Any, site: Site
) -> None:
    email = "mariam.haddad@example.test"
    page = new_page(browser)
    sign_up(page, site, email)
    url = open_commentable_article(page, site)
    comments = page.locator("#comments")
    comments.get_by_label("Add a comment").fill("The new landings will help the east bank.")
    comments.get_by_role("button", name="Post comment").click()
    author = comments.locator(".comment .comment-author").first
    expect(author).to_have_text(re.compile(r"^Reader \d+$"))  # not chosen yet: a number

    page.goto(site.url + "/me/")
    name = page.get_by_label("Display name")
    name.fill("Moderator")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("This display name cannot be used; choose another.")).to_be_visible()
    name = page.get_by_label("Display name")
    name.fill("Mariam H.")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_label("Display name")).to_have_value("Mariam H.")

    page.goto(url)
    expect(page.locator("#comments .comment .comment-author").first).to_have_text("Mariam H.")
    visitor = new_page(browser)
    visitor.goto(url)
    theirs = visitor.locator("#comments .comment").first
    expect(theirs.locator(".comment-author")).to_have_text("Mariam H.")
    card = theirs.locator("article.comment-card")
    assert card.get_attribute("aria-label") == "Comment by Mariam H."
    for seen in (page, visitor):
        html = seen.content()
        assert "mariam.haddad" not in html and email not in html
    page.context.close()
    visitor.context.close()


def test_a_broken_feed_is_shown_failing_with_its_reason_on_its_source_page(
    browser: Any, site: Site, tmp_path: Path
) -> None:
    broken = site.publisher.add("/gazette.xml", BROKEN_FEED, headers=RSS)
    opml = tmp_path / "gazette.opml"
    opml.write_text(
        f'<opml version="2.0"><body><outline type="rss" text="Harbour Gazette" '
        f'xmlUrl="{broken}"/></body></opml>'
    )
    imported = subprocess.run(
        [*NEWSDESK, "import-opml", str(opml)],
        env=child_env(site.data_dir),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0 and "not checked yet" in imported.stderr
    slug = run_in_site(
        site,
        "from newsdesk.sources.models import Feed; "
        f"print(Feed.objects.get(url={broken!r}).source.slug)",
    ).split()[-1]
    editor = new_page(browser)
    sign_up(editor, site, "editor@example.test")
    run_in_site(
        site,
        "from django.contrib.auth.models import User; "
        "User.objects.filter(email='editor@example.test').update(is_staff=True)",
    )
    row = editor.locator(".feed-health tbody tr").filter(has_text=broken)
    deadline = time.monotonic() + 180  # the site's own workers check the new feed
    while True:
        editor.goto(f"{site.url}/source/{slug}/")
        if row.count() and "failing" in (row.get_attribute("class") or ""):
            break
        assert time.monotonic() < deadline, "the broken feed was never checked"
        time.sleep(2)
    error = row.locator(".feed-error")
    expect(error).to_contain_text("malformed feed: not well-formed (invalid token) at line 2")
    expect(error).to_contain_text("no items could be read")
    assert error.evaluate("e => getComputedStyle(e).color") == "rgb(179, 38, 30)"  # in red
    assert row.locator("td").nth(4).inner_text() == "1"  # failures in a row
    assert row.locator("td").nth(2).inner_text() != "never"
    visitor = new_page(browser)
    visitor.goto(f"{site.url}/source/{slug}/")
    expect(visitor.locator(".feed-health")).to_have_count(0)  # the health is for staff
    editor.context.close()
    visitor.context.close()
