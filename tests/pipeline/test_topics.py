"""classify_topics: the topic tree, real sentences per topic in several languages, bad input."""

from __future__ import annotations

import pytest

from newsdesk.pipeline.topics import (
    TOP_LEVEL,
    TOPICS,
    TopicScore,
    classify_topics,
    topic_by_slug,
    topic_evidence,
)
from newsdesk.pipeline.topics.lexicon import Lexicon, lexicon_for, words

ENGLISH = {
    "business": (
        "Shares slide as investors weigh weaker quarterly earnings",
        "The retailer said profit fell 12% in the fourth quarter and cut its sales forecast, "
        "sending its stock down in early trading on Wall Street.",
    ),
    "technology": (
        "New smartphone update fixes battery drain on older devices",
        "The software update for the phone also patches a browser flaw and adds new apps.",
    ),
    "science": (
        "Astronomers spot a comet heading towards the inner solar system",
        "Scientists using a telescope in Chile say the comet will pass Mars next year.",
    ),
    "health": (
        "Measles outbreak prompts vaccination drive in city schools",
        "Doctors urged parents to vaccinate children after hospital cases of the disease rose.",
    ),
    "sports": (
        "Striker scores twice as leaders stretch unbeaten league run",
        "The coach praised his squad after the match, their tenth win of the season.",
    ),
    "entertainment": (
        "Actress wins best actress award at film festival premiere",
        "The movie, a drama starring two first-time actors, opens in cinemas next month.",
    ),
    "politics": (
        "Senate passes budget bill after months of talks between parties",
        "Lawmakers voted 61 to 38; the governor and the opposition had campaigned against it.",
    ),
    "world": (
        "Ceasefire collapses as troops and rebels clash near the border",
        "Artillery shelling resumed overnight; refugees crossed into the neighbouring country.",
    ),
}

FOREIGN = {
    ("de", "sports"): "Der Trainer lobt die Mannschaft nach dem Sieg in der Bundesliga",
    ("de", "business"): "Aktien fallen an der Börse, Anleger fürchten steigende Zinsen",
    ("fr", "health"): "Les médecins de l'hôpital alertent sur une épidémie de grippe",
    ("fr", "politics"): "Le gouvernement présente sa réforme au Parlement avant le vote",
    ("es", "entertainment"): "La actriz y el cantante presentan su nueva película en el festival",
    ("it", "sports"): "La squadra vince la partita di campionato con due gol nel finale",
    ("pt", "technology"): "Novo aplicativo de celular usa inteligência artificial para traduzir",
    ("ru", "sports"): "Сборная выиграла матч чемпионата мира по футболу",
    ("ru", "health"): "Врачи больницы сообщили о вспышке вирусной инфекции",  # noqa: RUF001
    ("ar", "sports"): "المنتخب يفوز في مباراة كرة القدم ويتأهل إلى البطولة",
    ("ar", "business"): "ارتفاع أسعار النفط في السوق وتراجع التضخم",
}


@pytest.mark.parametrize(("slug", "article"), list(ENGLISH.items()))
def test_english_article_gets_its_topic_first(slug: str, article: tuple[str, str]) -> None:
    found = classify_topics(*article, language="en")

    assert found[0].slug == slug
    assert 0.0 < found[0].score <= 1.0


@pytest.mark.parametrize(("slug", "article"), list(ENGLISH.items()))
def test_a_headline_alone_is_enough(slug: str, article: tuple[str, str]) -> None:
    assert classify_topics(article[0], "")[0].slug == slug


@pytest.mark.parametrize(("key", "title"), list(FOREIGN.items()))
def test_other_languages(key: tuple[str, str], title: str) -> None:
    language, slug = key

    assert classify_topics(title, "", language=language)[0].slug == slug
    assert classify_topics(title, "")[0].slug == slug  # language unknown: every list is read


def test_finer_topics_follow_their_parent() -> None:
    found = classify_topics(
        "Striker's late penalty sends club into Champions League final",
        "The goalkeeper could not stop it; the Premier League side meet Real Madrid in May.",
    )
    slugs = [score.slug for score in found]

    assert slugs[:2] == ["sports", "sports-football"]
    for index, score in enumerate(found):
        topic = topic_by_slug(score.slug)
        assert topic is not None
        if topic.parent is not None:
            parents = [s.slug for s in found[:index] if s.slug in TOP_LEVEL]
            assert parents[-1] == topic.parent
            assert score.score <= found[slugs.index(topic.parent)].score


def test_top_level_topics_are_best_first() -> None:
    found = classify_topics(
        "Hospital shares jump after drug approval",
        "Investors cheered as regulators approved the cancer drug; patients may get it soon.",
    )
    top = [score for score in found if score.slug in TOP_LEVEL]

    assert {score.slug for score in top} >= {"health", "business"}
    assert [score.score for score in top] == sorted((score.score for score in top), reverse=True)


def test_foreign_places_make_world_likelier_for_politics() -> None:
    title = "Parliament votes to dissolve the government after coalition collapses"
    at_home = classify_topics(title, "")
    abroad = classify_topics(title, "", foreign_places=True)

    assert "world" not in {score.slug for score in at_home}
    assert "world" in {score.slug for score in abroad}
    assert classify_topics(ENGLISH["sports"][0], "", foreign_places=True)[0].slug == "sports"


def test_more_evidence_means_a_surer_score() -> None:
    hint = classify_topics("Shares fall", "")[0]
    sure = classify_topics(*ENGLISH["business"])[0]

    assert hint.slug == sure.slug == "business"
    assert hint.score < sure.score


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_blank_input_has_no_topic(blank: str) -> None:
    assert classify_topics(blank, blank) == []


@pytest.mark.parametrize("text", ["Hello", "12:45 3-1", "???!!!", "Zyxwv qwerty"])
def test_text_without_evidence_gets_world_with_score_zero(text: str) -> None:
    assert classify_topics(text, "") == [TopicScore("world", 0.0)]


def test_hostile_input_is_read_safely() -> None:
    noise = "\x00\u202e<script>alert(1)</script>" + "\U0001f4a5" * 500 + "drop table; --" * 200
    found = classify_topics(noise, noise * 50, language="xx-YY")

    assert found and found[0].slug in TOP_LEVEL
    long_text = "The striker scored a goal. " * 50_000  # only the start is read
    assert classify_topics("", long_text)[0].slug == "sports"
    assert classify_topics(long_text, long_text)[0].slug == "sports"


def test_non_text_is_refused_with_a_clear_error() -> None:
    with pytest.raises(TypeError, match="strings"):
        classify_topics(None, "text")  # type: ignore[arg-type,unused-ignore]
    with pytest.raises(TypeError, match="strings"):
        topic_evidence("title", b"bytes")  # type: ignore[arg-type,unused-ignore]


def test_the_topic_tree() -> None:
    slugs = [topic.slug for topic in TOPICS]

    assert len(slugs) == len(set(slugs))
    assert TOP_LEVEL == (
        "world",
        "politics",
        "business",
        "technology",
        "science",
        "health",
        "sports",
        "entertainment",
    )
    for topic in TOPICS:
        assert topic.name and topic_by_slug(topic.slug) is topic
        if topic.parent is not None:
            assert topic.parent in TOP_LEVEL and topic.slug.startswith(topic.parent + "-")
    assert {"business-markets", "technology-ai", "health-medicine", "sports-football"} <= set(slugs)
    assert topic_by_slug("nonsense") is None


def test_every_language_list_parses() -> None:
    for language in ("", "en", "de", "fr", "es", "it", "pt", "ru", "ar"):
        lexicon = lexicon_for(language)
        assert lexicon.exact and lexicon.stems


def test_word_list_notation() -> None:
    lexicon = Lexicon()
    lexicon.add("business", "shares:2 econom* wall_street:3 interest_rate*")

    assert lexicon.hits("shares") == [("business", 2.0)]
    assert lexicon.hits("economists") == [("business", 1.0)]
    assert lexicon.hits("eco") == []
    found = words("Wall Street watches interest rates")
    assert [hit for _, hit in lexicon.phrase_hits(found, 0)] == [("business", 3.0)]
    assert [hit for _, hit in lexicon.phrase_hits(found, 3)] == [("business", 1.0)]
    with pytest.raises(ValueError, match="too short"):
        lexicon.add("business", "ec*")


def test_arabic_words_are_read_without_their_article() -> None:
    assert words("والاقتصاد الأسواق") == ["اقتصاد", "اسواق"]
