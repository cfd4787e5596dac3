"""Splitting news text into numbered sentences."""

from __future__ import annotations

from newsdesk.pipeline.summarize import make_document, split_sentences


def test_abbreviations_initials_and_quotes_do_not_end_sentences() -> None:
    text = (
        "Mr. Smith flew to Washington on Jan. 5. He said “It is fine.” Then he left! "
        "The U.S. Army agreed with J. R. Tolkien's estate. It cost $5.4 million."
    )
    assert split_sentences(text) == [
        "Mr. Smith flew to Washington on Jan. 5.",
        "He said “It is fine.”",
        "Then he left!",
        "The U.S. Army agreed with J. R. Tolkien's estate.",
        "It cost $5.4 million.",
    ]


def test_lines_break_sentences_and_blanks_vanish() -> None:
    text = "Headline without a stop\n\n  The first   sentence.  \nA second one here."
    assert split_sentences(text) == [
        "Headline without a stop",
        "The first sentence.",
        "A second one here.",
    ]


def test_fragments_join_the_sentence_before() -> None:
    assert split_sentences("The vote passed by eleven to four. (AP)") == [
        "The vote passed by eleven to four. (AP)"
    ]


def test_documents_number_their_sentences() -> None:
    document = make_document(42, "Title", "One sentence here. Another sentence there.")
    assert [s.id for s in document.sentences] == ["42:0", "42:1"]
    assert document.sentence("42:1") is not None
    assert document.sentence("42:2") is None
    assert split_sentences("") == []
