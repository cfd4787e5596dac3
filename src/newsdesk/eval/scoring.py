"""The published scores of the two extraction sets, reimplemented exactly.

zyte (the Zyte/Scrapinghub article-extraction benchmark, ``evaluate.py``): tokens are ``\\w+``
matches, case kept; each text becomes the *multiset* of its word 4-gram shingles (a text of fewer
than four tokens is one shorter shingle; an empty text has none). Per page, true positives,
false positives and false negatives are counted over the multisets and normalised by their sum.
Precision is averaged over the pages that predicted something, recall over the pages whose truth
is not empty (a page with nothing wrong scores 1, one with nothing right 0), and F1 is the
harmonic mean of the two averages.

wcxb (the WCXB benchmark's ``evaluate.py``): tokens are ``\\w+`` matches of the lower-cased text;
per page, precision, recall and F1 over the token multisets (empty truth and empty prediction is
a perfect page; either one empty alone scores 0); each of the three is averaged over all pages.

Title, author and date accuracy (wcxb only; the set ships no script for them) count pages whose
truth has the field: titles and authors match when their lower-cased word tokens do (authors as a
multiset, "by" and "and" ignored, so "A, B and C" matches "A; B; C"); a date string matches the
truth's YYYY-MM-DD exactly, and a UTC datetime matches when some UTC offset (-12 h to +14 h) puts
it on the truth's calendar day.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

_ZYTE_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_AUTHOR_FILLERS = frozenset({"by", "and"})


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _ZYTE_TOKEN.findall(text or "")
    grams = (tuple(tokens[i : i + _SHINGLE]) for i in range(max(1, len(tokens) - _SHINGLE + 1)))
    return Counter(gram for gram in grams if gram)


def zyte_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page over the 4-gram shingle multisets."""
    true_shingles, predicted_shingles = _shingles(truth), _shingles(predicted)
    tp = sum((true_shingles & predicted_shingles).values())
    fp = sum(predicted_shingles.values()) - tp
    fn = sum(true_shingles.values()) - tp
    total = tp + fp + fn
    if not total:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def zyte_scores(pages: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) of a set of pages' normalised counts."""
    precisions = [_precision(*page) for page in pages if page[0] + page[1] > 0]
    recalls = [_recall(*page) for page in pages if page[0] + page[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def word_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of one page over lower-cased word multisets."""
    true_tokens = _ZYTE_TOKEN.findall((truth or "").lower())
    predicted_tokens = _ZYTE_TOKEN.findall((predicted or "").lower())
    if not true_tokens:
        return (1.0, 1.0, 1.0) if not predicted_tokens else (0.0, 0.0, 0.0)
    if not predicted_tokens:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(true_tokens) & Counter(predicted_tokens)).values())
    precision = overlap / len(predicted_tokens)
    recall = overlap / len(true_tokens)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def mean_scores(pages: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Each of (precision, recall, F1) averaged over pages."""
    if not pages:
        return 0.0, 0.0, 0.0
    return (
        statistics.fmean(page[0] for page in pages),
        statistics.fmean(page[1] for page in pages),
        statistics.fmean(page[2] for page in pages),
    )


def same_title(truth: str, predicted: str) -> bool:
    return _words(truth) == _words(predicted)


def same_author(truth: str, predicted: str) -> bool:
    def names(text: str) -> Counter[str]:
        return Counter(w for w in _words(text) if w not in _AUTHOR_FILLERS)

    return bool(names(truth)) and names(truth) == names(predicted)


def same_date(truth: str, predicted: datetime | str | None) -> bool:
    """Whether ``predicted`` falls on the calendar day ``truth`` (YYYY-MM-DD...)."""
    day = truth[:10]
    if predicted is None or not day:
        return False
    if isinstance(predicted, str):
        return predicted[:10] == day
    try:
        start = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return False
    moment = predicted if predicted.tzinfo else predicted.replace(tzinfo=UTC)
    return start - timedelta(hours=14) <= moment < start + timedelta(days=1, hours=12)


def _words(text: str) -> list[str]:
    return _ZYTE_TOKEN.findall((text or "").casefold())
