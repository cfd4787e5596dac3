"""A story's claim map for its page and the API, kept until the story's articles change.

``story_claims`` reads the story's articles as a brief reads them (``desk.ai.documents``: the
originals whose sources allow their text to be processed, the fullest twenty), and answers the
stored map when the articles' version (and the rules' version) is the one it was made from;
otherwise it maps them again
(``pipeline.claims``, a few milliseconds an article, with the articles' publication times so a
toll that rose is an update) and stores the result. Each claim names
the story's articles by id, so pages cite them with links and the API with ids.

A story with fewer than two such sources has no claim map (None): nothing can agree or differ.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from newsdesk.articles.models import Article
from newsdesk.desk.ai.documents import story_articles, story_version
from newsdesk.desk.runtime import loaded_embedder
from newsdesk.pipeline.claims import (
    CONTRADICTED,
    CORROBORATED,
    RULES,
    SINGLE_SOURCE,
    ClaimArticle,
    claim_map,
)
from newsdesk.stories.models import Story, StoryClaims

#: Claims of each status a page lists; the rest are counted.
SHOWN = {CONTRADICTED: 6, CORROBORATED: 8, SINGLE_SOURCE: 6}
#: The order of agreed claims of as many sources: numbers and quotes before dates and times,
#: actions (whole sentences alike) last.
RANK = {"number": 0, "score": 0, "quote": 0, "date": 1, "time": 1, "place": 1, "actor": 2}
#: Characters of a cited sentence shown.
SENTENCE_CHARS = 280


@dataclass(frozen=True)
class Citation:
    """One article's sentence a claim rests on."""

    article: Article
    sentence: str
    written: str
    side: str


@dataclass(frozen=True)
class ShownClaim:
    kind: str
    status: str
    citations: tuple[Citation, ...]

    @property
    def sources(self) -> int:
        return len({c.article.source_id for c in self.citations})

    @property
    def shown(self) -> Citation:
        """The citation whose sentence a page quotes: the shortest."""
        return min(self.citations, key=lambda c: len(c.sentence))

    @property
    def side_a(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.side == "a")

    @property
    def side_b(self) -> tuple[Citation, ...]:
        return tuple(c for c in self.citations if c.side == "b")


@dataclass(frozen=True)
class StoryClaimMap:
    """The claim map as pages and the API show it: per status the claims to list, the number
    of claims there are, and per article the sentences that rest on its source alone."""

    agreed: tuple[ShownClaim, ...]
    differ: tuple[ShownClaim, ...]
    single: tuple[ShownClaim, ...]
    counts: dict[str, int]
    single_sentences: dict[int, frozenset[int]]

    @property
    def agreed_count(self) -> int:
        return self.counts[CORROBORATED]

    @property
    def single_count(self) -> int:
        return self.counts[SINGLE_SOURCE]

    @property
    def empty(self) -> bool:
        return not (self.agreed or self.differ or self.single)


def story_claims(story: Story) -> StoryClaimMap | None:
    """The story's claim map, stored or made now (see the module docstring)."""
    articles = story_articles(story)
    if len({article.source_id for article in articles}) < 2:
        return None
    version = _version(articles)
    stored = StoryClaims.objects.filter(story=story).first()
    if stored is not None and stored.version == version:
        result = stored.result
    else:
        result = _compute(articles)
        _store(story, version, result)
    return _shown(result, {article.pk: article for article in articles})


def _version(articles: list[Article]) -> str:
    """The articles' version with the version of the rules that map them (32 characters)."""
    both = f"{story_version(articles)}:{RULES}".encode()
    return hashlib.blake2b(both, digest_size=16).hexdigest()


def _compute(articles: list[Article]) -> dict[str, Any]:
    embedder = loaded_embedder()
    found = claim_map(
        [
            ClaimArticle(
                id=str(article.pk),
                source=str(article.source_id),
                text=article.text or article.description,
                title=article.title,
                language=article.language,
                published=article.published_at.timestamp() if article.published_at else None,
            )
            for article in articles
        ],
        embed=embedder.embed if embedder is not None else None,
    )
    return {
        "claims": [
            {
                "kind": claim.kind,
                "status": claim.status,
                "mentions": [
                    {
                        "article": int(m.article),
                        "index": m.index,
                        "sentence": m.sentence[:SENTENCE_CHARS],
                        "written": m.written,
                        "side": m.side,
                    }
                    for m in claim.mentions
                ],
            }
            for claim in found.claims
        ]
    }


def _store(story: Story, version: str, result: dict[str, Any]) -> None:
    updated = StoryClaims.objects.filter(story=story).update(version=version, result=result)
    if updated:
        return
    try:
        with transaction.atomic():
            StoryClaims.objects.create(story=story, version=version, result=result)
    except IntegrityError:  # another request stored it first
        StoryClaims.objects.filter(story=story).update(version=version, result=result)


def _shown(result: dict[str, Any], articles: dict[int, Article]) -> StoryClaimMap:
    by_status: dict[str, list[ShownClaim]] = {s: [] for s in SHOWN}
    single_sentences: dict[int, set[int]] = {}
    for row in result.get("claims", []):
        citations = tuple(
            Citation(articles[m["article"]], m["sentence"], m["written"], m["side"])
            for m in row["mentions"]
            if m["article"] in articles
        )
        if not citations or row["status"] not in by_status:
            continue
        by_status[row["status"]].append(ShownClaim(row["kind"], row["status"], citations))
        if row["status"] == SINGLE_SOURCE:
            for m in row["mentions"]:
                single_sentences.setdefault(m["article"], set()).add(m["index"])
    agreed = sorted(by_status[CORROBORATED], key=lambda c: (-c.sources, RANK.get(c.kind, 1)))
    return StoryClaimMap(
        agreed=tuple(agreed[: SHOWN[CORROBORATED]]),
        differ=tuple(by_status[CONTRADICTED][: SHOWN[CONTRADICTED]]),
        single=tuple(by_status[SINGLE_SOURCE][: SHOWN[SINGLE_SOURCE]]),
        counts={status: len(claims) for status, claims in by_status.items()},
        single_sentences={a: frozenset(i) for a, i in single_sentences.items()},
    )
