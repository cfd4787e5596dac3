"""Machine translation sentence by sentence: batches, prompts, and the model's numbered lines.

A text is translated in batches a small model's context can take (``batches``). Each batch is
one prompt (``build_prompt``) listing its sentences numbered ``[1] …``, ``[2] …``; the model
answers one line per sentence, starting with the number(s) it renders (``[3] …``, or
``[3][4] …`` when two sentences read better as one). ``parse_translation`` maps those numbers
back to sentence ids, so every translated sentence cites the source sentence(s) it renders.

``translation_checks`` then holds each translated sentence to what survives translation, and
accounts for every source sentence the model left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from newsdesk.pipeline.summarize.base import CitedSentence, SourceSentence, SummarizeError
from newsdesk.pipeline.summarize.llm import Prompt

#: Languages a text can be translated into: code to the English name the prompt uses.
LANGUAGE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "en": "English",
        "de": "German",
        "fr": "French",
        "es": "Spanish",
        "it": "Italian",
        "pt": "Portuguese",
        "nl": "Dutch",
        "pl": "Polish",
        "uk": "Ukrainian",
        "ru": "Russian",
        "ar": "Arabic",
        "tr": "Turkish",
        "zh": "Chinese",
        "ja": "Japanese",
    }
)
#: Each language's name in itself, as a reader of it looks for it.
NATIVE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "en": "English",
        "de": "Deutsch",
        "fr": "Français",
        "es": "Español",
        "it": "Italiano",
        "pt": "Português",
        "nl": "Nederlands",
        "pl": "Polski",
        "uk": "Українська",
        "ru": "Русский",
        "ar": "العربية",
        "tr": "Türkçe",
        "zh": "中文",
        "ja": "日本語",
    }
)
#: Targets whose text takes about a token a character in small models' vocabularies; Latin
#: script takes about one in two (``build_prompt`` bounds the answer by it).
DENSE_SCRIPTS = frozenset({"ar", "ru", "uk", "zh", "ja"})

#: A batch holds at most this many sentences and characters (a 135M model keeps to 4k tokens).
BATCH_SENTENCES = 8
BATCH_CHARS = 1200

SYSTEM_PROMPT = (
    "You are a professional news translator. Translate faithfully and completely. Keep every "
    "number, date, name and web address. Add nothing, explain nothing."
)
INSTRUCTION = (
    "Translate each numbered sentence {source}into {target}. Write one line per sentence, "
    "starting with its number in square brackets, like this:\n[1] the translated sentence\n"
    "Keep the numbers. Write nothing else."
)


def batches(
    sentences: Sequence[SourceSentence],
    max_sentences: int = BATCH_SENTENCES,
    max_chars: int = BATCH_CHARS,
) -> list[tuple[SourceSentence, ...]]:
    """The sentences in order, cut into runs of at most ``max_sentences`` and ``max_chars``
    (a longer sentence goes alone)."""
    runs: list[list[SourceSentence]] = []
    chars = 0
    for sentence in sentences:
        size = len(sentence.text)
        if not runs or len(runs[-1]) >= max_sentences or (runs[-1] and chars + size > max_chars):
            runs.append([])
            chars = 0
        runs[-1].append(sentence)
        chars += size
    return [tuple(run) for run in runs]


def build_prompt(batch: Sequence[SourceSentence], target: str, source_language: str = "") -> Prompt:
    """The request for one batch: its sentences numbered from 1, into ``target`` (a code)."""
    if target not in LANGUAGE_NAMES:
        raise SummarizeError(f"cannot translate into {target!r}")
    if not batch:
        raise SummarizeError("nothing to translate")
    source = LANGUAGE_NAMES.get(source_language, "")
    instruction = INSTRUCTION.format(
        source=f"from {source} " if source else "", target=LANGUAGE_NAMES[target]
    )
    lines = [f"[{n}] {' '.join(s.text.split())}" for n, s in enumerate(batch, start=1)]
    chars = sum(len(s.text) for s in batch)
    per_char = 1.0 if target in DENSE_SCRIPTS else 0.6
    return Prompt(
        task="translation",
        messages=(
            MappingProxyType({"role": "system", "content": SYSTEM_PROMPT}),
            MappingProxyType({"role": "user", "content": instruction + "\n\n" + "\n".join(lines)}),
        ),
        numbers=MappingProxyType({n: s.id for n, s in enumerate(batch, start=1)}),
        max_tokens=min(2048, max(96, int(chars * per_char) + 16 * len(batch))),
        language=target,
    )


# --- parsing the model's numbered lines -------------------------------------------------------

_LEADING = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:\*\*)?"
    r"((?:\[\s*\d{1,3}(?:\s*[,\-\u2013]\s*\d{1,3})*\s*\]\s*)+|\(?\d{1,3}[.):]\s+)"
    r"(?:\*\*)?\s*(.*)$"
)
_TRAILING = re.compile(r"^(.*?)\s*((?:\[\s*\d{1,3}(?:\s*[,\-\u2013]\s*\d{1,3})*\s*\]\s*)+)$")
_NUMBER = re.compile(r"\d{1,3}(?:\s*[\-\u2013]\s*\d{1,3})?")
_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL)


def parse_translation(prompt: Prompt, text: str) -> tuple[list[CitedSentence], list[str]]:
    """The translated sentences, each citing the ids its numbers stand for, and notes.

    A line starting with a number (``[2] …``, ``2. …``) is one translation; an unnumbered line
    after it continues it; unnumbered lines before any number are a preamble and dropped. When
    no line has a number and there are as many lines as sentences, lines go by position.
    Numbers naming no sentence, and a sentence translated twice, are noted and left out.
    """
    lines = [" ".join(line.split()) for line in _THINKING.sub("", text).splitlines()]
    lines = [line.replace("**", "") for line in lines if line]
    units = _numbered(lines)
    notes: list[str] = []
    if not any(numbers for numbers, _ in units):
        units = _by_position(lines, prompt)
    sentences: list[CitedSentence] = []
    seen: set[str] = set()
    for numbers, words in units:
        ids = [prompt.numbers[n] for n in numbers if n in prompt.numbers]
        unknown = [n for n in numbers if n not in prompt.numbers]
        if unknown:
            notes.append("numbers that name no sentence: " + ", ".join(map(str, unknown)))
        repeated = [i for i in ids if i in seen]
        if repeated:
            notes.append("translated twice, first kept: " + ", ".join(repeated))
        ids = [i for i in dict.fromkeys(ids) if i not in seen]
        if ids and _has_words(words):
            seen.update(ids)
            sentences.append(CitedSentence(words, tuple(ids)))
    return sentences, notes


def _numbered(lines: list[str]) -> list[tuple[list[int], str]]:
    units: list[tuple[list[int], str]] = []
    for line in lines:
        found = _LEADING.match(line)
        if found is not None:
            units.append((_numbers(found.group(1)), found.group(2).strip()))
            continue
        trailing = _TRAILING.match(line)
        if trailing is not None and _has_words(trailing.group(1)):
            units.append((_numbers(trailing.group(2)), trailing.group(1).strip()))
        elif units and units[-1][0]:
            numbers, words = units[-1]
            units[-1] = (numbers, f"{words} {line}".strip())
        else:
            units.append(([], line))  # a preamble ("Here is the translation:")
    return [(numbers, words) for numbers, words in units if numbers]


def _by_position(lines: list[str], prompt: Prompt) -> list[tuple[list[int], str]]:
    lines = [line for line in lines if _has_words(line)]
    expected = sorted(prompt.numbers)
    if len(lines) != len(expected):
        return []
    return [([n], line) for n, line in zip(expected, lines, strict=True)]


def _numbers(group: str) -> list[int]:
    if not group.lstrip().startswith("["):
        return [int(re.sub(r"\D", "", group))]
    numbers: list[int] = []
    for item in _NUMBER.findall(group):
        low, _, high = item.replace("\u2013", "-").replace(" ", "").partition("-")
        first, last = int(low), int(high or low)
        numbers.extend(range(first, min(last, first + 10) + 1) if last >= first else [first])
    return numbers


def _has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)
