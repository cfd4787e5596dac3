"""How strongly two reports in two languages tell one story: the cross-language evidence.

Reports of one event in two languages share few words. What they do share, and what this
mixes (decision 56):

- the cosine of their multilingual embeddings (title and lead, ``STORY_LEAD_CHARS``), the
  strongest signal by far;
- their anchors and entities: names and numbers written alike in both languages (anchors
  also carry the ids of the places an article names when the caller gives them; placement
  does not, as they added a false join and no pair on the SemEval pairs);
- how far apart in time they were published: reports of one event come within days of each
  other, two events of one kind (two floods, two trade talks) are often weeks apart. The
  evidence falls by ``TIME_PENALTY`` for each step of ``log(1 + days apart)``, so a few hours
  cost almost nothing and a month costs about 0.14 of cosine.

``cross_evidence`` is that mix; ``CROSS_JOIN_EVIDENCE`` is where it says "one story", chosen
on one half of the SemEval-2022 Task 8 pairs (by a hash of the pair id) for at most 2% false
joins there, and reported on the other half. ``cross_score`` puts the evidence on the story
decider's scale, shifted so that its bar falls at ``JOIN_THRESHOLD`` like every other score.

The same evidence, over any pair of articles whatever their languages, is what ``newsdesk
eval similarity`` reports as ``SPEC decider`` against the human scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from newsdesk.pipeline.cluster.thresholds import JOIN_THRESHOLD

CROSS_EVIDENCE = {"embedding": 1.0, "anchors": 0.1, "entities": 0.2}
TIME_PENALTY = 0.04
CROSS_JOIN_EVIDENCE = 0.55
SECONDS_A_DAY = 86400.0


def days_apart(
    a: tuple[float | None, float | None], b: tuple[float | None, float | None]
) -> float | None:
    """Days between two spans of publication times (POSIX seconds, first and last): 0 when
    they overlap; None when either side has no time."""
    a_first, a_last = a
    b_first, b_last = b
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return None
    return max(0.0, a_first - b_last, b_first - a_last) / SECONDS_A_DAY


def cross_evidence(parts: Mapping[str, float], days: float | None) -> float:
    """The evidence of one story in ``parts`` (average-link similarities by kind: the
    embedding, anchors, entities; a missing kind counts 0) less the time penalty."""
    evidence = sum(weight * parts.get(name, 0.0) for name, weight in CROSS_EVIDENCE.items())
    if days is not None:
        evidence -= TIME_PENALTY * math.log1p(days)
    return evidence


def cross_score(evidence: float) -> float:
    """The evidence on the decider's scale: ``CROSS_JOIN_EVIDENCE`` becomes ``JOIN_THRESHOLD``."""
    return evidence - CROSS_JOIN_EVIDENCE + JOIN_THRESHOLD
