"""The features a headline is judged by: hashed word and character n-grams.

A headline becomes the set of buckets its pieces hash to, out of ``2**bits``:

- words (lower case, digits folded to ``0``, punctuation marks as words of their own), alone and
  in pairs, with the first word marked as such (clickbait leans on openings: "This", "You",
  "21 ...", "Here's");
- character n-grams of 2 to 5 characters of the lower-cased headline, padded with spaces.

Case is left out on purpose: in the training set every clickbait headline is in Title Case,
and a model that learnt that would call half of the world's newspapers clickbait.
Hashing is CRC-32 (``zlib``), so training and reading agree byte for byte on every platform and
the model needs no vocabulary file. Features are present or absent (no counts); the vector is
scaled to unit length by the classifier.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Iterator

WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
DIGITS = re.compile(r"\d")
CHAR_SIZES = (2, 3, 4, 5)


def pieces(headline: str) -> Iterator[str]:
    """The named pieces of a headline, each prefixed with its kind (``w``, ``b``, ``c``)."""
    text = DIGITS.sub("0", " ".join(headline.lower().split()))
    words = WORD.findall(text)
    if words:
        yield "f " + words[0]
    for word in words:
        yield "w " + word
    for first, second in itertools.pairwise(words):
        yield f"b {first} {second}"
    padded = f" {text} "
    for size in CHAR_SIZES:
        for start in range(len(padded) - size + 1):
            yield "c" + padded[start : start + size]


def buckets(headline: str, bits: int) -> list[int]:
    """The distinct buckets (of ``2**bits``) the headline's pieces fall in, sorted."""
    mask = (1 << bits) - 1
    # "surrogatepass": a title carrying a lone surrogate (broken feeds send them) still hashes.
    return sorted(
        {zlib.crc32(piece.encode("utf-8", "surrogatepass")) & mask for piece in pieces(headline)}
    )
