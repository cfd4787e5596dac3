"""Answer a reader's question with the article's sentences, or say that the article does not.

A sentence answers a question (``Evidence.problems`` is empty) only when:

1. it is about what the question names: every name the question holds ("Marc Leishman",
   "Dortmund") is in the sentence or just before it (the two sentences before, the headline
   or the article's first sentence, where "he" and "the club" get their meaning);
2. it covers the question's words: the share of the question's content words it holds,
   weighted by how rare each is in the article (a word the article never uses weighs most), is
   at least ``MIN_COVERAGE`` (``NAMED_COVERAGE`` when the sentence itself holds every name the
   question holds and the question asks for a number, amount, age, date, person or place); a
   name held only by the two sentences before, or another word held only by the sentence
   before (or the headline), counts ``CONTEXT_CREDIT``; and at least one word is in the
   sentence itself;
3. it holds the kind of thing asked for, beyond what the question holds (``kinds.fills``):
   a number counting what "how many" counts, an amount with its unit, an age, a date, a
   person's name, a place after a preposition, a position, a cause.

Words are matched by stem, derivational ending, word form and synonym group (``words.keys``);
the question is read by ``questions.read_question``.
``answer_picks`` returns the one or two best sentences that pass, for the extractive engine;
``finish_answer`` is what every engine's answer goes through before a reader sees it: the
faithfulness check of each sentence against what it cites, then the same three tests on the
cited sentences taken together, so a language model's answer that cites sentences which do
not answer the question is turned into "the article does not say".

``MIN_COVERAGE`` and ``CONTEXT_CREDIT`` were chosen on the dev questions of
``newsdesk/eval/labels/questions.json`` (``newsdesk eval questions``), ``NAMED_COVERAGE`` on
every split but the last blind one (decision 81); rerun it on all splits after changing them or
the word lists.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from newsdesk.pipeline.summarize.base import AiText
from newsdesk.pipeline.summarize.faithfulness import check_text
from newsdesk.pipeline.summarize.kinds import fills
from newsdesk.pipeline.summarize.questions import Asked, read_question
from newsdesk.pipeline.summarize.words import Keys, text_keys

#: The weighted share of the question's words an answer must hold.
MIN_COVERAGE = 0.65
#: The share when the sentence itself holds every name of the question and a thing of a kind
#: that the kind check pins down (a number, an amount, an age, a date, a person, a place): the
#: names say what it is about, the kind check what it tells ("How much does Riddick Bowe
#: charge to post a tweet?" against "... Riddick Bowe ... offering to post tweets for $20").
NAMED_COVERAGE = 0.60
NAMED_KINDS = frozenset({"number", "amount", "measure", "age", "date", "person", "place"})
#: What a word counts for when only the two sentences before (or the headline) hold it.
CONTEXT_CREDIT = 0.5
#: How many sentences before a sentence give it its context: two for what the question names
#: ("he", "the club" reach back further), one for its other words.
CONTEXT_SENTENCES = 2
WORD_CONTEXT_SENTENCES = 1
#: What a word of a relative clause ("the shelter where Rademenes works") weighs: the clause
#: says which thing is meant, and the answer may say that in other words ("its resident nurse").
QUALIFIER_WEIGHT = 0.5
#: A runner-up sentence is cited too when its score is at least this share of the best one's.
RUNNER_UP = 0.9
#: The note an answer carries when the check turned it into "the article does not say".
NOT_ANSWERED_NOTE = "the cited sentences do not answer the question"


@dataclass(frozen=True)
class Evidence:
    """How well some text answers a question: its coverage, and what it lacks."""

    coverage: float
    problems: tuple[str, ...]


def term_weights(asked: Asked, sentences: Sequence[Keys]) -> list[float]:
    """Each question term's weight: its inverse document frequency over the article's sentences."""
    total = len(sentences)
    weights = []
    for term in asked.terms:
        count = sum(1 for found in sentences if term & found)
        weight = math.log((1 + total) / (1 + count)) + 1.0
        weights.append(QUALIFIER_WEIGHT * weight if term in asked.qualifiers else weight)
    return weights


@dataclass(frozen=True)
class Context:
    """The keys of what stands before a sentence: for names, and for the other words."""

    names: Keys = frozenset()
    words: Keys = frozenset()


def context_of(found: Sequence[Keys], index: int, title: Keys = frozenset()) -> Context:
    """The context of sentence ``index`` among sentences whose keys are ``found`` (those of one
    article, its first sentence first): for names, the article's first sentence counts too,
    since who or what it names is who "he" and "the boxer" are further down."""
    lead = found[0] if found else frozenset()
    return Context(
        names=title.union(lead, *found[max(0, index - CONTEXT_SENTENCES) : index]),
        words=title.union(*found[max(0, index - WORD_CONTEXT_SENTENCES) : index]),
    )


def assess(
    asked: Asked, text: str, found: Keys, context: Context, weights: Sequence[float]
) -> Evidence:
    """How well ``text`` (whose keys are ``found``, with ``context`` before it) answers."""
    problems = []
    missing = [name for name in asked.names if not name & (found | context.names)]
    if missing:
        problems.append("names: " + ", ".join(sorted(min(name) for name in missing)))
    total = sum(weights)
    held = 0.0
    direct = False
    for term, weight in zip(asked.terms, weights, strict=True):
        if term & found:
            held += weight
            direct = True
        elif term & (context.names if term in asked.names else context.words):
            held += CONTEXT_CREDIT * weight
    coverage = held / total if total else 0.0
    named = asked.kind in NAMED_KINDS and asked.names and all(name & found for name in asked.names)
    if not direct or coverage < (NAMED_COVERAGE if named else MIN_COVERAGE):
        problems.append(f"words: {coverage:.2f}")
    if not fills(asked, text):
        problems.append(f"no {asked.kind}")
    return Evidence(coverage=coverage, problems=tuple(problems))


def answer_picks(texts: Sequence[str], title: str, question: str) -> list[int]:
    """Indexes of the one or two sentences of ``texts`` that answer ``question``, best first,
    or none when no sentence does."""
    asked = read_question(question)
    if not asked.terms or not texts:
        return []
    found = [text_keys(text) for text in texts]
    weights = term_weights(asked, found)
    title_keys = text_keys(title)
    scored: list[tuple[float, int]] = []
    for index, text in enumerate(texts):
        evidence = assess(asked, text, found[index], context_of(found, index, title_keys), weights)
        if not evidence.problems:
            scored.append((evidence.coverage - 0.002 * index, index))
    if not scored:
        return []
    scored.sort(reverse=True)
    picks = [scored[0][1]]
    if len(scored) > 1 and scored[1][0] >= RUNNER_UP * scored[0][0]:
        picks.append(scored[1][1])
    return picks


def finish_answer(text: AiText, question: str, sources: Mapping[str, str]) -> AiText:
    """``text`` checked: each sentence against the sentences it cites (faithfulness), then the
    cited sentences of the supported ones, together, against the question. An answer that
    fails comes back ``answered=False``, with no sentences and a note."""
    checked = check_text(text, sources)
    if checked.task != "answer" or not checked.answered:
        return checked
    cited = [
        cite
        for sentence in checked.sentences
        if sentence.supported is not False
        for cite in sentence.cites
        if cite in sources
    ]
    if cited and not _cited_problems(question, list(dict.fromkeys(cited)), sources):
        return checked
    return replace(checked, sentences=(), answered=False, notes=(*checked.notes, NOT_ANSWERED_NOTE))


def _cited_problems(question: str, cited: list[str], sources: Mapping[str, str]) -> tuple[str, ...]:
    asked = read_question(question)
    order = list(sources)
    found = [text_keys(text) for text in sources.values()]
    weights = term_weights(asked, found)
    names: set[str] = set()
    words: set[str] = set()
    for sentence_id in cited:
        position = order.index(sentence_id)
        document = sentence_id.rpartition(":")[0]
        # Context from the same article only: a brief's sources sit one after another.
        start = position
        while start > 0 and order[start - 1].rpartition(":")[0] == document:
            start -= 1
        context = context_of(found[start:], position - start)
        names.update(context.names)
        words.update(context.words)
    together = frozenset().union(*(found[order.index(sentence_id)] for sentence_id in cited))
    text = " ".join(sources[sentence_id] for sentence_id in cited)
    context = Context(names=frozenset(names), words=frozenset(words))
    return assess(asked, text, together, context, weights).problems
