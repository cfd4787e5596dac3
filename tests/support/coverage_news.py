"""A small newsroom whose publishers carry different facts, and stories placed by the desk.

Sources carry a country and a language (decision 59); articles are stored ready and placed with
``place_article``, so a wire text republished by several sources becomes one story through the
desk's own copy detection, as it does in a real run.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.stories import place_article, terms
from newsdesk.sources.models import Source

_numbers = count(1)

QUAKE_AR = (
    "ضرب زلزال بقوة 6.1 درجات قبالة سواحل شمال تشيلي يوم الثلاثاء، بحسب هيئة المسح الجيولوجي "
    "الأمريكية. ووقع الزلزال قرب مدينة إيكيكي على عمق عشرين كيلومترا. وغادر سكان إيكيكي وأريكا "
    "منازلهم وتجمعوا في المرتفعات، وقالت البحرية إنها لا تتوقع حدوث موجات تسونامي. وأعلنت وزارة "
    "الداخلية أنه لم ترد تقارير فورية عن أضرار أو إصابات، وقال علماء في سانتياغو إن سلسلة الهزات "
    "التي تشهدها المنطقة منذ أسبوعين تخضع لمراقبة دقيقة تحسبا لزلزال أكبر على امتداد صفيحة نازكا."
)
FERRY_EN = (
    "The city council approved three new ferry stops on the east bank on Monday, after a year "
    "of consultation with residents and the port authority. The first boats will call at the "
    "new piers in the spring, the transport committee said, and fares will match the buses. "
    "Residents of the east bank had asked for a crossing since the old bridge closed for "
    "repairs, and the port authority said the piers would also take the harbour's water taxis."
)


def publisher(name: str, country: str = "", language: str = "") -> Source:
    """A source with the facts given (an empty one is unknown)."""
    slug = name.lower().replace(" ", "-")
    return Source.objects.create(
        name=name,
        slug=slug,
        home_url=f"https://{slug}.example.test/",
        domain=f"{slug}.example.test",
        country=country,
        language=language,
        languages=language,
    )


def publish(source: Source, title: str, text: str, when: datetime, language: str) -> Article:
    number = next(_numbers)
    return Article.objects.create(
        url=f"https://{source.slug}.example.test/news/{number}",
        url_hash=f"cov{number:029d}",
        source=source,
        title=title,
        description=text[:140],
        text=text,
        language=language,
        published_at=when,
        status=ArticleStatus.READY,
        body_origin=BodyOrigin.PAGE,
    )


def placed_story(articles: list[Article], now: datetime) -> int:
    """Place ``articles`` through the desk; the story they all joined."""
    terms.forget()
    stories = {place_article(article.pk, now=now).story_id for article in articles}
    assert len(stories) == 1, stories
    return stories.pop()


def newsroom(now: datetime) -> dict[str, object]:
    """Five Arabic-language publishers of the Middle East, five English-language ones (two in
    the United Kingdom, three in North America) and one of unknown facts. An Arabic wire text
    on a quake is carried by the five Arabic ones and the unknown one; an English report on
    ferries by four English ones and one Arabic."""
    arabic = [
        publisher(name, country, "ar")
        for name, country in (
            ("Doha Daily", "QA"),
            ("Riyadh Post", "SA"),
            ("Cairo Courier", "EG"),
            ("Gulf Times Wire", "AE"),
            ("Amman Herald", "JO"),
        )
    ]
    english = [
        publisher(name, country, "en")
        for name, country in (
            ("London Ledger", "GB"),
            ("Thames Star", "GB"),
            ("Boston Bulletin", "US"),
            ("Denver Dispatch", "US"),
            ("Toronto Tribune", "CA"),
        )
    ]
    unknown = publisher("Mystery Wire")
    when = now - timedelta(hours=3)
    quake = [
        publish(s, "زلزال قوي يضرب شمال تشيلي", QUAKE_AR, when + timedelta(minutes=i), "ar")
        for i, s in enumerate(arabic)
    ]
    quake.append(publish(unknown, "زلزال في تشيلي", QUAKE_AR, when + timedelta(minutes=9), ""))
    ferry = [
        publish(s, "Council approves ferry stops", FERRY_EN, when + timedelta(minutes=i), "en")
        for i, s in enumerate(english[1:])
    ]
    ferry.append(publish(arabic[0], "Ferry stops approved", FERRY_EN, when, "en"))
    return {
        "arabic": arabic,
        "english": english,
        "unknown": unknown,
        "quake": placed_story(quake, now),
        "ferry": placed_story(ferry, now),
    }
