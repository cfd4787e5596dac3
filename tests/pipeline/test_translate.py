"""Machine translation in the pipeline: batches, prompts, parsing numbered lines, and the checks
that hold across languages, on sentence pairs in German, French and Arabic.

The detected language is given to the checks as the desk would find it, with
``newsdesk.pipeline.lang`` (a test may use both stages; the pipeline modules may not).
"""

from __future__ import annotations

import pytest

from newsdesk.pipeline.lang import detect_language
from newsdesk.pipeline.summarize import CitedSentence, SourceSentence, SummarizeError
from newsdesk.pipeline.summarize.translate import (
    batches,
    build_prompt,
    parse_translation,
)
from newsdesk.pipeline.summarize.translation_checks import check_pair, check_translation, fill_gaps

SOURCE = (
    SourceSentence("7:0", "Ukraine and Russia exchanged prisoners of war on Friday."),
    SourceSentence("7:1", "In all, 390 Ukrainian soldiers came home through Belarus."),
    SourceSentence("7:2", "The exchange was brokered by the United Arab Emirates."),
    SourceSentence("7:3", "Details are at https://example.org/swap-2026 for now."),
)


def checked(original: str, translation: str, target: str) -> list[str]:
    """The problems of one pair, with the language detected as the desk detects it."""
    return check_pair(original, translation, target, detect_language(translation), "en")


# --- batches and prompts -----------------------------------------------------------------------


def test_batches_keep_order_and_bounds() -> None:
    sentences = [SourceSentence(f"a:{n}", "x" * 100) for n in range(20)]
    runs = batches(sentences, max_sentences=8, max_chars=500)
    assert [s.id for run in runs for s in run] == [s.id for s in sentences]
    assert all(len(run) <= 5 for run in runs)  # 500 characters hold five sentences of 100
    long = [SourceSentence("b:0", "y" * 2000), SourceSentence("b:1", "short")]
    assert [len(run) for run in batches(long, max_chars=500)] == [1, 1]


def test_prompt_numbers_the_batch_and_names_the_languages() -> None:
    prompt = build_prompt(SOURCE[1:3], "de", source_language="en")
    user = prompt.messages[-1]["content"]
    assert "from English into German" in user
    assert "[1] In all, 390 Ukrainian soldiers came home through Belarus." in user
    assert "[2] The exchange was brokered" in user
    assert "[3]" not in user
    assert dict(prompt.numbers) == {1: "7:1", 2: "7:2"}
    assert prompt.task == "translation" and prompt.language == "de"
    assert 96 <= prompt.max_tokens <= 2048


def test_prompt_refuses_unknown_languages_and_empty_batches() -> None:
    with pytest.raises(SummarizeError):
        build_prompt(SOURCE, "klingon")
    with pytest.raises(SummarizeError):
        build_prompt((), "de")


def test_numbered_lines_cite_their_sentences() -> None:
    prompt = build_prompt(SOURCE, "fr")
    text = (
        "Voici la traduction :\n"
        "[1] L'Ukraine et la Russie ont échangé des prisonniers de guerre vendredi.\n"
        "2. Au total, 390 soldats ukrainiens sont rentrés\n"
        "par la Biélorussie.\n"
        "[3][4] L'échange a été négocié par les Émirats arabes unis [9]."
    )
    sentences, notes = parse_translation(prompt, text)
    assert [s.cites for s in sentences] == [("7:0",), ("7:1",), ("7:2", "7:3")]
    assert sentences[1].text == "Au total, 390 soldats ukrainiens sont rentrés par la Biélorussie."
    assert "Voici" not in " ".join(s.text for s in sentences)  # the preamble is dropped
    assert sentences[2].text.endswith("[9].")  # a number inside the line is text, not a cite
    assert notes == []


def test_unnumbered_lines_go_by_position_only_when_the_counts_agree() -> None:
    prompt = build_prompt(SOURCE[:2], "de")
    sentences, _ = parse_translation(prompt, "Erster Satz hier.\nZweiter Satz hier.")
    assert [s.cites for s in sentences] == [("7:0",), ("7:1",)]
    assert parse_translation(prompt, "Nur ein Satz.\n")[0] == []


def test_unknown_and_repeated_numbers_are_noted_and_left_out() -> None:
    prompt = build_prompt(SOURCE[:2], "de")
    text = "[1] Erster Satz.\n[1] Noch einmal der erste.\n[5] Erfunden.\n[2] Zweiter Satz."
    sentences, notes = parse_translation(prompt, text)
    assert [(s.text, s.cites) for s in sentences] == [
        ("Erster Satz.", ("7:0",)),
        ("Zweiter Satz.", ("7:1",)),
    ]
    assert any("5" in note for note in notes) and any("7:0" in note for note in notes)


def test_thinking_and_bold_numbers_are_read() -> None:
    prompt = build_prompt(SOURCE[:1], "de")
    text = "<think>how to say it</think>\n**[1]** Die Ukraine und Russland tauschten Gefangene."
    sentences, _ = parse_translation(prompt, text)
    assert sentences == [CitedSentence("Die Ukraine und Russland tauschten Gefangene.", ("7:0",))]


# --- the checks, on real pairs -----------------------------------------------------------------

GOOD = [
    (
        "In all, 390 Ukrainian soldiers came home on Friday, officials in Kyiv said.",
        "Insgesamt kehrten am Freitag 390 ukrainische Soldaten nach Hause zurück, teilten "
        "Beamte in Kiew mit.",
        "de",
    ),
    (
        "The company earned 1,200 million euros in March, Olaf Scholz said.",
        "Das Unternehmen verdiente im März 1.200 Millionen Euro, sagte Olaf Scholz.",
        "de",
    ),
    (
        "President Volodymyr Zelensky met the United Nations envoy on Tuesday.",
        "Präsident Wolodymyr Selenskyj traf am Dienstag den Gesandten der Vereinten Nationen.",
        "de",
    ),
    (
        "The meeting starts at 10:30 on Monday, Joe Biden said.",
        "La réunion commence lundi à 10 h 30, a déclaré Joe Biden.",
        "fr",
    ),
    (
        "Inflation rose to 3.5 percent in May, the statistics office said.",
        "L'inflation a atteint 3,5 % en mai, a indiqué l'office statistique.",
        "fr",
    ),
    (
        "The full report is at https://example.org/report-2026 and costs nothing.",
        "Le rapport complet se trouve sur https://example.org/report-2026 et est gratuit.",
        "fr",
    ),
    (
        "The minister resigned on Monday after 12 years in office.",
        "استقال الوزير يوم الاثنين بعد 12 عاما في منصبه.",
        "ar",
    ),
    (
        "About 300 homes were flooded in March, the fire service said.",
        "غمرت المياه نحو ٣٠٠ منزل في مارس، بحسب الدفاع المدني.",
        "ar",
    ),
]


@pytest.mark.parametrize(("original", "translation", "target"), GOOD)
def test_faithful_translations_pass(original: str, translation: str, target: str) -> None:
    assert checked(original, translation, target) == []


BAD = [
    (  # a changed number and weekday
        "The minister resigned on Monday after 12 years in office.",
        "استقال الوزير يوم الثلاثاء بعد 15 عاما في منصبه.",
        "ar",
        ["number 12", "date Monday"],
    ),
    (  # a name swapped for another
        "The company earned 1,200 million euros, Olaf Scholz said.",
        "Das Unternehmen verdiente 1.200 Millionen Euro, sagte Angela Merkel.",
        "de",
        ["name Olaf Scholz"],
    ),
    (  # the web address lost
        "The full report is at https://example.org/report-2026 and costs nothing.",
        "Le rapport complet se trouve sur notre site et il est gratuit pour tous.",
        "fr",
        ["number 2026", "address https://example.org/report-2026"],
    ),
    (  # the sentence left in English
        "Inflation rose to 3.5 percent in May, the statistics office said.",
        "Inflation rose to 3.5 percent in May, the statistics office said.",
        "fr",
        ["language en"],
    ),
    (  # half of it dropped
        "Ukraine and Russia exchanged prisoners of war on Friday in the largest swap since the "
        "spring, officials in Kyiv said after a long night of talks at the border.",
        "Échange vendredi.",
        "fr",
        ["length ratio"],
    ),
]


@pytest.mark.parametrize(("original", "translation", "target", "expected"), BAD)
def test_unfaithful_translations_fail(
    original: str, translation: str, target: str, expected: list[str]
) -> None:
    problems = checked(original, translation, target)
    for problem in expected:
        assert any(p.startswith(problem) for p in problems), problems


def test_month_words_are_months_only_when_they_are() -> None:
    assert (
        checked(
            "Thousands march in Paris on Friday.", "Des milliers défilent à Paris vendredi.", "fr"
        )
        == []
    )


def test_german_nouns_are_not_names() -> None:
    original = "Die Regierung in Berlin beschloss am Montag neue Hilfen für Landwirte."
    translation = "The government in Berlin approved new aid for farmers on Monday."
    assert check_pair(original, translation, "en", detect_language(translation), "de") == []


def test_check_translation_uses_the_cited_sentences() -> None:
    sentences = [
        CitedSentence("Insgesamt kehrten 390 ukrainische Soldaten über Belarus heim.", ("7:1",)),
        CitedSentence("Vermittelt haben die Vereinigten Arabischen Emirate.", ("7:9",)),
    ]
    sources = {s.id: s.text for s in SOURCE}
    result = check_translation(sentences, sources, ["de", "de"], "de", "en")
    assert result[0].supported is True
    assert result[1].supported is False and result[1].problems == ("no source sentence",)
    with pytest.raises(ValueError):
        check_translation(sentences, sources, ["de"], "de")


def test_fill_gaps_accounts_for_every_source_sentence() -> None:
    translated = [
        CitedSentence("Satz drei.", ("7:2",), supported=True),
        CitedSentence("Satz eins.", ("7:0",), supported=True),
    ]
    every = fill_gaps(translated, SOURCE)
    assert [s.cites for s in every] == [("7:0",), ("7:1",), ("7:2",), ("7:3",)]
    gaps = [s for s in every if not s.text]
    assert [g.cites for g in gaps] == [("7:1",), ("7:3",)]
    assert all(g.supported is False and g.problems == ("not translated",) for g in gaps)
