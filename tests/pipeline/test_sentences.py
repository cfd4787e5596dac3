"""Splitting news text into numbered sentences."""

from __future__ import annotations

from newsdesk.pipeline.summarize import make_document, split_sentences
from newsdesk.pipeline.summarize.sentences import sentence_pieces


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


# An article as extraction gives it: a byline, a time stamp, a photo caption with its credit,
# an embedded tweet with its picture link and credit line, an Instagram credit, a caption run
# into a credit, and the wire's credit trailer, between the sentences of the story.
RIVERTON = """By Maria Lopez and Tom Berg, CNN
Updated 6:42 PM ET, Fri November 1, 2019
(CNN) The city council of Riverton voted 9 to 4 on Thursday to close the old harbour bridge to cars from January.
The decision follows two years of complaints about cracks in the bridge's concrete deck.
"The bridge is safe for people on foot, but not for 20,000 cars a day," council leader Ana Ruiz said after the vote.
Cyclists ride across the harbour bridge in Riverton on Thursday. (AP Photo/Jane Smith)
Ruiz announced the result on Twitter minutes after the meeting ended.
The harbour bridge closes to cars on January 6. Thank you to everyone who came tonight! pic.twitter.com/x7Yq2LmN0a
— Ana Ruiz (@AnaRuizRiverton) November 1, 2019
Shop owners on the east bank said they feared losing customers while the bridge is shut.
A post shared by Harbour Cafe Riverton (@harbourcafe) on Nov 1, 2019 at 9:14am PDT
The council will spend $3.2 million on a ferry service while the bridge is repaired.
The old harbour bridge at dusk. Photograph: Tom Berg/Reuters
Reporting by Tom Berg; Editing by Sara Cole
"""  # noqa: E501

RIVERTON_SENTENCES = [
    "(CNN) The city council of Riverton voted 9 to 4 on Thursday to close the old harbour "
    "bridge to cars from January.",
    "The decision follows two years of complaints about cracks in the bridge's concrete deck.",
    '"The bridge is safe for people on foot, but not for 20,000 cars a day," council leader '
    "Ana Ruiz said after the vote.",
    "Ruiz announced the result on Twitter minutes after the meeting ended.",
    "The harbour bridge closes to cars on January 6.",
    "Thank you to everyone who came tonight!",
    "Shop owners on the east bank said they feared losing customers while the bridge is shut.",
    "The council will spend $3.2 million on a ferry service while the bridge is repaired.",
]


def test_credits_captions_bylines_and_time_stamps_are_no_sentences() -> None:
    kinds = {piece.text: piece.kind for piece in sentence_pieces(RIVERTON)}
    assert kinds["By Maria Lopez and Tom Berg, CNN"] == "byline"
    assert kinds["Updated 6:42 PM ET, Fri November 1, 2019"] == "timestamp"
    assert kinds["Cyclists ride across the harbour bridge in Riverton on Thursday."] == "caption"
    assert kinds["pic.twitter.com/x7Yq2LmN0a"] == "picture link"
    assert kinds["— Ana Ruiz (@AnaRuizRiverton) November 1, 2019"] == "post credit"
    assert kinds[
        "A post shared by Harbour Cafe Riverton (@harbourcafe) on Nov 1, 2019 at 9:14am PDT"
    ] == ("post credit")
    assert kinds["The old harbour bridge at dusk."] == "caption"
    assert kinds["Photograph: Tom Berg/Reuters"] == "caption"
    assert kinds["Reporting by Tom Berg; Editing by Sara Cole"] == "credits"
    assert [text for text, kind in kinds.items() if not kind] == RIVERTON_SENTENCES


def test_documents_leave_out_what_is_no_sentence_and_keep_the_numbering() -> None:
    document = make_document("r", "Riverton closes its harbour bridge to cars", RIVERTON)
    assert [sentence.text for sentence in document.sentences] == RIVERTON_SENTENCES
    numbers = [int(sentence.id.split(":")[1]) for sentence in document.sentences]
    assert numbers == [2, 3, 4, 7, 8, 9, 12, 14]  # the n-th piece of the text, gaps and all
    everything = make_document("r", "", RIVERTON, keep_all=True)
    assert len(everything.sentences) == len(split_sentences(RIVERTON)) == 18


def test_prose_that_looks_like_a_credit_stays_a_sentence() -> None:
    text = (
        "By the end of the day, the vote was done.\n"
        "A new AP/NORC poll found that 51 percent of voters back the plan.\n"
        "Photos of the flooded square were shared thousands of times on Monday.\n"
        "He said the report, published at www.example.org/report, was wrong.\n"
        "On March 3, 2020, the council met again to discuss the bridge."
    )
    assert [piece.kind for piece in sentence_pieces(text)] == ["", "", "", "", ""]


def test_wire_copy_lines_are_no_sentences() -> None:
    text = (
        "http: / / nypost. com / 2013 / 05 / 02 / lindsay - lohan - is - mia /\n"
        "May 2, 2013 | 5: 03pm\n"
        "7: 15 a. m. Dec. 7, 2009\n"
        "AUGUST 2, 2013 | 08: 06AM PT\n"
        "Lohan reportedly pulled up to the clinic in an SUV but never got out."
    )
    assert [piece.kind for piece in sentence_pieces(text)] == [
        "address",
        "timestamp",
        "timestamp",
        "timestamp",
        "",
    ]
