"""The rule matcher on plain data: words, phrases, fields, kinds, actions, regular expressions
under a time limit, and rules stated in plain words read back from a model's answer."""

from __future__ import annotations

import time

import pytest

from newsdesk.pipeline.rules import ArticleFacts, RuleError, RuleSpec, compile_rules
from newsdesk.pipeline.rules.plain import parse_plain, plain_prompt


def facts(title: str = "", body: str = "", **more: object) -> ArticleFacts:
    return ArticleFacts(id=1, title=title, body=body, **more)  # type: ignore[arg-type]


def caught(spec: RuleSpec, article: ArticleFacts) -> bool:
    return compile_rules([spec]).verdict(article).caught


def test_words_match_whole_words_case_ignored_and_phrases_across_spaces() -> None:
    rule = RuleSpec(id=1, action="hide", terms=("gossip", "red carpet"))
    assert caught(rule, facts("Celebrity GOSSIP of the week"))
    assert caught(rule, facts("On the red\n  carpet tonight"))
    assert not caught(rule, facts("Gossiping neighbours"))  # not a whole word
    assert not caught(rule, facts("A red car, a carpet"))


def test_words_in_other_scripts_are_whole_words_too() -> None:
    rule = RuleSpec(id=1, action="hide", terms=("كرة القدم", "Fußball"))
    assert caught(rule, facts("أخبار كرة القدم اليوم"))
    assert caught(rule, facts("Fußball am Abend"))
    assert not caught(rule, facts("Fußballer am Abend"))


def test_the_field_says_where_the_words_are_looked_for() -> None:
    article = facts("Markets rise", "The celebrity investor said so")
    assert not caught(RuleSpec(id=1, action="hide", terms=("celebrity",), field="title"), article)
    assert caught(RuleSpec(id=1, action="hide", terms=("celebrity",), field="body"), article)
    assert caught(RuleSpec(id=1, action="hide", terms=("celebrity",), field="both"), article)
    assert not caught(RuleSpec(id=1, action="hide", terms=("markets",), field="body"), article)


def test_unless_spares_an_article() -> None:
    rule = RuleSpec(id=1, action="hide", terms=("football",), unless=("champions league",))
    assert caught(rule, facts("Football: the derby"))
    assert not caught(rule, facts("Football: the Champions League final"))


def test_every_kind_named_must_match_any_value_within_one() -> None:
    rule = RuleSpec(
        id=1, action="hide", sources=("harbour-times",), languages=("en",), authors=("Ann Lee",)
    )
    base = {"source": "harbour-times", "language": "en-GB", "author": "By Ann Lee and Bo"}
    assert caught(rule, facts("x", **base))
    assert not caught(rule, facts("x", **{**base, "source": "valley-post"}))
    assert not caught(rule, facts("x", **{**base, "language": "de"}))
    assert not caught(rule, facts("x", **{**base, "author": "Anne Leeds"}))
    tagged = RuleSpec(id=2, action="hide", topics=("sport",), places=("Lisbon", "Porto"))
    assert caught(tagged, facts(topics=frozenset({"sport"}), places=frozenset({"porto"})))
    assert not caught(tagged, facts(topics=frozenset({"sport"}), places=frozenset({"faro"})))
    folder = RuleSpec(id=3, action="highlight", folders=("Local",))
    assert caught(folder, facts(folders=frozenset({"local"})))


def test_the_verdict_gathers_the_actions_of_every_rule_that_caught() -> None:
    matcher = compile_rules(
        [
            RuleSpec(id=1, action="highlight", terms=("ferry",)),
            RuleSpec(id=2, action="folder", terms=("ferry",), folder="Transport"),
            RuleSpec(id=3, action="notify", terms=("strike",)),
            RuleSpec(id=4, action="mute_story", terms=("strike",)),
        ]
    )
    ferry = matcher.verdict(facts("Ferry timetable"))
    assert ferry.rules == (1, 2) and ferry.highlight and ferry.folders == ("Transport",)
    assert not ferry.hidden
    strike = matcher.verdict(facts("Ferry strike"))
    assert strike.hidden and strike.mute_story and strike.notify and strike.rules == (1, 2, 3, 4)
    assert not matcher.verdict(facts("Weather")).caught


def test_needs_names_only_the_facts_some_rule_reads() -> None:
    assert (
        compile_rules([RuleSpec(id=1, action="hide", terms=("x",), field="title")]).needs == set()
    )
    matcher = compile_rules(
        [RuleSpec(id=1, action="hide", terms=("x",)), RuleSpec(id=2, action="hide", topics=("a",))]
    )
    assert matcher.needs == {"body", "topics"}


def test_a_regular_expression_matches_and_a_runaway_one_is_stopped_in_time() -> None:
    rule = RuleSpec(id=7, action="hide", terms=(r"\bcovid-?19\b",), regex=True)
    assert caught(rule, facts("New COVID19 figures"))
    runaway = compile_rules([RuleSpec(id=8, action="hide", terms=(r"(a|aa)+$",), regex=True)])
    started = time.perf_counter()
    verdict = runaway.verdict(facts("a" * 5000 + "!"))
    assert time.perf_counter() - started < 1.0
    assert not verdict.caught and runaway.timeouts[8] == 1


@pytest.mark.parametrize(
    "spec",
    [
        RuleSpec(id=1, action="hide"),  # no condition
        RuleSpec(id=1, action="explode", terms=("x",)),
        RuleSpec(id=1, action="folder", terms=("x",)),  # no folder named
        RuleSpec(id=1, action="hide", terms=("(unclosed",), regex=True),
        RuleSpec(id=1, action="hide", terms=("x",), field="footer"),
    ],
)
def test_a_rule_that_cannot_work_is_refused_with_a_reason(spec: RuleSpec) -> None:
    with pytest.raises(RuleError):
        spec.check()


def test_a_broken_rule_is_left_out_of_the_matcher_not_raised() -> None:
    matcher = compile_rules(
        [
            RuleSpec(id=1, action="hide", terms=("(",), regex=True),
            RuleSpec(id=2, action="hide", terms=("x",)),
        ]
    )
    assert [rule.spec.id for rule in matcher.rules] == [2]


def test_plain_words_become_a_rule_from_the_models_json() -> None:
    prompt = plain_prompt("  only Champions League,   not other football ")
    assert prompt.messages[-1]["content"].startswith("Wish: only Champions League, not other")
    answer = """Here is the rule:
    {"action": "hide", "terms": ["football", "soccer"], "unless": ["Champions League"],
     "field": "both", "sources": [], "topics": [], "places": [], "languages": [],
     "authors": [], "folder": "", "name": "Only the Champions League"}"""
    spec, name = parse_plain(answer)
    assert spec.action == "hide" and spec.terms == ("football", "soccer")
    assert spec.unless == ("Champions League",) and name == "Only the Champions League"


@pytest.mark.parametrize(
    "answer",
    ["I cannot help with that.", '{"action": "hide"}', '{"terms": ["x"', "[1, 2]"],
)
def test_an_answer_that_is_no_rule_is_refused(answer: str) -> None:
    with pytest.raises(RuleError):
        parse_plain(answer)


def test_a_slow_pattern_stops_costing_once_its_budget_is_spent() -> None:
    runaway = compile_rules([RuleSpec(id=9, action="hide", terms=(r"^(a|aa)+$",), regex=True)])
    started = time.perf_counter()
    for number in range(40):  # 40 searches of 50 ms each would take 2 s
        runaway.verdict(ArticleFacts(id=number, title="a" * 5000 + "!"))
    assert time.perf_counter() - started < 1.0
    assert runaway.timeouts[9] == 40
