"""The claim map of a story: what its sources agree on, where they differ, what one source says.

From each article the statements worth checking are taken out (``statements``: numbers with
what they count, dates, quotes with their speakers, named actors doing things), aligned across
the story's publishers (``align``) and given a status (``build``): corroborated by two or more
publishers, contradicted (with both sides cited), or single-source. Rules and word lists
(``data/claims.txt``), no model; an embedder, when given, lets articles in different languages
agree.
"""

from __future__ import annotations

from newsdesk.pipeline.claims.build import (
    CONTRADICTED,
    CORROBORATED,
    RULES,
    SINGLE_SOURCE,
    STATUSES,
    Claim,
    ClaimArticle,
    ClaimMap,
    Mention,
    claim_map,
)

__all__ = [
    "CONTRADICTED",
    "CORROBORATED",
    "RULES",
    "SINGLE_SOURCE",
    "STATUSES",
    "Claim",
    "ClaimArticle",
    "ClaimMap",
    "Mention",
    "claim_map",
]
