"""The Google News sitemap: the last two days of original articles, each with its publication,
language, date and title, in the shape of Google's News sitemap schema; listed in robots.txt."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from newsdesk.articles.models import Article
from newsdesk.sources.models import Source
from newsdesk.web.links import article_path
from tests.support.following import make_article, make_copy, make_source, make_story

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}

# The required part of Google's News sitemap schema (sitemap-news.xsd, 2010), restated: a news
# element holds, in any order, one publication (a name, then a language of two or three letters,
# or zh-cn / zh-tw), one publication_date (a W3C date or date and time) and one title; access,
# genres, keywords and stock_tickers are optional.
NEWS_XSD = f"""\
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="{NEWS_NS}"
            xmlns="{NEWS_NS}" elementFormDefault="qualified">
  <xsd:element name="news">
    <xsd:complexType>
      <xsd:all>
        <xsd:element name="publication">
          <xsd:complexType>
            <xsd:sequence>
              <xsd:element name="name" type="xsd:string"/>
              <xsd:element name="language">
                <xsd:simpleType>
                  <xsd:restriction base="xsd:language">
                    <xsd:pattern value="zh-cn|zh-tw|[a-z]{{2,3}}"/>
                  </xsd:restriction>
                </xsd:simpleType>
              </xsd:element>
            </xsd:sequence>
          </xsd:complexType>
        </xsd:element>
        <xsd:element name="access" type="xsd:string" minOccurs="0"/>
        <xsd:element name="genres" type="xsd:string" minOccurs="0"/>
        <xsd:element name="publication_date">
          <xsd:simpleType>
            <xsd:union memberTypes="xsd:date xsd:dateTime"/>
          </xsd:simpleType>
        </xsd:element>
        <xsd:element name="title">
          <xsd:simpleType>
            <xsd:restriction base="xsd:string"><xsd:minLength value="1"/></xsd:restriction>
          </xsd:simpleType>
        </xsd:element>
        <xsd:element name="keywords" type="xsd:string" minOccurs="0"/>
        <xsd:element name="stock_tickers" type="xsd:string" minOccurs="0"/>
      </xsd:all>
    </xsd:complexType>
  </xsd:element>
</xsd:schema>
"""
NEWS_SCHEMA = etree.XMLSchema(etree.fromstring(NEWS_XSD.encode()))


def news_sitemap(client: Client) -> etree._Element:
    answer = client.get("/news-sitemap.xml")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/xml")
    root = etree.fromstring(answer.content)
    assert root.tag == f"{{{SITEMAP_NS}}}urlset"
    assert root.nsmap == {None: SITEMAP_NS, "news": NEWS_NS}
    for url in root:
        assert url.tag == f"{{{SITEMAP_NS}}}url"
        assert [child.tag for child in url] == [f"{{{SITEMAP_NS}}}loc", f"{{{NEWS_NS}}}news"]
        NEWS_SCHEMA.assertValid(url.find("news:news", NS))
    return root


def entries(root: etree._Element) -> dict[str, dict[str, str]]:
    """Each listed address with its news fields."""
    found = {}
    for url in root.iterfind("s:url", NS):
        news = url.find("news:news", NS)
        found[url.findtext("s:loc", namespaces=NS) or ""] = {
            "name": news.findtext("news:publication/news:name", namespaces=NS) or "",
            "language": news.findtext("news:publication/news:language", namespaces=NS) or "",
            "date": news.findtext("news:publication_date", namespaces=NS) or "",
            "title": news.findtext("news:title", namespaces=NS) or "",
        }
    return found


def address(article: Article) -> str:
    return f"http://testserver{article_path(article)}"


def test_the_last_two_days_of_articles_with_publication_date_and_title(client: Client) -> None:
    now = timezone.now()
    times = make_source("The Times & Post", now)
    fresh = make_article(times, "Ferry <timetable> changes", now, hours_ago=3, language="en-GB")
    older = make_article(times, "Bridge repairs begin", now, hours_ago=47, language="en")
    stale = make_article(times, "Harbour dredged", now, hours_ago=49, language="en")
    future = make_article(times, "Tomorrow's tides", now, hours_ago=-5, language="en")
    found = entries(news_sitemap(client))
    assert set(found) == {address(fresh), address(older)}
    assert address(stale) not in found and address(future) not in found
    assert found[address(fresh)] == {
        "name": "The Times & Post",
        "language": "en",
        "date": fresh.published_at.replace(microsecond=0).isoformat(),
        "title": "Ferry <timetable> changes",
    }
    assert datetime.fromisoformat(found[address(older)]["date"]) == older.published_at.replace(
        microsecond=0
    )


def test_languages_in_google_news_codes(client: Client) -> None:
    now = timezone.now()
    source = make_source("Daily", now)
    Source.objects.filter(pk=source.pk).update(language="de")
    source.refresh_from_db()
    cases = {
        "zh-Hant-TW": "zh-tw",
        "zh-HK": "zh-tw",
        "zh": "zh-cn",
        "zh-Hans": "zh-cn",
        "pt-BR": "pt",
        "fil": "fil",
        "": "de",  # unknown: the source's language
    }
    made = {code: make_article(source, f"Story {code}", now, language=code) for code in cases}
    found = entries(news_sitemap(client))
    assert {code: found[address(a)]["language"] for code, a in made.items()} == cases


def test_articles_without_title_or_language_copies_and_control_characters(
    client: Client,
) -> None:
    now = timezone.now()
    unknown = make_source("Unknown", now)
    untitled = make_article(unknown, "", now, language="en")
    nameless = make_article(unknown, "No language anywhere", now, language="")
    noisy = make_article(unknown, "Vote\x0b count\x01 ends", now, language="en")
    original = make_article(unknown, "Wire story", now, language="en")
    make_story([original], now)
    copy = make_copy(original, make_source("Reprints", now), now)
    found = entries(news_sitemap(client))
    assert address(untitled) not in found and address(nameless) not in found
    assert address(copy) not in found and address(original) in found
    assert found[address(noisy)]["title"] == "Vote count ends"


def test_an_empty_news_sitemap_is_still_a_sitemap(client: Client) -> None:
    assert len(news_sitemap(client)) == 0


def test_robots_txt_lists_both_sitemaps(client: Client) -> None:
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml\n" in robots
    assert "Sitemap: http://testserver/news-sitemap.xml\n" in robots
