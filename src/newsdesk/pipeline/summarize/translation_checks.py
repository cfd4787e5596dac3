"""What a translated sentence must keep of its source sentences, whatever the language.

``check_translation`` holds each translated sentence to what survives translation: the numbers
(however the language writes them), dates (months and weekdays, in the languages of the tables
below), names (Latin script on both sides) and web addresses of its source sentences must be
in it, its length must be in proportion, and the language detected in it (``detected``, found
by the caller: this module detects nothing) must be the target. ``fill_gaps`` adds a failed
entry for every source sentence the model left out, so a page can show the original in its
place: nothing is dropped and nothing invented.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from types import MappingProxyType

from newsdesk.pipeline.summarize.base import CitedSentence, SourceSentence

#: The translation's weighted length over the source's must lie in these bounds.
MIN_RATIO = 0.35
MAX_RATIO = 2.8
#: Sources shorter than this many letters are not held to the length ratio.
RATIO_FROM = 20
#: How alike a name and a word of the translation must be ("Zelensky" and "Selenskyj").
NAME_LIKENESS = 0.75


def check_translation(
    sentences: Sequence[CitedSentence],
    sources: Mapping[str, str],
    detected: Sequence[str],
    target: str,
    source_language: str = "",
) -> list[CitedSentence]:
    """Each sentence checked against the source sentences it cites; ``detected[i]`` is the
    language found in sentence i ("" when unsure)."""
    if len(detected) != len(sentences):
        raise ValueError("one detected language per sentence")
    checked = []
    for sentence, language in zip(sentences, detected, strict=True):
        if not sentence.cites or any(cited not in sources for cited in sentence.cites):
            checked.append(sentence.checked(False, ["no source sentence"]))
            continue
        original = " ".join(sources[cited] for cited in sentence.cites)
        problems = check_pair(original, sentence.text, target, language, source_language)
        checked.append(sentence.checked(not problems, problems))
    return checked


def check_pair(
    original: str, translation: str, target: str, detected: str = "", source_language: str = ""
) -> list[str]:
    """What of ``original`` its ``translation`` into ``target`` lost, or [] when nothing."""
    if not any(character.isalnum() for character in translation):
        return ["empty"]
    problems = [f"number {n}" for n in _numbers_in(original) if not _number_held(n, translation)]
    kept = _date_terms(translation)
    problems += [f"date {word}" for word, term in _date_words(original) if term not in kept]
    if _latin(original) and _latin(translation) and source_language != "de":
        words = [_fold(word) for word in _WORD.findall(translation)]
        problems += [f"name {name}" for name in _names(original) if not _name_held(name, words)]
    problems += [f"address {a}" for a in _ADDRESS.findall(original) if a not in translation]
    ratio = _weight(translation) / max(1, _weight(original))
    if _weight(original) >= RATIO_FROM and not MIN_RATIO <= ratio <= MAX_RATIO:
        problems.append(f"length ratio {ratio:.2f}")
    if detected and detected != target:
        problems.append(f"language {detected}")
    elif source_language and source_language != target and _same_text(original, translation):
        problems.append("not translated")
    return problems


# Numbers: digit runs joined across the separators languages write inside one number
# ("1,200", "1.200", "1 200", "3,5", "10:30"), compared as digits without leading zeros.
_DIGIT_RUN = re.compile(r"\d+(?:(?:[.,:'\u2019\u00a0\u202f]|\s(?=\d{3}\b))\d+)*")


def _digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c, c)) if c.isdecimal() else c for c in text)


def _numbers_in(text: str) -> list[str]:
    runs = [re.sub(r"\D", "", run).lstrip("0") or "0" for run in _DIGIT_RUN.findall(_digits(text))]
    return list(dict.fromkeys(runs))


def _number_held(number: str, translation: str) -> bool:
    """The number is a run of the translation, or several runs in a row ("10 h 30")."""
    runs = [re.sub(r"\D", "", run) for run in _DIGIT_RUN.findall(_digits(translation))]
    for start in range(len(runs)):
        joined = ""
        for run in runs[start:]:
            joined += run
            if (joined.lstrip("0") or "0") == number:
                return True
            if len(joined) >= len(number) + 2:
                break
    return False


# Dates: month and weekday names in the languages of these tables, each with its number.
_MONTHS = (
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
)
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "lunes martes miércoles jueves viernes sábado domingo",
    "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
)
_DATE_TERMS: Mapping[str, str] = MappingProxyType(
    {
        **{
            unicodedata.normalize("NFC", word): f"month {n}"
            for line in _MONTHS
            for n, word in enumerate(line.split(), start=1)
        },
        **{
            unicodedata.normalize("NFC", word): f"weekday {n}"
            for line in _WEEKDAYS
            for n, word in enumerate(line.split(), start=1)
        },
        "sonnabend": "weekday 6",
        "الإثنين": "weekday 1",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_ARABIC_PREFIXES = ("و", "ب", "ل", "ف")


def _date_words(text: str) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word in ("may", "march"):
            continue  # English verbs; the months are written "May" and "March"
        term = _date_term(word)
        if term:
            found.setdefault(term, word)
    return [(word, term) for term, word in found.items()]


def _date_terms(text: str) -> set[str]:
    return {term for word in _WORD.findall(text) if (term := _date_term(word))}


def _date_term(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower())
    if word in _DATE_TERMS:
        return _DATE_TERMS[word]
    if word[:1] in _ARABIC_PREFIXES:
        return _DATE_TERMS.get(word[1:], "")  # "وفي", "بمارس": a joined conjunction
    return ""


# Names: runs of two or more capitalised words ("Joe Biden", "United Nations"), held when the
# translation has a word like the run's last one. German capitalises every noun, so German
# sources are not held to names; scripts other than Latin write names their own way.
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_NAME_RUN = re.compile(
    rf"{_CAPITALISED.pattern}(?:\s+(?:(?:de|da|van|von|der|del|al|bin|el|la|le)\s+)?"
    rf"{_CAPITALISED.pattern})+"
)
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]|[\w.+-]+@[\w-]+\.[\w.]+"
)


def _names(text: str) -> list[str]:
    return list(dict.fromkeys(match.group(0) for match in _NAME_RUN.finditer(text)))


def _name_held(name: str, words: list[str]) -> bool:
    last = _fold(_WORD.findall(name)[-1])
    if last in words:
        return True
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(last)
    for word in words:
        matcher.set_seq1(word)
        if len(word) < 3 or matcher.quick_ratio() < NAME_LIKENESS:
            continue
        if matcher.ratio() >= NAME_LIKENESS:
            return True
    return False


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250")
    return bool(letters) and latin / len(letters) > 0.8


def _is_wide(character: str) -> bool:
    """Chinese, Japanese and Korean characters carry a word each, or most of one."""
    return "\u2e80" <= character <= "\u9fff" or "\uac00" <= character <= "\ud7af"


def _weight(text: str) -> int:
    return sum(3 if _is_wide(c) else 1 for c in text if c.isalnum())


def _same_text(original: str, translation: str) -> bool:
    def words(text: str) -> list[str]:
        return [_fold(word) for word in _WORD.findall(text)]

    return len(words(original)) >= 4 and words(original) == words(translation)


def fill_gaps(
    sentences: Sequence[CitedSentence], order: Sequence[SourceSentence]
) -> list[CitedSentence]:
    """The translated sentences in source order, with an empty, failed entry citing each source
    sentence that no translation renders (a page shows the original there)."""
    position = {sentence.id: index for index, sentence in enumerate(order)}
    covered = {cited for sentence in sentences for cited in sentence.cites}
    missing = [
        CitedSentence("", (s.id,), supported=False, problems=("not translated",))
        for s in order
        if s.id not in covered
    ]
    every = [*sentences, *missing]
    last = len(position)
    return sorted(every, key=lambda s: min((position.get(c, last) for c in s.cites), default=last))
