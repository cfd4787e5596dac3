"""Per-source boilerplate: lines that recur on many pages of one publisher are not article text.

The service layer keeps, for each source, the number of pages seen and, per line fingerprint, on
how many of them it appeared. The flow for each new page::

    page = extract_article(html, url)
    counts.add(line_fingerprints(page.text))          # count the *unfiltered* lines
    page = remove_boilerplate(page, select_boilerplate(counts, pages_seen))

Counting the unfiltered text matters: a line counted only when it survived removal would fall
back under the threshold and come back. A fingerprint hashes a line normalised for case,
whitespace, punctuation and digits ("Posted 4 hours ago" and "Posted 7 hours ago" are one line).

Only lines of at most ``MAX_LINE_WORDS`` words are fingerprinted: "Try our AI features", app
banners, cookie notices and "Related: ..." widgets are short, while article paragraphs are long
and would only add rows. A story really published twice shares its lines on two pages of the
source; ``min_share`` keeps that from counting as boilerplate once the source has a few pages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace

import lxml.html

from newsdesk.pipeline.extract.blocks import Element, inner_html, remove, render_text, units
from newsdesk.pipeline.extract.sanitize import sanitize_html
from newsdesk.types import ExtractedArticle

# Cookie notices run to 50 or 60 words; article paragraphs are usually longer.
MAX_LINE_WORDS = 64
_WORDS = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")


def fingerprint(line: str) -> str:
    """The fingerprint of one line, or "" for a line without words."""
    return _hash_words(_WORDS.findall(_normalize(line)))


def line_fingerprints(text: str) -> frozenset[str]:
    """Fingerprints of the lines of ``text`` short enough to be boilerplate.

    The text is normalised once, not line by line: this runs for every page ingested.
    """
    found = set()
    for line in _normalize(text).splitlines():
        words = _WORDS.findall(line)
        if 0 < len(words) <= MAX_LINE_WORDS:
            found.add(_hash_words(words))
    return frozenset(found)


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _hash_words(words: list[str]) -> str:
    if not words:
        return ""
    normalized = _DIGITS.sub("0", " ".join(words))
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=8).hexdigest()


def select_boilerplate(
    counts: Mapping[str, int],
    pages: int,
    *,
    min_pages: int = 3,
    min_share: float = 0.2,
) -> frozenset[str]:
    """The fingerprints seen on at least ``min_pages`` pages and ``min_share`` of all ``pages``."""
    if pages <= 0:
        return frozenset()
    needed = max(min_pages, min_share * pages)
    return frozenset(key for key, seen in counts.items() if seen >= needed)


def remove_boilerplate(article: ExtractedArticle, fingerprints: frozenset[str]) -> ExtractedArticle:
    """``article`` without the lines whose fingerprints are in ``fingerprints``."""
    if not fingerprints:
        return article
    if article.html:
        root = lxml.html.fragment_fromstring(article.html, create_parent="div")
        if not remove_fingerprinted(root, fingerprints):
            return article
        return replace(article, text=render_text(root), html=sanitize_html(inner_html(root)))
    lines = [
        line
        for line in article.text.splitlines()
        if not line.strip() or fingerprint(line) not in fingerprints
    ]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return replace(article, text=text)


def remove_fingerprinted(root: Element, fingerprints: frozenset[str]) -> bool:
    """Remove the units of ``root`` whose text is a fingerprinted line; True if any was."""
    if not fingerprints:
        return False
    removed = False
    for unit in units(root):
        if fingerprint(unit.text) in fingerprints:
            remove(unit.element)
            removed = True
    return removed
