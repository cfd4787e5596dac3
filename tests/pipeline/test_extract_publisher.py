"""Reading a page's publisher: its name (refusing names that lie) and its icon candidates."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsdesk.pipeline.extract import extract_article, parse_page, read_publisher
from newsdesk.types import IconKind, IconLink
from tests.support.news import article_page


def page(head: str, title: str = "Ferry service reaches the east bank") -> str:
    return article_page(title).replace("</head>", f"{head}</head>", 1)


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def name_of(head: str, url: str = "https://www.harbourpost.com/news/1") -> str:
    return read_publisher(parse_page(page(head)), url, title="Ferry service").name


def test_og_site_name_then_json_ld_then_application_name() -> None:
    publisher = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "LD"}}
    og = '<meta property="og:site_name" content="Harbour Post">'
    app = '<meta name="application-name" content="Harbour App">'
    assert name_of(og + ld(publisher) + app) == "Harbour Post"
    assert name_of(ld(publisher) + app) == "LD"
    assert name_of(app) == "Harbour App"
    assert name_of("") == ""


@pytest.mark.parametrize(
    "lie",
    [
        "",
        "   ",
        "Home",
        "HOMEPAGE",
        "News",
        "Ferry service",  # the headline again
        "Breaking news, world news, sport, weather, business and culture from every region",
        "https://www.harbourpost.com",
        "—",
    ],
)
def test_names_that_lie_are_refused(lie: str) -> None:
    assert name_of(f'<meta property="og:site_name" content="{lie}">') == ""


def test_a_lying_site_name_gives_way_to_a_believable_one() -> None:
    head = '<meta property="og:site_name" content="Home">' + ld(
        {"publisher": {"name": "Harbour Post"}}
    )
    assert name_of(head) == "Harbour Post"


def test_a_name_matching_the_host_wins_over_a_sections_name() -> None:
    """reuters.com says og:site_name "U.S." (the section) and JSON-LD publisher "Reuters"."""
    head = '<meta property="og:site_name" content="U.S.">' + ld({"publisher": {"name": "Reuters"}})
    assert name_of(head, "https://www.reuters.com/article/1") == "Reuters"
    assert name_of(head, "https://www.example.com/article/1") == "U.S."


def test_a_tagline_is_cut_to_the_name() -> None:
    head = '<meta property="og:site_name" content="LinkNaija | Nigeria\'s news platform">'
    assert name_of(head, "https://www.linknaija.com/2018/1.html") == "LinkNaija"


def test_json_ld_publisher_by_reference_and_loose_json() -> None:
    graph = {
        "@graph": [
            {"@type": "NewsArticle", "publisher": {"@id": "#org"}},
            {"@id": "#org", "@type": "NewsMediaOrganization", "name": "Harbour Post",
             "logo": {"url": "/logo.png", "width": 512, "height": 512}},
        ]
    }  # fmt: skip
    found = read_publisher(parse_page(page(ld(graph))), "https://harbourpost.com/a")
    assert found.name == "Harbour Post"
    assert found.icons == (IconLink("https://harbourpost.com/logo.png", IconKind.LOGO, 512, 512),)
    loose = """<script type='application/ld+json'>{'x': 1, "publisher": {"name": "Loose"}}"""
    loose += "</script>"
    assert name_of(loose) == "Loose"


def test_icons_with_their_sizes_kinds_and_types() -> None:
    head = (
        '<link rel="icon" href="/favicon.ico" type="image/x-icon">'
        '<link rel="icon" sizes="16x16 192x192" href="/icon-192.png" type="image/png">'
        '<link rel="apple-touch-icon-precomposed" href="//cdn.harbourpost.com/touch.png">'
        '<link rel="mask-icon" href="/pin.svg" color="#000">'
        '<link rel="icon" href="javascript:alert(1)">'
        '<meta property="og:logo" content="/og-logo.png">'
    )
    icons = read_publisher(parse_page(page(head)), "https://www.harbourpost.com/news/1").icons
    assert icons == (
        IconLink("https://www.harbourpost.com/favicon.ico", IconKind.ICON, 0, 0, "image/x-icon"),
        IconLink("https://www.harbourpost.com/icon-192.png", IconKind.ICON, 192, 192, "image/png"),
        IconLink("https://cdn.harbourpost.com/touch.png", IconKind.TOUCH),
        IconLink("https://www.harbourpost.com/og-logo.png", IconKind.LOGO),
    )


def test_extracted_articles_carry_the_publisher() -> None:
    html = page('<meta property="og:site_name" content="Harbour Post">'
                '<link rel="apple-touch-icon" href="/t.png">')  # fmt: skip
    article = extract_article(html, "https://harbourpost.com/a")
    assert article.publisher == "Harbour Post"
    assert [i.url for i in article.icons] == ["https://harbourpost.com/t.png"]


def test_real_pages_name_their_publishers(datasets: Path) -> None:
    truth = json.loads((datasets / "extraction/zyte/ground-truth.json").read_text())
    expected = {
        "432362af0be43f6da757ea778bd7f2f000094a565bdebac5af7442987a5372f3": "New York Post",
        "8b194530308204139d9c8f7d495a26b117c78756ac1802cfc3c0a8bfdf2c0d50": "The Sun",
        "57d46c9d751e3fd3ffaf3ede7ac20cebd30eacb5ea78e1a6aa0a72059244e7ca": "Reuters",
        "70cb2d5bca75ab5a8f6bb378a38a52f882f6bda508de93b12502e74936d86ff2": "BBC News",
        "04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34": "",  # names none
    }
    found = {}
    for key in expected:
        html = gzip.decompress((datasets / f"extraction/zyte/html/{key}.html.gz").read_bytes())
        found[key] = read_publisher(parse_page(html), truth[key]["url"]).name
    assert found == expected
