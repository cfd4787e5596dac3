"""The masthead marks the navigation entry a page belongs to (decision 85): ``aria-current="page"``
on the entry's own page, ``"true"`` on a page inside its section, on that one link only; pages
outside the navigation mark no link. The masthead is a kept fragment, so the marking is also
checked in an order that would show a wrong entry if the fragment were kept once for all pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client

from newsdesk.web.links import article_path
from newsdesk.web.templatetags import fragments
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db

# Address -> (the link marked, its aria-current).
NAV_PAGES = {
    "/": ("/", "page"),
    "/?page=2": ("/", "page"),
    "/for-you/": ("/for-you/", "page"),
    "/topics/": ("/topics/", "page"),
    "/topic/sports/": ("/topics/", "true"),
    "/local/": ("/local/", "page"),
    "/region/portugal/": ("/local/", "true"),
    "/region/?q=Springfield": ("/local/", "true"),
    "/blindspots/": ("/blindspots/", "page"),
    "/search/": ("/search/", "page"),
    "/search/?q=ferry": ("/search/", "page"),
    "/saved/": ("/saved/", "page"),
    "/accuracy/": ("/accuracy/", "page"),
}
NAV_LINKS = ["/", "/for-you/", "/topics/", "/local/", "/blindspots/", "/search/", "/saved/"]


class Marks(HTMLParser):
    """The links of the masthead's navigation, and every element that carries aria-current with
    where it sits (``nav``, ``footer`` or ``other``)."""

    def __init__(self) -> None:
        super().__init__()
        self.nav_links: list[str] = []
        self.current: list[tuple[str, str, str, str]] = []  # (where, tag, href, value)
        self.inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        where = "other"
        if "masthead-nav" in self.inside:
            where = "nav"
        elif "footer" in self.inside:
            where = "footer"
        if where == "nav" and tag == "a":
            self.nav_links.append(fields.get("href") or "")
        if "aria-current" in fields:
            self.current.append(
                (where, tag, fields.get("href") or "", fields["aria-current"] or "")
            )
        if tag == "nav" and fields.get("aria-label") == "Main":
            self.inside.append("masthead-nav")
        elif tag in ("nav", "footer"):
            self.inside.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("nav", "footer") and self.inside:
            self.inside.pop()


def marks(client: Client, url: str) -> Marks:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = Marks()
    found.feed(response.content.decode())
    return found


@pytest.fixture
def reader_client(client: Client) -> Client:
    client.force_login(User.objects.create_user("reader", "reader@example.test", "pw-long-7"))
    return client


@pytest.mark.parametrize("url", NAV_PAGES)
def test_a_page_of_the_navigation_marks_its_entry_only(reader_client: Client, url: str) -> None:
    href, value = NAV_PAGES[url]
    found = marks(reader_client, url)
    assert found.nav_links == NAV_LINKS
    where = "footer" if href == "/accuracy/" else "nav"
    # A region's breadcrumbs end in the region itself, a span marked as the page.
    assert [mark for mark in found.current if mark[1] == "a"] == [(where, "a", href, value)]


def test_a_visitor_sees_the_marking_too(client: Client) -> None:
    found = marks(client, "/topics/")
    assert "/for-you/" in found.nav_links
    assert found.current == [("nav", "a", "/topics/", "page")]


@pytest.mark.parametrize(
    "url", ["/me/", "/accounts/login/", "/editions/", "/source/example-times/"]
)
def test_a_page_outside_the_navigation_marks_no_link(
    client: Client, make_article: MakeArticle, url: str
) -> None:
    make_article()
    if url != "/accounts/login/":  # which sends a reader who is signed in home
        client.force_login(User.objects.create_user("reader", "reader@example.test", "pw-long-7"))
    found = marks(client, url)
    assert found.nav_links == NAV_LINKS
    assert [mark for mark in found.current if mark[1] == "a"] == []


def test_an_article_page_marks_no_link(client: Client, make_article: MakeArticle) -> None:
    found = marks(client, article_path(make_article()))
    assert found.nav_links == NAV_LINKS
    assert found.current == []


def test_a_missing_page_marks_no_link(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "aria-current" not in response.content.decode()


def test_the_kept_masthead_holds_one_text_per_entry(client: Client) -> None:
    """Pages of one entry share its kept text; each entry's text shows its own mark, in any
    order of visits, and visiting more pages of an entry keeps no more texts."""
    fragments._forget()
    order = ["/topics/", "/", "/topic/sports/", "/search/?q=ferry", "/topics/", "/", "/saved/"]
    for url in order:
        href, value = NAV_PAGES[url]
        assert marks(client, url).current == [("nav", "a", href, value)], url
    rows = [
        node for node in fragments._NODES if any(key[1:] == ("topics", "true") for key in node.kept)
    ]
    assert len(rows) == 1
    kept_before = dict(rows[0].kept)
    # One language; topics as a page and as a section, latest, search, saved.
    assert len(kept_before) == 5
    for url in ["/topics/", "/topic/sports/", "/topic/business/", "/", "/?page=2"]:
        marks(client, url)
    assert rows[0].kept == kept_before
