"""The faithfulness check: what it catches in a cited sentence, and what it lets through."""

from __future__ import annotations

from newsdesk.pipeline.summarize import AiText, CitedSentence, SourceSentence
from newsdesk.pipeline.summarize.faithfulness import (
    assess,
    check_claim,
    check_sentence,
    check_text,
    find_support,
)

SOURCES = {
    "a:0": "A fire in a Kyiv apartment block killed 12 people on Monday, officials said.",
    "a:1": "President Joe Biden said the United States would send $5 million in aid.",
    "a:2": "The mayor did not resign after the vote, despite calls from the opposition.",
    "a:3": "About 5,000 residents were moved to shelters in the east of the city.",
    "a:4": "The United Nations said its teams reached the site by Tuesday evening.",
}


def check(text: str, *cites: str) -> CitedSentence:
    return check_sentence(CitedSentence(text=text, cites=cites), SOURCES)


def test_a_faithful_sentence_is_supported() -> None:
    checked = check("A fire killed 12 people in a Kyiv apartment block on Monday.", "a:0")
    assert checked.supported is True
    assert checked.problems == ()


def test_a_paraphrase_with_the_same_facts_is_supported() -> None:
    checked = check("Five thousand residents of the city's east were moved to shelters.", "a:3")
    assert checked.supported is True, checked.problems
    assert check("Biden said the US would send $5m in aid.", "a:1").supported is True


def test_a_changed_number_is_caught_and_named() -> None:
    checked = check("A fire in a Kyiv apartment block killed 15 people on Monday.", "a:0")
    assert checked.supported is False
    assert "number 15" in checked.problems
    assert "number $7 million" in check("Biden said the US would send $7 million.", "a:1").problems


def test_a_changed_day_is_caught() -> None:
    checked = check("A fire in a Kyiv apartment block killed 12 people on Friday.", "a:0")
    assert checked.supported is False
    assert "date Friday" in checked.problems


def test_a_name_not_in_the_source_is_caught() -> None:
    checked = check("A fire in a Lviv apartment block killed 12 people on Monday.", "a:0")
    assert checked.supported is False
    assert "name Lviv" in checked.problems
    assert "name Kamala Harris" in check("Kamala Harris said aid would be sent.", "a:1").problems


def test_partial_names_possessives_and_acronyms_are_accepted() -> None:
    assert (
        check("Biden's $5 million in aid would be sent by the United States.", "a:1").supported
        is True
    )
    assert check("The UN said its teams reached the site by Tuesday.", "a:4").supported is True


def test_a_flipped_negation_is_caught_both_ways() -> None:
    resigned = check("The mayor resigned after the vote.", "a:2")
    assert resigned.supported is False
    assert "negation" in resigned.problems
    assert check("The mayor did not resign after the vote.", "a:2").supported is True
    reversed_claim = check_sentence(
        CitedSentence("Officials said the fire did not kill anyone.", ("x:0",)),
        {"x:0": "Officials said the fire killed three people."},
    )
    assert "negation" in reversed_claim.problems


def test_unsupported_additions_are_caught() -> None:
    checked = check("The mayor did not resign after the vote and blamed rival smugglers.", "a:2")
    assert checked.supported is False
    assert any(problem.startswith("words:") for problem in checked.problems)


def test_phrases_measure_how_closely_a_claim_keeps_to_the_wording() -> None:
    kept = assess("A fire in a Kyiv apartment block killed 12 people.", [SOURCES["a:0"]])
    assert kept.phrases == 1.0
    claim = "Officials said 12 people in a Kyiv apartment block were killed by fire on Monday."
    reworded = assess(claim, [SOURCES["a:0"]])
    assert reworded.phrases < 0.4
    assert reworded.problems() == []  # off in the gate by default
    assert reworded.problems(min_phrases=0.65) == [
        f"wording: {reworded.phrases:.0%} of its phrases in the sources"
    ]
    assert check(claim, "a:0").supported is True
    strict = check_sentence(CitedSentence(text=claim, cites=("a:0",)), SOURCES, min_phrases=0.65)
    assert strict.supported is False


def test_a_sentence_citing_nothing_or_unknown_ids_is_unsupported() -> None:
    assert check("A fire killed 12 people.").problems == ("no citation",)
    unknown = check("A fire killed 12 people.", "a:0", "b:9")
    assert unknown.supported is False
    assert unknown.problems == ("unknown citation b:9",)


def test_check_text_checks_every_sentence() -> None:
    text = AiText(
        task="paragraph",
        engine="test",
        sentences=(
            CitedSentence("A fire in Kyiv killed 12 people on Monday.", ("a:0",)),
            CitedSentence("A fire in Kyiv killed 40 people on Monday.", ("a:0",)),
        ),
    )
    checked = check_text(text, SOURCES)
    assert [s.supported for s in checked.sentences] == [True, False]
    assert checked.engine == "test"


def test_find_support_picks_the_sentences_that_hold_the_claim() -> None:
    candidates = [SourceSentence(id=key, text=text) for key, text in SOURCES.items()]
    assert find_support("How many residents went to shelters?", candidates, k=1) == ("a:3",)
    picked = find_support("Biden pledged $5 million after the Kyiv fire killed 12.", candidates)
    assert set(picked[:2]) == {"a:0", "a:1"}
    assert find_support("Nothing here matches.", candidates) == ()


def test_check_claim_cites_the_best_sentences_and_checks_against_them() -> None:
    candidates = [SourceSentence(id=key, text=text) for key, text in SOURCES.items()]
    held = check_claim("Biden said the US would send $5 million in aid.", candidates)
    assert held.supported is True
    assert held.cites[0] == "a:1"
    changed = check_claim("Biden said the US would send $7 million in aid.", candidates)
    assert changed.supported is False
    assert "number $7 million" in changed.problems
    nothing = check_claim("Penguins enjoy cold weather.", candidates)
    assert (nothing.supported, nothing.cites, nothing.problems) == (False, (), ("no support",))
