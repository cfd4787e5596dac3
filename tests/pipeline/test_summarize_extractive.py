"""The extractive engine: cited summaries, key points, answers and multi-source briefs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.pipeline.summarize import Document, Engine, make_document
from newsdesk.pipeline.summarize.briefs import brief_parts
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine
from newsdesk.pipeline.summarize.ranking import junk, stem, trim

ARTICLE = (
    "WASHINGTON (AP) — The city council approved a new bridge across the Elm River on Tuesday "
    "after two years of debate over its cost. "
    "Photo: The old bridge at dusk. "
    "The bridge will cost 48 million dollars and carry four lanes of traffic and a cycle path. "
    "Council members voted seven to two in favour of the plan drawn up by the transport office. "
    "Click here to read more about our coverage. "
    "Construction is expected to start next spring and to last about three years. "
    "Residents near the river said they welcomed the project but worried about the noise. "
    "The old bridge, built in 1932, will stay open to pedestrians during the works. "
    "'It is a great day for the city.' "
    "The mayor said the bridge would cut commuting times for thousands of people."
)

TITLE = "Council approves new Elm River bridge"


def article() -> Document:
    return make_document("a1", TITLE, ARTICLE, source="Daily Planet")


def ids_of(document: Document) -> set[str]:
    return {sentence.id for sentence in document.sentences}


def test_it_is_an_engine() -> None:
    engine = ExtractiveEngine()
    assert isinstance(engine, Engine)
    assert engine.name == "extractive"


def test_summaries_cite_real_sentences_and_reuse_their_words() -> None:
    document = article()
    engine = ExtractiveEngine()
    for task in ("line", "paragraph", "key_points"):
        result = engine.summarize(document, task)
        assert result.task == task and result.engine == "extractive"
        assert result.sentences
        for sentence in result.sentences:
            assert len(sentence.cites) == 1
            assert sentence.cites[0] in ids_of(document)
            source = document.sentence(sentence.cites[0])
            assert source is not None and sentence.text in source.text


def test_line_is_one_sentence_and_the_dateline_is_trimmed() -> None:
    result = ExtractiveEngine().summarize(article(), "line")
    assert len(result.sentences) == 1
    assert result.sentences[0].text.startswith("The city council approved a new bridge")


def test_paragraph_is_three_sentences_in_document_order_without_junk() -> None:
    result = ExtractiveEngine().summarize(article(), "paragraph")
    assert len(result.sentences) == 3
    positions = [int(sentence.cites[0].split(":")[1]) for sentence in result.sentences]
    assert positions == sorted(positions)
    assert "Photo:" not in result.text and "Click here" not in result.text
    assert "great day" not in result.text  # a quote with nobody saying it


def test_key_points_are_three_to_five_distinct_sentences() -> None:
    result = ExtractiveEngine().summarize(article(), "key_points")
    cites = [sentence.cites[0] for sentence in result.sentences]
    texts = [sentence.text for sentence in result.sentences]
    assert 3 <= len(result.sentences) <= 5
    assert len(set(cites)) == len(cites) and len(set(texts)) == len(texts)


def test_an_empty_document_gives_an_empty_summary() -> None:
    result = ExtractiveEngine().summarize(make_document("e", "", ""), "paragraph")
    assert result.sentences == ()


def test_a_related_question_picks_the_sentence_with_the_number() -> None:
    result = ExtractiveEngine().answer(article(), "How much will the bridge cost?")
    assert result.answered and result.task == "answer"
    assert "48 million" in result.sentences[0].text
    assert all(cite in ids_of(article()) for cite in result.cited_ids())
    assert len(result.sentences) <= 2


def test_a_when_question_picks_the_sentence_with_the_date() -> None:
    result = ExtractiveEngine().answer(article(), "When will construction start?")
    assert result.answered
    assert "next spring" in result.text


def test_an_unrelated_question_is_not_answered() -> None:
    engine = ExtractiveEngine()
    for question in (
        "What is the capital of France?",
        "Who won the football match yesterday?",
        "",
    ):
        result = engine.answer(article(), question)
        assert result.answered is False, question
        assert result.sentences == ()


LEAD = "Heavy storms flooded the harbour district of Porto on Sunday, forcing 300 people to leave."


def source(number: int, extra: str, published: datetime | None = None) -> Document:
    text = f"{LEAD} {extra}"
    return make_document(
        f"d{number}",
        "Floods in Porto",
        text,
        source=f"S{number}",
        **({"published_at": published} if published else {}),
    )


def test_a_brief_collapses_a_repeated_sentence_into_one_citing_every_source() -> None:
    documents = [
        source(1, "Firefighters used boats to reach elderly residents trapped in their homes."),
        source(2, "The national weather office issued a red alert for the whole northern coast."),
    ]
    brief = ExtractiveEngine().brief(documents)
    assert brief.task == "brief"
    repeated = [sentence for sentence in brief.sentences if "harbour district" in sentence.text]
    assert len(repeated) == 1
    assert set(repeated[0].cites) == {"d1:0", "d2:0"}
    every_id = ids_of(documents[0]) | ids_of(documents[1])
    assert set(brief.cited_ids()) <= every_id
    parts = brief_parts(brief)
    assert repeated[0] in parts["summary"]
    added = " ".join(sentence.text for sentence in parts.get("adds", ()))
    assert "boats" in added and "red alert" in added


def test_a_brief_with_since_has_a_new_part_from_later_documents() -> None:
    start = datetime(2025, 3, 2, 8, tzinfo=UTC)
    documents = [
        source(1, "Firefighters used boats to reach elderly residents.", start),
        source(
            2,
            "By evening the army had opened two shelters in schools near the cathedral.",
            start + timedelta(hours=6),
        ),
    ]
    brief = ExtractiveEngine().brief(documents, since=start + timedelta(hours=1))
    parts = brief_parts(brief)
    assert "new" in parts
    assert all(sentence.cites[0].startswith("d2:") for sentence in parts["new"])
    assert "shelters" in " ".join(sentence.text for sentence in parts["new"])
    assert sum(len(sentences) for sentences in parts.values()) == len(brief.sentences)


def test_a_brief_over_twenty_long_documents_runs() -> None:
    topics = ["budget", "election", "harbour", "railway", "school", "hospital", "market", "storm"]
    documents = []
    for number in range(20):
        sentences = [LEAD] + [
            f"Report {number} notes that the {topics[(number + index) % len(topics)]} plan "
            f"number {index} was discussed by {index + number} officials in the town hall."
            for index in range(39)
        ]
        documents.append(make_document(f"d{number}", "Floods", " ".join(sentences)))
    brief = ExtractiveEngine().brief(documents)
    assert brief.sentences
    lead = [sentence for sentence in brief.sentences if "harbour district" in sentence.text]
    assert len(lead) == 1 and len(lead[0].cites) == 20
    every_id = set().union(*(ids_of(document) for document in documents))
    assert set(brief.cited_ids()) <= every_id


def test_an_empty_brief() -> None:
    assert ExtractiveEngine().brief([]).sentences == ()


def test_trim_junk_and_stem() -> None:
    assert trim("By Jane Doe | Officials confirmed the deal on Monday.") == (
        "Officials confirmed the deal on Monday."
    )
    assert trim("(CNN) -- Officials confirmed the deal on Monday.") == (
        "Officials confirmed the deal on Monday."
    )
    assert trim("LONDON, England (Reuters) — Officials confirmed the deal.") == (
        "Officials confirmed the deal."
    )
    assert trim("A normal sentence - with a dash in it stays as it is.") == (
        "A normal sentence - with a dash in it stays as it is."
    )
    assert junk("Click here to subscribe to our newsletter today.")
    assert junk("BREAKING NEWS FROM THE CITY HALL TODAY")
    assert junk("Too short.")
    assert not junk("The council approved the new bridge on Tuesday.")
    assert stem("houses") == stem("house") and stem("stopped") == stem("stop")
