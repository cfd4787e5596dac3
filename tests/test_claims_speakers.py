"""Statements credited to two officials, ages at two moments, sums written "$181bn" and
numbered episodes (decision 95).

Real sentences: a chase's end credited to Undersheriff James Gage in one report and to Sheriff
Robert J. Pickell in another, and a find credited to Lt. Gerry Scherlinck in both (ECB+
18_ecbplus, held-out-4); charges credited to "the DA" and to "the NYPD" (ECB+ 21_ecbplus,
outside the labels); Orozco "29" at his conviction, in a report that gives 2005, beside
"27" during the search (16_ecbplus, held-out-4); Felt "92" in 2006 beside "91" in 2005
(28_ecb, outside the labels); a trade bloc's exports (held-out-3, wns64); two episode recaps
(SemEval-2022 task 8, outside the labels).
"""

from __future__ import annotations

from newsdesk.pipeline.claims import CONTRADICTED, CORROBORATED, ClaimArticle, ClaimMap, claim_map
from newsdesk.pipeline.claims.statements import read_sentence

GAGE = (
    "Sheriff's deputies and state police chased him at speeds of more than 100 mph before he "
    "finally pulled over after about 15 minutes, Genesee County Undersheriff James Gage said."
)
PICKELL = (
    "Sheriff's deputies and state police chased him for 30 miles, including through a "
    "construction zone, at speeds up to 120 mph before he finally pulled over after about 15 "
    "minutes, Genesee County Sheriff Robert J. Pickell said."
)
SCHERLINCK = (
    "Officers found a gun in the vehicle matching the description of the one used in the "
    "shootings, Troy police Lt. Gerry Scherlinck said."
)
ORTIZ_2005 = (
    "Sheriff Deputy Ortiz, 35, with LASD's Gang Enforcement Unit, was killed June 24, 2005 "
    "outside an apartment in the 12000 block of East 223rd Street in Hawaiian Gardens."
)
OROZCO_29 = (
    "The District Attorney's office says in a release that the jury found Jose Luis Orozco, 29, "
    "guilty of 1st degree murder, attempted murder and posession of a firearm by a felon."
)
OROZCO_27 = (
    "As of 11 p. m. authorities were still searching for Jose Luis Orozco, 27, who is "
    "considered armed and dangerous."
)


def story(*texts: str) -> ClaimMap:
    return claim_map(
        [ClaimArticle(id=f"a{n}", source=f"s{n}", text=text) for n, text in enumerate(texts)]
    )


def test_the_credit_of_reported_speech_is_a_person_not_an_office() -> None:
    assert read_sentence(0, 0, GAGE).credit == {"gage"}
    assert "pickell" in read_sentence(0, 0, PICKELL).credit
    assert "scherlinck" in read_sentence(0, 0, SCHERLINCK).credit
    for office in (
        "Subryan was charged with vehicular manslaughter, criminally negligent homicide and "
        "DWI, the NYPD said.",
        "He finally pulled over after about 15 minutes, police said.",
        "He finally pulled over after about 15 minutes, he said.",
    ):
        assert read_sentence(0, 0, office).credit == frozenset()


def test_one_statement_credited_to_two_officials_is_a_contradiction_shown_once() -> None:
    found = story(GAGE, PICKELL)
    contradicted = found.of_status(CONTRADICTED)
    assert len(contradicted) == 1
    assert {m.sentence for m in contradicted[0].side("a") + contradicted[0].side("b")} == {
        GAGE,
        PICKELL,
    }
    # "about 15 minutes" agrees, but the same two sentences are shown where they differ
    assert not found.of_status(CORROBORATED)


def test_one_statement_credited_to_one_official_or_to_two_offices_agrees() -> None:
    assert story(SCHERLINCK, SCHERLINCK).of_status(CORROBORATED)
    assert not story(SCHERLINCK, SCHERLINCK).of_status(CONTRADICTED)
    offices = story(
        "Subryan has been charged with vehicular manslaughter, criminally negligent homicide, "
        "driving while under the influence of alcohol, and leaving the scene of an accident "
        "without reporting it, the DA said.",
        "Subryan was charged with vehicular manslaughter, criminally negligent homicide, leaving "
        "the scene of an accident resulting in death and DWI, the NYPD said.",
    )
    assert not offices.of_status(CONTRADICTED)


def test_ages_at_two_moments_do_not_contradict_and_at_one_they_do() -> None:
    # the report of the conviction dates the killing 2005; the search gives no year
    assert not story(f"{ORTIZ_2005}\n{OROZCO_29}", OROZCO_27).of_status(CONTRADICTED)
    # without the year the two reports cannot be told apart: the ages disagree
    assert story(OROZCO_29, OROZCO_27).of_status(CONTRADICTED)
    felt = story(
        "`` I'm proud of everything that Deep Throat did, '' Felt, 92, told CNN's `` Larry King "
        "Live '' in 2006, his first public interview on the subject.",
        "The reporters continued to keep Felt's name a secret, but in 2005, at the age of 91, "
        "Felt told Vanity Fair magazine, `` I'm the guy they used to call Deep Throat. ''",
    )
    assert not felt.of_status(CONTRADICTED)


def test_a_scale_joined_to_a_sum_is_read() -> None:
    def sums(text: str) -> list[tuple[str, str]]:
        sentence = read_sentence(0, 0, text)
        return [(st.value, st.unit) for st in sentence.statements if st.kind == "number"]

    assert sums("Exports: $181bn.") == [("181000000000", "usd")]
    assert sums("It will save the new company $500m a year.") == [("500000000", "usd")]
    assert sums("The climber fell 5m from the ridge.") == []  # metres, not millions


def test_numbered_episodes_are_no_counts() -> None:
    found = story(
        "The Witcher season 1 episode 7 recap: Geralt of Rivia (Henry Cavill) returns to Cintra "
        "to check on Princess Cirilla (Freya Allan).",
        "The Witcher season 1 episode 8 recap: Geralt of Rivia (Henry Cavill) searches for "
        "Princess Cirilla (Freya Allan) in the woods.",
    )
    assert not found.of_status(CONTRADICTED)
    assert not [
        st
        for st in read_sentence(0, 0, "The Witcher Season 1 Episode 7 Recap").statements
        if st.kind == "number"
    ]
