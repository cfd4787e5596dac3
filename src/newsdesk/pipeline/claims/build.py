"""A story's claim map: its articles' statements aligned into claims with a status each.

Every statement of every article is compared (``align.compare``) with the statements of the
same kind and unit in the other publishers' articles. Agreements join statements into groups
(one statement per article at most, the closest first); a group that spans two or more
publishers is a *corroborated* claim. A difference between two groups makes one *contradicted*
claim whose two sides are the groups, unless the groups are joined by an agreement too (then
the sources are not clearly at odds, and nothing is said), or unless it is a toll that rose: a
count that grows as a story develops (killed, injured, missing, arrested, evacuated), higher in
the article published later, is an update, not a contradiction (with no publication times, or
a lower count later, the two disagree). A sentence with a number, a date or a
quote none of whose statements found a partner is a *single-source* claim.

Claims that rest on exactly the same sentences are one claim. Pure: plain data in, plain data
out; no model unless the caller passes an ``embed`` function, which then lets sentences in
different languages agree (``align``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from newsdesk.pipeline.claims.align import (
    AGREE,
    CROSS_LANGUAGE_COSINE,
    DIFFER,
    compare,
    quantity_key,
)
from newsdesk.pipeline.claims.events import date_key, event_keys, far_apart
from newsdesk.pipeline.claims.statements import Sentence, Statement, read_article
from newsdesk.pipeline.claims.wordlists import word_lists

#: The version of these rules and word lists: a stored map made by other rules is made again.
RULES = "95"
CORROBORATED = "corroborated"
CONTRADICTED = "contradicted"
SINGLE_SOURCE = "single-source"
STATUSES = (CORROBORATED, CONTRADICTED, SINGLE_SOURCE)
#: The kinds of statement that make a sentence worth listing as resting on one source.
CHECKABLE = frozenset({"number", "score", "quote", "time"})
#: Date statements worth listing alone: a year or a day, not a bare weekday or month.
CHECKABLE_DATES = frozenset({"year", "day"})
#: Contradictions of who said something: the sentences' other agreements are that statement.
CREDITS = frozenset({"actor", "quote"})
#: Fewest words of a sentence listed as resting on one source (a dateline is no claim).
SINGLE_SOURCE_WORDS = 6

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class ClaimArticle:
    """One article of a story as the claim map reads it."""

    id: str
    source: str
    text: str
    title: str = ""
    language: str = ""
    published: float | None = None  # a POSIX time: a later, higher toll is an update


@dataclass(frozen=True)
class Mention:
    """Where a claim is stated: an article, its sentence, the value as written there and, in a
    contradiction, the side (``"a"`` or ``"b"``) the article is on."""

    article: str
    source: str
    sentence: str
    index: int
    written: str = ""
    side: str = ""


@dataclass(frozen=True)
class Claim:
    kind: str
    status: str
    mentions: tuple[Mention, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.source for m in self.mentions))

    def side(self, name: str) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.side == name)


@dataclass(frozen=True)
class ClaimMap:
    claims: tuple[Claim, ...] = ()
    articles: int = 0
    sources: int = 0

    def of_status(self, status: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.status == status)

    def single_source_sentences(self) -> dict[str, frozenset[int]]:
        """Per article, the indexes of its sentences that rest on its source alone."""
        found: dict[str, set[int]] = defaultdict(set)
        for claim in self.of_status(SINGLE_SOURCE):
            for mention in claim.mentions:
                found[mention.article].add(mention.index)
        return {article: frozenset(indexes) for article, indexes in found.items()}


@dataclass
class _Groups:
    """Union-find over statements."""

    parent: dict[int, int] = field(default_factory=dict)

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def claim_map(articles: Sequence[ClaimArticle], *, embed: Embed | None = None) -> ClaimMap:
    """The claim map of a story's articles (see the module docstring)."""
    sentences = [read_article(i, a.text, a.title, a.published) for i, a in enumerate(articles)]
    by_key = {(s.article, s.index): s for sents in sentences for s in sents}
    statements = [st for sents in sentences for s in sents for st in s.statements]
    values = [_values(sents) for sents in sentences]
    agree, differ = _edges(articles, statements, by_key, values)
    if embed is not None:
        agree += _cross_language(articles, sentences, statements, embed)
    groups = _Groups()
    used_pairs: set[tuple[int, int]] = set()
    members: dict[int, dict[int, int]] = defaultdict(dict)  # root -> article -> statement
    for i in range(len(statements)):
        members[groups.find(i)][statements[i].article] = i
    for _score, i, j in sorted(agree, reverse=True):
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj or set(members[ri]) & set(members[rj]):
            continue  # one statement per article in a claim
        groups.join(i, j)
        root = groups.find(i)
        merged = {**members.pop(ri), **members.pop(rj)}
        members[root] = merged
        used_pairs.add((i, j))
    aligned: set[int] = set()
    claims, opposed = _contradictions(
        articles, statements, by_key, differ, groups, members, aligned
    )
    for root, members_of in members.items():
        if root in opposed:
            continue  # stated as a side of a contradiction
        if len({articles[statements[i].article].source for i in members_of.values()}) < 2:
            continue
        aligned.update(members_of.values())
        kind = statements[next(iter(members_of.values()))].kind
        claims.append(
            Claim(kind, CORROBORATED, _mentions(articles, statements, by_key, members_of.values()))
        )
    claims += _single_source(articles, sentences, statements, aligned, values)
    sources = len({a.source for a in articles})
    return ClaimMap(tuple(_merge(claims)), len(articles), sources)


def _values(sentences: list[Sentence]) -> dict[str, frozenset[str]]:
    """The values of each unit an article states."""
    found: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        for statement in sentence.statements:
            found[statement.unit].add(statement.value)
            if statement.kind == "date":
                kind, value = date_key(statement)
                found[kind].add(value)
                for key in event_keys(statement):
                    found[key].add(value)
            if statement.quantity >= 0:
                hedged = "~" if statement.hedged and not statement.estimate else ""
                found[quantity_key(statement) + hedged].add(statement.value)
    return {unit: frozenset(values) for unit, values in found.items()}


def _edges(
    articles: Sequence[ClaimArticle],
    statements: list[Statement],
    by_key: dict[tuple[int, int], Sentence],
    values: list[dict[str, frozenset[str]]],
) -> tuple[list[tuple[float, int, int]], list[tuple[int, int]]]:
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        buckets[(st.kind, st.unit)].append(i)
    agree: list[tuple[float, int, int]] = []
    differ: list[tuple[int, int]] = []
    for bucket in buckets.values():
        for i, j in combinations(bucket, 2):
            a, b = statements[i], statements[j]
            if a.article == b.article or articles[a.article].source == articles[b.article].source:
                continue
            sa, sb = by_key[(a.article, a.sentence)], by_key[(b.article, b.sentence)]
            verdict = compare(a, b, sa, sb, (values[a.article], values[b.article]))
            if verdict == AGREE:
                agree.append((len(a.frame & b.frame) + len(sa.keys & sb.keys) / 100, i, j))
            elif verdict == DIFFER and not _update(articles, a, b) and not _weeks(articles, a, b):
                differ.append((i, j))
    return agree, differ


def _update(articles: Sequence[ClaimArticle], a: Statement, b: Statement) -> bool:
    """Whether two differing counts are a toll that rose as the story developed: a count that
    grows (``rising`` in the word lists), higher in the article published later."""
    if a.kind != "number" or a.quantity not in word_lists().rising:
        return False
    when_a, when_b = articles[a.article].published, articles[b.article].published
    if when_a is None or when_b is None or when_a == when_b:
        return False  # the same moment, or unknown: the counts disagree
    later, earlier = (a, b) if when_a > when_b else (b, a)
    return float(later.value) > float(earlier.value)


def _weeks(articles: Sequence[ClaimArticle], a: Statement, b: Statement) -> bool:
    """Whether two weekdays come from articles published too far apart to name one week."""
    if a.kind != "date" or a.unit != "weekday":
        return False
    return far_apart(articles[a.article].published, articles[b.article].published)


def _cross_language(
    articles: Sequence[ClaimArticle],
    sentences: list[list[Sentence]],
    statements: list[Statement],
    embed: Embed,
) -> list[tuple[float, int, int]]:
    """Agreements between actor statements of articles in different languages: close sentence
    vectors, and a shared name or number."""
    languages = {a.language for a in articles if a.language}
    if len(languages) < 2:
        return []
    actors = [i for i, st in enumerate(statements) if st.kind == "actor"]
    if not actors:
        return []
    by_key = {(s.article, s.index): s for sents in sentences for s in sents}
    texts = [by_key[(statements[i].article, statements[i].sentence)].text for i in actors]
    vectors = np.asarray(embed(texts), dtype=np.float32)
    similarity = vectors @ vectors.T
    found: list[tuple[float, int, int]] = []
    for x, y in combinations(range(len(actors)), 2):
        a, b = statements[actors[x]], statements[actors[y]]
        la, lb = articles[a.article].language, articles[b.article].language
        if not la or not lb or la == lb or articles[a.article].source == articles[b.article].source:
            continue
        if similarity[x, y] < CROSS_LANGUAGE_COSINE:
            continue
        sa, sb = by_key[(a.article, a.sentence)], by_key[(b.article, b.sentence)]
        numbers_a = {st.value for st in sa.statements if st.kind == "number"}
        numbers_b = {st.value for st in sb.statements if st.kind == "number"}
        if sa.names & sb.names or numbers_a & numbers_b:
            found.append((float(similarity[x, y]) * 10, actors[x], actors[y]))
    return found


def _mentions(
    articles: Sequence[ClaimArticle],
    statements: list[Statement],
    by_key: dict[tuple[int, int], Sentence],
    indexes: Iterable[int],
    side: str = "",
) -> tuple[Mention, ...]:
    out = []
    for i in sorted(indexes, key=lambda i: (statements[i].article, statements[i].sentence)):
        st = statements[i]
        article = articles[st.article]
        text = by_key[(st.article, st.sentence)].text
        written = "" if st.kind == "actor" else st.written
        out.append(Mention(article.id, article.source, text, st.sentence, written, side))
    return tuple(out)


def _contradictions(
    articles: Sequence[ClaimArticle],
    statements: list[Statement],
    by_key: dict[tuple[int, int], Sentence],
    differ: list[tuple[int, int]],
    groups: _Groups,
    members: dict[int, dict[int, int]],
    aligned: set[int],
) -> tuple[list[Claim], set[int]]:
    """The contradicted claims, and the groups (by root) that are their sides."""
    claims: list[Claim] = []
    seen: set[frozenset[int]] = set()
    opposed: set[int] = set()
    for i, j in differ:
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj or frozenset((ri, rj)) in seen:
            continue
        side_a, side_b = members[ri], members[rj]
        if set(side_a) & set(side_b):
            continue  # an article on both sides: no clear disagreement
        seen.add(frozenset((ri, rj)))
        opposed |= {ri, rj}
        aligned.update(side_a.values())
        aligned.update(side_b.values())
        mentions = _mentions(articles, statements, by_key, side_a.values(), "a")
        mentions += _mentions(articles, statements, by_key, side_b.values(), "b")
        claims.append(Claim(statements[i].kind, CONTRADICTED, mentions))
    return claims, opposed


def _single_source(
    articles: Sequence[ClaimArticle],
    sentences: list[list[Sentence]],
    statements: list[Statement],
    aligned: set[int],
    values: list[dict[str, frozenset[str]]],
) -> list[Claim]:
    """Sentences with a checkable statement that no other source's article states: none of
    their statements aligned, and none of their values stated with that unit by another source
    anywhere (what the aligner missed is not called one source's)."""
    elsewhere: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for index, article in enumerate(articles):
        for unit, stated in values[index].items():
            elsewhere[article.source][unit] |= stated
    aligned_sentences = {(statements[i].article, statements[i].sentence) for i in aligned}
    claims: list[Claim] = []
    for sents in sentences:
        for s in sents:
            if (s.article, s.index) in aligned_sentences:
                continue
            checkable = [
                st
                for st in s.statements
                if st.kind in CHECKABLE or (st.kind == "date" and st.unit in CHECKABLE_DATES)
            ]
            if not checkable or len(s.text.split()) < SINGLE_SOURCE_WORDS:
                continue
            article = articles[s.article]
            others = [u for source, u in elsewhere.items() if source != article.source]
            if any(st.value in units.get(st.unit, ()) for st in checkable for units in others):
                continue
            written = ", ".join(dict.fromkeys(st.written for st in checkable))
            mention = Mention(article.id, article.source, s.text, s.index, written)
            claims.append(Claim(checkable[0].kind, SINGLE_SOURCE, (mention,)))
    return claims


def _merge(claims: list[Claim]) -> list[Claim]:
    """Claims resting on the same sentences as one (a contradiction before an agreement: an
    agreement on the very sentences of a statement credited to two people is not shown; one on
    the sentences of two tolls is, "Sunday" beside "Sunday"), and
    claims stating the same values in the same articles (a title repeating its first sentence)
    once."""
    order = {CONTRADICTED: 0, CORROBORATED: 1, SINGLE_SOURCE: 2}
    kept: dict[tuple[str, frozenset[tuple[str, int]]], Claim] = {}
    stated: set[tuple[str, frozenset[tuple[str, str, str]]]] = set()
    differing: set[frozenset[tuple[str, int]]] = set()
    for claim in sorted(claims, key=lambda c: order[c.status]):
        where = frozenset((m.article, m.index) for m in claim.mentions)
        if claim.status == CONTRADICTED and claim.kind in CREDITS:
            differing.add(where)
        elif claim.status == CORROBORATED and where in differing:
            continue  # one statement credited to two people: shown once, where they differ
        if claim.kind != "actor" and claim.status != SINGLE_SOURCE:
            values = frozenset((m.article, m.side, m.written.lower()) for m in claim.mentions)
            if (claim.status, values) in stated:
                continue
            stated.add((claim.status, values))
        key = (claim.status, frozenset((m.article, m.index) for m in claim.mentions))
        if key in kept:
            previous = kept[key]
            if claim.mentions[0].written and claim.kind != "actor":
                merged = tuple(
                    Mention(
                        m.article,
                        m.source,
                        m.sentence,
                        m.index,
                        ", ".join(x for x in (m.written, n.written) if x),
                        m.side,
                    )
                    for m, n in zip(previous.mentions, claim.mentions, strict=False)
                )
                kind = previous.kind if previous.kind != "actor" else claim.kind
                kept[key] = Claim(kind, previous.status, merged)
            continue
        kept[key] = claim
    return list(kept.values())
