"""Per-source boilerplate: fingerprints, the recurrence decider, removal, learning end to end."""

from __future__ import annotations

from collections import Counter

from newsdesk.pipeline.extract import (
    extract_article,
    line_fingerprints,
    remove_boilerplate,
    select_boilerplate,
)
from newsdesk.pipeline.extract.boilerplate import MAX_LINE_WORDS, fingerprint
from newsdesk.types import ExtractedArticle
from tests.pipeline.test_extract_pages import news_page

# Recurring widgets inside the article element, worded so that no built-in promotion pattern
# knows them: only learning can remove them.
ASSISTANT = "Ask the Courier assistant to explain this story in plain words."
EDITION = "Courier readers get the morning edition before seven, wherever they are."
COOKIES = (
    "We use cookies and similar tools to measure traffic and to remember the choices you make "
    "on this site; you can change them at any time in the settings page."
)
RELATED = "Related: more harbour coverage from our coastal desk"
WIDGETS = (ASSISTANT, EDITION, COOKIES, RELATED)

TOPICS = (
    ("library", "reading room", "librarians", "shelves"),
    ("bridge", "river crossing", "engineers", "cables"),
    ("school", "new classrooms", "teachers", "timetables"),
    ("market", "covered stalls", "traders", "awnings"),
    ("stadium", "north stand", "supporters", "turnstiles"),
    ("hospital", "maternity ward", "midwives", "incubators"),
    ("railway", "branch line", "signallers", "sleepers"),
    ("museum", "maritime gallery", "curators", "display cases"),
)


def story(place: str, part: str, people: str, things: str) -> list[str]:
    return [
        f"The town council voted on Monday to renovate the {place}, whose {part} has been "
        f"closed since the winter floods reached its foundations.",
        f"According to the {people}, the {things} will be replaced first, and the {part} "
        f"should reopen to the public before the end of the year.",
        f"Several residents told the meeting that the {place} mattered to them, and asked "
        f"that the {people} be consulted before any of the {things} are removed.",
    ]


def page_of(topic: tuple[str, str, str, str]) -> str:
    paragraphs = story(*topic)
    middle = [*paragraphs[:2], ASSISTANT, EDITION, paragraphs[2], COOKIES, RELATED]
    return news_page(title=f"Council to renovate the {topic[0]}", paragraphs=middle)


def test_fingerprint_ignores_case_spacing_punctuation_and_digits() -> None:
    assert fingerprint("Posted 4 hours ago") == fingerprint("posted   7 HOURS ago!")
    assert fingerprint("Posted 4 hours ago") != fingerprint("Posted 4 days ago")
    assert fingerprint("  ... ") == ""


def test_line_fingerprints_skip_long_lines_and_blank_ones() -> None:
    long_line = " ".join(["word"] * (MAX_LINE_WORDS + 1))
    text = f"Short line one\n\n{long_line}\nShort line two\n"

    assert line_fingerprints(text) == {fingerprint("Short line one"), fingerprint("Short line two")}


def test_select_boilerplate_needs_min_pages_and_min_share() -> None:
    counts = {"a": 3, "b": 2, "c": 10, "d": 20}

    assert select_boilerplate(counts, 10) == {"a", "c", "d"}
    assert select_boilerplate(counts, 50) == {"c", "d"}  # a needs 10 pages of 50
    assert select_boilerplate(counts, 100) == {"d"}
    assert select_boilerplate(counts, 10, min_pages=4) == {"c", "d"}
    assert select_boilerplate(counts, 0) == frozenset()


def test_remove_boilerplate_on_text_only_article() -> None:
    article = ExtractedArticle(url="u", text="Keep this.\n\nTry the app now\n\nAnd this.")

    cleaned = remove_boilerplate(article, frozenset({fingerprint("try the app now")}))

    assert cleaned.text == "Keep this.\n\nAnd this."
    assert remove_boilerplate(article, frozenset()) is article


def test_remove_boilerplate_on_html_keeps_text_and_html_in_step() -> None:
    article = ExtractedArticle(
        url="u",
        text="Keep this.\n\nTry the app now\n\nAnd this.",
        html='<p>Keep this.</p><p>Try the app now</p><p>And <a href="https://x.example/">this</a>.</p>',
    )

    cleaned = remove_boilerplate(article, frozenset({fingerprint("try the app now")}))

    assert cleaned.text == "Keep this.\n\nAnd this."
    assert "Try the app" not in cleaned.html
    assert 'href="https://x.example/"' in cleaned.html


def test_recurring_lines_of_a_source_are_learned_and_removed() -> None:
    counts: Counter[str] = Counter()
    for seen, topic in enumerate(TOPICS, start=1):
        page = extract_article(page_of(topic), f"https://courier.example/news/{topic[0]}")
        counts.update(line_fingerprints(page.text))
        recurring = select_boilerplate(counts, seen)
        cleaned = remove_boilerplate(page, recurring)
        if seen < 3:  # min_pages: nothing can recur yet
            continue

        assert cleaned.text.split("\n\n") == story(*topic)
        for widget in WIDGETS:
            assert widget not in cleaned.text
            assert widget not in cleaned.html
        again = extract_article(
            page_of(topic), f"https://courier.example/news/{topic[0]}", boilerplate=recurring
        )
        assert again.text == cleaned.text


def test_widgets_are_kept_before_they_recur() -> None:
    counts: Counter[str] = Counter()
    page = extract_article(page_of(TOPICS[0]), "https://courier.example/news/a")
    counts.update(line_fingerprints(page.text))

    kept = remove_boilerplate(page, select_boilerplate(counts, 1)).text
    for widget in (ASSISTANT, EDITION, COOKIES):  # only learning can remove these
        assert widget in kept
    assert RELATED not in kept  # a built-in promotion pattern


def test_a_story_published_on_several_pages_is_not_boilerplate() -> None:
    counts: Counter[str] = Counter()
    pages_seen = 0
    repeated = TOPICS[0]
    schedule = [repeated, *TOPICS[1:], repeated, *TOPICS[1:], repeated, *TOPICS[1:4]]
    for topic in schedule:
        page = extract_article(page_of(topic), f"https://courier.example/news/{topic[0]}")
        counts.update(line_fingerprints(page.text))
        pages_seen += 1
    recurring = select_boilerplate(counts, pages_seen)
    last = remove_boilerplate(
        extract_article(page_of(repeated), "https://courier.example/news/x"), recurring
    )

    assert pages_seen == 20  # the story is on 3 pages of 20: under the 20% share
    assert last.text.split("\n\n") == story(*repeated)
