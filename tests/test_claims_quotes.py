"""Quotes credited to two speakers, and share prices of one trading day (decision 92).

Real sentences: the quote a Reuters report gives to Lula ("he said" after a sentence opening
with his name) and the BBC to Peru's President Toledo (held-out-3, wns64); the same quote
credited to one officer in two ways (ECB+ 8_ecb, outside the labels), which must agree; Sears
and Kmart's share prices at the start of trading and later (held-out-2, wns24).
"""

from __future__ import annotations

from newsdesk.pipeline.claims import CONTRADICTED, CORROBORATED, ClaimArticle, ClaimMap, claim_map
from newsdesk.pipeline.claims.statements import read_article

LULA = (
    "Brazilian President Luiz Inacio Lula da Silva, whose country is the region's economic "
    "powerhouse, vowed integration would go beyond rhetoric and translate into concrete gains, "
    "like a $700 million highway linking the Atlantic and Pacific that Brazil and Peru plan to "
    'build.\n"If in the past, geography divided us, today it unites us," he said.'
)
TOLEDO = (
    "Leaders also hope it will increase South America's clout in international trade talks.\n"
    '"If in the past, geography divided us, today it unites us," Mr Toledo said.'
)


def story(*texts: str) -> ClaimMap:
    return claim_map(
        [ClaimArticle(id=f"a{n}", source=f"s{n}", text=text) for n, text in enumerate(texts)]
    )


def speakers(text: str) -> list[frozenset[str]]:
    return [
        st.speaker
        for sentence in read_article(0, text)
        for st in sentence.statements
        if st.kind == "quote"
    ]


def test_a_speaker_is_read_after_before_and_through_a_pronoun() -> None:
    assert speakers(TOLEDO) == [frozenset({"toledo"})]
    assert speakers(LULA) == [
        frozenset({"silva"})
    ]  # "he" is the name the sentence before opens with
    assert speakers('Toledo said: "Sooner rather than later we will have a single currency."') == [
        frozenset({"toledo"})
    ]
    said_after = speakers(
        "`` That person is dangerous and needs to be found as soon as possible, '' said Lt. "
        "Gregg Hastings of the Oregon State Police."
    )
    assert said_after and "hastings" in said_after[0]


def test_no_speaker_where_the_sentence_does_not_plainly_credit_one() -> None:
    # a quote inside reported speech, a hearer after "told", a possessive before "he said"
    assert speakers(
        'Mr Toledo said the new community would also help member nations "confront the '
        'challenges of globalisation so that it is fairer".'
    ) == [frozenset()]
    assert speakers('Adgate told WDIV: "We put a conference table in front of the door."') == [
        frozenset()
    ]
    assert speakers(
        "Prime Minister Tony Blair's spokesman said talks went on. "
        '"We will not be moved on this matter at all," he said.'
    ) == [frozenset()]


def test_one_quote_credited_to_two_speakers_is_a_contradiction() -> None:
    found = story(LULA, TOLEDO)
    contradicted = found.of_status(CONTRADICTED)
    assert len(contradicted) == 1
    sides = {m.side: m.sentence for m in contradicted[0].mentions}
    assert "he said" in sides["a"] and "Mr Toledo said" in sides["b"]
    assert not found.of_status(CORROBORATED)


def test_one_speaker_named_two_ways_agrees() -> None:
    found = story(
        "`` That person is dangerous and needs to be found as soon as possible, '' said Lt. "
        "Gregg Hastings of the Oregon State Police.",
        "`` That person needs to be found as soon as possible, '' Hastings said during the "
        "somber press conference this morning.",
    )
    assert not found.of_status(CONTRADICTED)
    assert len(found.of_status(CORROBORATED)) == 1


def test_a_short_phrase_two_people_say_is_no_contradiction() -> None:
    found = story(
        'Prime Minister George Papandreou, the leader, spoke.\n"A raw murderous act," he said.',
        '"A raw murderous act," said Carolos Papoulias.',
    )
    assert not found.of_status(CONTRADICTED)


def test_share_prices_at_two_moments_of_a_trading_day_do_not_contradict() -> None:
    found = story(
        "Shares of both companies soared at the start of stock market trading, with Sears up 22 "
        "percent and Kmart ahead 15 percent.",
        "Kmart climbed 8%, while Sears jumped nearly 17%.",
    )
    assert not found.of_status(CONTRADICTED)
