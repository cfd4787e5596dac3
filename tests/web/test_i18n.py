"""The interface in English, German and Arabic: choosing the language, translated pages, dates,
plural forms, right to left, the page cache per language, and the compiled catalogues."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import translation

from newsdesk.web.links import article_path
from newsdesk.web.templatetags.reading import relative_time
from tests.web.conftest import MakeArticle
from tests.web.test_stories_pages import make_story, other_source

LOCALE = Path(settings.LOCALE_PATHS[0])
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "web" / "templates"
TRANSLATED = ("de", "ar")


def page(client: Client, url: str, **headers: str) -> tuple[str, dict[str, str]]:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), dict(response.headers)


# --- Choosing the language ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_german_browser_gets_the_german_home_page(
    client: Client, make_article: MakeArticle
) -> None:
    make_article()
    html, headers = page(client, "/", accept_language="de-DE,de;q=0.9,en;q=0.5")
    assert '<html lang="de" dir="ltr">' in html
    assert ">Neueste</" in html and ">Suche</a>" in html and ">Anmelden</a>" in html
    assert ">vor 4 Stunden</time>" in html
    assert "Die Artikel gehören ihren Verlagen" in html
    assert headers["Content-Language"] == "de"
    assert "Ferry service reaches the east bank" in html  # articles are not translated


@pytest.mark.django_db
def test_an_arabic_browser_gets_a_right_to_left_page(
    client: Client, make_article: MakeArticle
) -> None:
    make_article()
    html, headers = page(client, "/", accept_language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert ">الأحدث</" in html and ">البحث</a>" in html and ">تسجيل الدخول</a>" in html
    assert ">قبل 4 ساعات</time>" in html
    assert headers["Content-Language"] == "ar"


@pytest.mark.django_db
def test_without_a_choice_the_page_is_english(client: Client, make_article: MakeArticle) -> None:
    make_article()
    html, _ = page(client, "/")
    assert '<html lang="en" dir="ltr">' in html and ">4 hours ago</time>" in html
    html, _ = page(client, "/", accept_language="fr-FR,fr;q=0.9")  # not offered: English
    assert '<html lang="en" dir="ltr">' in html


@pytest.mark.django_db
def test_the_language_cookie_wins_over_the_browser(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html, _ = page(client, "/search/", accept_language="de")
    assert '<html lang="ar" dir="rtl">' in html and "ابحث في المقالات" in html


@pytest.mark.django_db
def test_the_footer_switcher_sets_the_language_without_a_csrf_token() -> None:
    # A strict client: the switcher must work from a cached anonymous page, which has no token.
    client = Client(enforce_csrf_checks=True)
    html, _ = page(client, "/search/")
    switcher = r'<form class="language-switch" id="language-switch" method="post" action="([^"]+)">'
    form = re.search(switcher, html)
    assert form is not None and "csrfmiddlewaretoken" not in html
    assert 'name="next" value="/search/"' in html
    response = client.post(form.group(1), {"language": "de", "next": "/search/"})
    assert response.status_code == 302 and response["Location"] == "/search/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "de" and int(cookie["max-age"]) >= 300 * 24 * 3600
    assert cookie["samesite"] == "Lax"
    html, _ = page(client, "/search/", accept_language="en")
    assert '<html lang="de" dir="ltr">' in html and "Artikel durchsuchen" in html
    assert '<option value="de" lang="de" selected>Deutsch</option>' in html


@pytest.mark.django_db
def test_the_switcher_refuses_a_foreign_next_address_and_an_unknown_language() -> None:
    client = Client()
    response = client.post("/language/", {"language": "de", "next": "https://evil.test/"})
    assert response.status_code == 302 and response["Location"] == "/"
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


# --- Pages, dates and plurals ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_arabic_article_page_keeps_an_english_article_left_to_right(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article(language="en", published_at=datetime(2026, 3, 5, 9, 7, tzinfo=UTC))
    html, _ = page(client, article_path(article), accept_language="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 class="headline" lang="en" dir="ltr">Ferry service reaches the east bank</h1>' in (
        html
    )
    assert '<div class="article-body" lang="en" dir="ltr"><p>The council voted' in html
    assert ">5 مارس 2026، 09:07 UTC</time>" in html
    assert "لا توجد تعليقات بعد." in html and "بقلم Jane Reporter" in html
    assert "اقرأ الأصل على The Example Times" in html


@pytest.mark.django_db
def test_the_german_article_page_has_german_dates_and_words(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article(language="en", published_at=datetime(2026, 3, 5, 9, 7, tzinfo=UTC))
    html, _ = page(client, article_path(article), accept_language="de")
    assert ">5. März 2026, 09:07 UTC</time>" in html
    assert "Noch keine Kommentare." in html and "Von Jane Reporter" in html
    assert ">Kernpunkte</button>" in html
    # An English article in the German interface is marked as English, direction unchanged.
    assert '<div class="article-body" lang="en" dir="ltr">' in html


@pytest.mark.django_db
def test_an_arabic_article_runs_right_to_left_in_the_english_interface(
    client: Client, make_article: MakeArticle
) -> None:
    article = make_article("العبّارة تصل إلى الضفة الشرقية", language="ar")
    html, _ = page(client, article_path(article))
    assert '<html lang="en" dir="ltr">' in html
    assert '<h1 class="headline" lang="ar" dir="rtl">العبّارة تصل إلى الضفة الشرقية</h1>' in html


@pytest.mark.django_db
def test_story_cards_count_sources_in_each_language(
    client: Client, make_article: MakeArticle
) -> None:
    age = timedelta(hours=2)
    second, third = other_source("River Gazette"), other_source("Harbour Wire")
    make_story([make_article("Two sources", age=age), make_article("Two", of=second, age=age)])
    make_story(
        [
            make_article("Three sources", age=age),
            make_article("Three", of=second, age=age),
            make_article("Three again", of=third, age=age),
        ]
    )
    english, _ = page(client, "/")
    german, _ = page(client, "/", accept_language="de")
    arabic, _ = page(client, "/", accept_language="ar")
    assert "2 sources" in english and "3 sources" in english
    assert "2 Quellen" in german and "3 Quellen" in german and ">Top-Storys</h1>" in german
    assert ">مصدران</span>" in arabic and ">3 مصادر</span>" in arabic


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["0 sources", "1 source", "2 sources", "3 sources", "11 sources", "100 sources"]),
        ("de", ["0 Quellen", "1 Quelle", "2 Quellen", "3 Quellen", "11 Quellen", "100 Quellen"]),
        # Arabic has six forms: zero, one, two, a few (3-10), many (11-99), and the rest.
        ("ar", ["لا مصادر", "مصدر واحد", "مصدران", "3 مصادر", "11 مصدرًا", "100 مصدر"]),
    ],
)
def test_plural_forms_follow_each_language(language: str, expected: list[str]) -> None:
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} source"
        "{% plural %}{{ counter }} sources{% endblocktranslate %}"
    )
    with translation.override(language):
        got = [template.render(Context({"n": n})) for n in (0, 1, 2, 3, 11, 100)]
    assert got == expected


@pytest.mark.parametrize(
    ("language", "past", "future", "moment"),
    [
        ("en", "4 hours ago", "in 2 days", "just now"),
        ("de", "vor 4 Stunden", "in 2 Tagen", "gerade eben"),
        ("ar", "قبل 4 ساعات", "خلال يومين", "الآن"),
    ],
)
def test_relative_times_use_the_language(
    language: str, past: str, future: str, moment: str
) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    with translation.override(language):
        assert relative_time(now - timedelta(hours=4, minutes=59), now) == past
        assert relative_time(now + timedelta(days=2, hours=1), now) == future
        assert relative_time(now - timedelta(seconds=20), now) == moment


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["1 day ago", "2 days ago", "3 days ago", "11 days ago", "2 years ago"]),
        ("de", ["vor 1 Tag", "vor 2 Tagen", "vor 3 Tagen", "vor 11 Tagen", "vor 2 Jahren"]),
        ("ar", ["قبل يوم واحد", "قبل يومين", "قبل 3 أيام", "قبل 11 يومًا", "قبل سنتين"]),
    ],
)
def test_relative_times_have_each_languages_plural_and_case(
    language: str, expected: list[str]
) -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    ages = [timedelta(days=days) for days in (1, 2, 3, 11, 800)]
    with translation.override(language):
        assert [relative_time(now - age, now) for age in ages] == expected


@pytest.mark.django_db
def test_form_labels_and_messages_are_translated(client: Client) -> None:
    html, _ = page(client, "/search/?since=not-a-date", accept_language="de")
    assert ">Suche</h1>" in html and "Seit:" in html  # the field's label before its error
    html, _ = page(client, "/search/", accept_language="ar")
    assert "كل المصادر" in html


@pytest.mark.django_db
def test_a_signed_in_reader_gets_the_profile_in_arabic(client: Client) -> None:
    reader = User.objects.create_user("reader", "reader@example.test", "a password for tests")
    client.force_login(reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    html, headers = page(client, "/me/")
    assert '<html lang="ar" dir="rtl">' in html
    assert "ملفك الشخصي" in html and "المنطقة الزمنية" in html and "احفظ الملف الشخصي" in html
    assert "مسجّل الدخول باسم <strong><bdi>reader@example.test</bdi></strong>" in html
    assert "Cookie" in headers["Vary"]
    answer = client.post("/me/app-password/", {"password": "ferries at dawn 42"}, follow=True)
    assert "عُيّنت كلمة مرور التطبيقات." in answer.content.decode()  # the flash message


# --- The page cache keeps one copy per language ----------------------------------------------

CACHED = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *settings.MIDDLEWARE,
    "django.middleware.cache.FetchFromCacheMiddleware",
]


@pytest.fixture
def page_cache() -> Iterator[None]:
    cache.clear()
    with override_settings(MIDDLEWARE=CACHED, CACHE_MIDDLEWARE_SECONDS=30):
        yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_the_page_cache_never_serves_one_language_to_another(make_article: MakeArticle) -> None:
    make_article("First article")
    visitor = Client()
    german, headers = page(visitor, "/", accept_language="de")
    english, _ = page(visitor, "/", accept_language="en")
    assert '<html lang="de"' in german and '<html lang="en"' in english
    vary = {part.strip() for part in headers["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary
    assert "max-age=30" in headers["Cache-Control"]

    make_article("Second article")  # not on the cached pages until they expire
    german_again, _ = page(Client(), "/", accept_language="de")
    english_again, _ = page(Client(), "/", accept_language="en")
    assert german_again == german and english_again == english
    assert "Second article" not in german_again

    arabic, _ = page(Client(), "/", accept_language="ar")  # a language not yet cached
    assert '<html lang="ar" dir="rtl">' in arabic and "Second article" in arabic
    chosen = Client()
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    by_cookie, _ = page(chosen, "/", accept_language="en")
    assert '<html lang="de"' in by_cookie


# --- The catalogues --------------------------------------------------------------------------


def unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda match: escapes[match.group(1)], body)


def read_po(path: Path) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (by form) and flags."""
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {}
    field = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, field = {}, ""
        elif line.startswith("#,"):
            entry["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field.startswith("msgstr"):
                forms = entry["msgstr"]
                assert isinstance(forms, dict)
                forms[int(field[7:-1] or 0)] += unquote(line)
            else:
                entry[field] = str(entry[field]) + unquote(line)
        else:
            field = line.split(" ", 1)[0]
            if field.startswith("msgstr"):
                forms = entry.setdefault("msgstr", {})
                assert isinstance(forms, dict)
                forms[int(field[7:-1] or 0)] = unquote(line)
            else:
                entry[field] = unquote(line)
    return entries


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(language: str) -> None:
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    header = entries[0]["msgstr"]
    assert isinstance(header, dict)
    plurals = int(re.search(r"nplurals=(\d+)", header[0]).group(1))  # type: ignore[union-attr]
    assert plurals == {"de": 2, "ar": 6}[language]
    assert len(entries) > 300
    for entry in entries[1:]:
        forms = entry["msgstr"]
        assert isinstance(forms, dict)
        assert "fuzzy" not in entry.get("flags", set()), entry["msgid"]
        assert all(forms.values()), f"untranslated: {entry['msgid']!r}"
        if "msgid_plural" in entry:
            assert sorted(forms) == list(range(plurals)), entry["msgid"]
        placeholders = set(re.findall(r"%\((\w+)\)", str(entry["msgid"])))
        for form in forms.values():
            assert set(re.findall(r"%\((\w+)\)", form)) <= placeholders, entry["msgid"]


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_compiled_catalogue_matches_its_source(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for entry in read_po(folder / "django.po"):
        forms = entry["msgstr"]
        assert isinstance(forms, dict)
        if "msgid_plural" in entry:
            expected.update({(entry["msgid"], n): text for n, text in forms.items()})
        else:
            expected[entry["msgid"]] = forms[0]
    # msgfmt leaves the creation date out of the compiled header; the rest must be the same.
    header = re.sub(r"POT-Creation-Date: [^\n]*\n", "", str(expected.pop("")))
    assert catalog.pop("") == header
    assert catalog == expected, "the .mo is stale: run scripts/messages"


TRANSLATE_TAG = re.compile(r"""\{% translate "((?:[^"\\]|\\.)*)"(?: [^%]*)? %\}""")


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogues_hold_every_string_of_the_templates(language: str) -> None:
    """A template string missing from a catalogue means scripts/messages was not run."""
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    known = {entry["msgid"] for entry in entries}
    missing = {
        f"{path.relative_to(TEMPLATES)}: {text}"
        for path in TEMPLATES.rglob("*.html")
        for text in TRANSLATE_TAG.findall(path.read_text(encoding="utf-8"))
        if text not in known
    }
    assert not missing, sorted(missing)
