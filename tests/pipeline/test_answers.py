"""Answers to readers' questions: what a question asks, when a sentence answers it, and refusals.

The article is made up, written the way wire copy is; the questions are the kinds readers ask,
half of them about facts the article does not hold.
"""

from __future__ import annotations

import pytest

from newsdesk.pipeline.summarize import AiText, CitedSentence, make_document
from newsdesk.pipeline.summarize.answers import (
    NOT_ANSWERED_NOTE,
    Context,
    answer_picks,
    assess,
    finish_answer,
)
from newsdesk.pipeline.summarize.extractive import ExtractiveEngine
from newsdesk.pipeline.summarize.kinds import fills
from newsdesk.pipeline.summarize.questions import read_question
from newsdesk.pipeline.summarize.words import keys, text_keys

STORM = (
    "Storm Elena hit the port city of Valmora on Sunday night, killing three people and "
    "leaving 40,000 homes without power.\n"
    "The storm brought winds of 140 km per hour and more than 200 millimetres of rain.\n"
    "Harbour master Tomas Reyes, 58, said the sea wall held but two cranes were lost.\n"
    "The city's mayor, Lucia Ferrer, declared a state of emergency on Monday.\n"
    "Repairs to the power network will cost about 12 million euros, the utility said.\n"
    "Schools will stay closed until Thursday because many roads are still flooded.\n"
    "A 19-year-old fisherman was rescued from his boat by a coast guard helicopter.\n"
    "Ferrer thanked the rescue crews and asked residents to stay off the roads."
)


def storm():
    return make_document("storm", "Storm Elena kills three in Valmora", STORM, language="en")


ANSWERED = [
    ("How many people died in the storm?", "killing three people"),
    pytest.param(
        "How many homes lost power?",
        "40,000 homes",
        marks=pytest.mark.xfail(
            strict=True, reason="a paraphrase no word list joins: 'lost power', 'without power'"
        ),
    ),
    ("How old is Tomas Reyes?", "Tomas Reyes, 58"),
    ("Who is the mayor of Valmora?", "mayor, Lucia Ferrer"),
    ("How much will the power repairs cost?", "12 million euros"),
    ("When did the mayor declare a state of emergency?", "on Monday"),
    ("Why are the schools closed?", "because many roads"),
    ("How strong were the winds?", "140 km per hour"),
    ("Who rescued the fisherman?", "coast guard helicopter"),
]
REFUSED = [
    "How many people were injured in the storm?",  # killed, not injured
    "How old is Lucia Ferrer?",  # only the harbour master's and the fisherman's ages
    "What is the name of the fisherman who was rescued?",  # never named
    "How much did the lost cranes cost?",  # the cost is the power network's
    "When will the power be back?",  # no date for that
    "Who is the president of the utility?",  # nobody named
    "What is the capital of Peru?",
]


@pytest.mark.parametrize(("question", "piece"), ANSWERED)
def test_the_sentence_that_answers_is_cited(question: str, piece: str) -> None:
    result = ExtractiveEngine().answer(storm(), question)
    assert result.answered, question
    assert any(piece in sentence.text for sentence in result.sentences), result.text


@pytest.mark.parametrize("question", REFUSED)
def test_a_question_the_article_does_not_answer_is_refused(question: str) -> None:
    result = ExtractiveEngine().answer(storm(), question)
    assert not result.answered and result.sentences == (), result.text


def test_questions_are_read_for_their_kind_focus_and_names() -> None:
    assert read_question("How many homes lost power?").kind == "number"
    assert read_question("How much will it cost?").kind == "amount"
    assert read_question("How far did the boy fall?").kind == "measure"
    assert read_question("Where did the horse finish?").kind == "rank"
    assert read_question("Where did the fight take place?").kind == "place"
    assert read_question("In which round did he win?").kind == "rank"
    assert read_question("What was the pet chicken called?").kind == "name"
    # The first question word decides: "what is the name of the magistrate who ..." asks a name.
    asked = read_question("What is the name of the magistrate who granted Pama bail?")
    assert asked.kind == "name" and asked.focus == keys("magistrate")
    asked = read_question("Who is Lindsay Lohan's lawyer?")
    assert asked.kind == "person" and asked.focus == keys("lawyer")
    # A name is one term, met by any of its words; "Fall of an Empire" is one name.
    assert frozenset({"cheek", "mauric"}) in read_question("How old is Maurice Cheeks?").terms
    assert len(read_question("Who directed Fall of an Empire?").names) == 1


def test_words_meet_their_forms_and_synonyms() -> None:
    assert keys("retirement") & keys("retiring")
    assert keys("nominations") & keys("nominated")
    assert keys("died") & keys("death")
    assert keys("watched") & keys("crowd")
    assert keys("flew") & keys("fly")
    assert not keys("million") & keys("mill")
    assert not keys("billion") & keys("bill")


def test_a_sentence_must_hold_the_kind_of_thing_asked_for() -> None:
    many = read_question("How many people came to the match?")
    assert fills(many, "A crowd of 17,430 people watched the game.")
    assert not fills(many, "For more than three decades the people's club has played here.")
    old = read_question("How old was the boy's mother?")
    assert not fills(old, "A mother was holding the two-year-old boy.")
    assert fills(old, "The boy's mother, aged 31, was charged on Monday.")
    far = read_question("How far did the boy fall?")
    assert fills(far, "He fell between 10 to 12ft into the pit.")
    assert not fills(far, "A two-year-old boy is recovering after the fall.")
    named = read_question("What was the name of the guard who was shot?")
    assert not fills(named, "According to the Associated Press, the guard was shot.")
    assert fills(named, "The guard, Ray Jones, was shot twice.")


def test_answer_picks_returns_nothing_for_an_empty_question_or_article() -> None:
    assert answer_picks([], "", "Who won?") == []
    assert answer_picks(["Some sentence about the vote."], "", "?") == []


def _sources() -> dict[str, str]:
    return {sentence.id: sentence.text for sentence in storm().sentences}


def test_a_model_answer_citing_what_does_not_answer_becomes_not_in_the_article() -> None:
    sources = _sources()
    # Faithful to its citation, but the cited sentence tells nothing about injuries.
    answer = AiText(
        task="answer",
        engine="llm:test",
        sentences=(CitedSentence("Three people were killed in the storm.", ("storm:0",)),),
    )
    result = finish_answer(answer, "How many people were injured in the storm?", sources)
    assert result.answered is False and result.sentences == ()
    assert NOT_ANSWERED_NOTE in result.notes


def test_a_model_answer_that_answers_from_its_citations_is_kept() -> None:
    answer = AiText(
        task="answer",
        engine="llm:test",
        sentences=(CitedSentence("The storm killed three people.", ("storm:0",)),),
    )
    result = finish_answer(answer, "How many people died in the storm?", _sources())
    assert result.answered and result.sentences[0].supported is True


def test_a_model_answer_the_citations_do_not_support_is_not_shown() -> None:
    answer = AiText(
        task="answer",
        engine="llm:test",
        sentences=(CitedSentence("The storm killed thirty people.", ("storm:0",)),),
    )
    result = finish_answer(answer, "How many people died in the storm?", _sources())
    assert result.answered is False  # "thirty" is not in the sentence it cites


CLINIC = [
    "Dr Amal Haddad has spent twenty years caring for the wounded of the civil war.",
    "Haddad runs a small clinic in Tripoli, in northern Lebanon, with two nurses.",
    "Most of the people she sees cannot pay, and the rent has doubled since last spring.",
    "A charity in Beirut sends medicine twice a month, but the lorries are often late.",
    "Haddad said donations from abroad had fallen by half since January.",
    "The Greek government has offered the clinic a grant of 20,000 euros a year.",
    "Two of her nurses trained in France and returned home after the war.",
    "She plans to open a second room for children by the end of the year.",
]


def test_a_relative_clause_says_which_thing_and_weighs_less() -> None:
    asked = read_question("Where is the clinic where Amal Haddad works?")
    assert asked.qualifiers == frozenset({keys("works")})
    assert read_question("Where does Amal Haddad work?").qualifiers == frozenset()
    # "runs a clinic" tells where she works though the sentence never says "works" ...
    assert answer_picks(CLINIC, "", "Where is the clinic where Amal Haddad works?") == [1]
    # ... but the clause does not stand in for what is asked about: no school is named.
    assert answer_picks(CLINIC, "", "Where is the school where Amal Haddad works?") == []


def test_a_country_meets_the_word_for_its_people() -> None:
    assert keys("Greece") & keys("Greek")
    assert keys("Netherlands") & keys("Dutch")
    assert not keys("Greece") & keys("Italian")
    assert answer_picks(CLINIC, "", "How much money has Greece offered the clinic?") == [5]
    assert answer_picks(CLINIC, "", "How much money has Italy offered the clinic?") == []


def test_deployed_and_used_are_one_word_for_a_question() -> None:
    assert keys("used") & keys("deployed")


PARK = [
    "Lake Orvo's new theme park opened its gates on Saturday.",
    "The Vortex 90 can be ridden at Orvo Fields park on the shore of Lake Orvo.",
    "Park director Hana Sill said the ride cost 30 million euros.",
    "Hana Sill is a 47-year-old engineer who has run theme parks in three countries.",
    "She first rode a big wheel as a six-year-old girl.",
    "Her colleague Jon Barre took his 8-year-old son on the opening day.",
]


def test_nouns_after_a_name_say_what_it_is_and_weigh_less() -> None:
    asked = read_question("Where is the Vortex 90 roller coaster?")
    assert asked.qualifiers == frozenset({keys("roller"), keys("coaster")})
    assert read_question("What is the Vortex robot's head made of?").qualifiers == frozenset(
        {keys("robot's")}
    )
    # "will ... reopen": the word after the name may be the question's verb.
    assert read_question("When will the Vortex ride reopen?").qualifiers == frozenset()
    assert answer_picks(PARK, "", "Where is the Vortex 90 coaster?") == [1]
    # The name stands in for the kind, not for what is asked: no price is given for it.
    assert answer_picks(PARK, "", "How much does the Vortex 90 roller coaster cost to ride?") == []


def test_an_age_standing_for_the_person_asked_about_answers_how_old() -> None:
    assert answer_picks(PARK, "", "How old is Hana Sill?") == [3]
    # An age someone had ("as a six-year-old") or someone else's ("his 8-year-old son") is not.
    asked = read_question("How old is Hana Sill?")
    assert not fills(asked, PARK[4])
    assert not fills(read_question("How old is Jon Barre?"), PARK[5])


def test_a_sentence_holding_every_name_and_the_kind_asked_for_needs_less_coverage() -> None:
    asked = read_question("How much does Rosa Lind charge for the menu?")
    assert [min(term) for term in asked.terms] == ["charg", "menu", "lind"]
    weights = [0.38, 0.31, 0.31]  # the sentence holds 0.62 of them: the menu and the name
    text = "Rosa Lind offers a tasting menu for 95 euros a guest."
    found = text_keys(text)
    assert assess(asked, text, found, Context(), weights).problems == ()
    # With the name only in the sentence before, 0.62 is too little ...
    text = "She offers a tasting menu for 95 euros a guest."
    before = Context(names=text_keys("Rosa Lind opened a restaurant."))
    assert assess(asked, text, text_keys(text), before, weights).problems
    # ... and so it is when the sentence holds no amount.
    text = "Rosa Lind offers a tasting menu to every guest."
    assert "no amount" in assess(asked, text, text_keys(text), Context(), weights).problems


def test_an_age_given_as_years_old_after_the_name_answers_how_old() -> None:
    asked = read_question("How old is Hana Sill?")
    assert fills(asked, "Hana Sill is 47 years old and still rides every coaster.")
    assert fills(asked, "She is 47 years old.")
    # Someone else's age, said the same way, is not hers.
    assert not fills(asked, "Her son is 8 years old.")


def test_a_name_ends_at_a_colon_or_a_bracket() -> None:
    asked = read_question("Who will referee Valmora against Portis?")
    line = "Kick-off: Sunday Referee: Anna Kerr Managers: Tom Vale (Valmora), Eli Sand (Portis)"
    assert fills(asked, line)
    assert not fills(asked, "Kick-off: Sunday, 3pm at Valmora Park against Portis")


def test_how_many_counts_the_noun_of_the_numbers_own_phrase() -> None:
    asked = read_question("How many dolls were sold?")
    assert not fills(asked, "Stores will offer the first 100 customers the doll at its old price.")
    assert fills(asked, "Stores sold 300 of the dolls on the first day.")
    assert fills(asked, "Stores sold 300 dolls on the first day.")


def test_what_did_it_cost_asks_for_an_amount_and_what_caused_it_for_a_cause() -> None:
    assert read_question("What did the opening party cost?").kind == "amount"
    # The subject's nouns do not say what is asked: "party" asks for no name here.
    assert read_question("What did the party's leader say?").kind == ""
    asked = read_question("What caused the fire?")
    assert asked.kind == "reason"
    assert not fills(asked, "An investigation into the cause of the fire has begun.")
    assert fills(asked, "The fire started because a heater was left on.")


def test_how_fast_wants_a_speed_not_a_time() -> None:
    asked = read_question("How fast was the car going?")
    assert not fills(asked, "The car was stopped on October 14 last year.")
    assert fills(asked, "The car was going at 90 miles an hour.")
