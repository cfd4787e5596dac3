"""Near-duplicate articles: MinHash signatures over word shingles, and LSH band keys.

Two articles are near-duplicates when they carry the same text with light changes: a wire story
republished under another headline, with the site's boilerplate around it, paragraphs cut from
the end or reordered, a word changed here and there. Such copies share most of their word
shingles; different articles, even about the same event, share few.

How it is used (``desk`` does the storing)::

    sig = signature(text)                 # NUM_PERM unsigned 32-bit ints, stable forever
    blob = signature_bytes(sig)           # BLOB column, 4 * NUM_PERM bytes
    keys = band_keys(sig)                 # BANDS signed 64-bit ints: an indexed BIGINT column
    # candidates = articles sharing at least one band key, then for each candidate:
    is_near_duplicate(sig, signature_from_bytes(candidate_blob))

**Text to shingles.** ``normalize`` applies Unicode NFKC, case folding, turns every character
that is not a letter, mark or digit into a space and collapses white space; so punctuation,
quotes, tokenizer spacing ("didn 't") and line breaks do not matter. ``shingles`` are the
overlapping runs of ``SHINGLE_WORDS`` = 3 words. Three words is the usual size for news: one
edited word changes at most three shingles (so light edits keep the Jaccard similarity high),
while unrelated articles on the same subject share few three-word phrases (single words or
pairs, like "the police", are shared by everything). Measured on the evaluation
(``newsdesk.eval.duplicates``, docs/benchmarks/duplicates.md), precision was 1.0 for 2 to 5
words; 2-word shingles gained a little recall (0.996 against 0.992) but brought two different
events of one kind closer (highest similarity 0.11 against 0.06), and 4 or 5 words lost recall
on heavily edited copies (0.93 and 0.91 against 0.96). A text shorter than three words is one
shingle; an empty text has none.

**Signatures.** rensa's ``RMinHash`` (Rust) with ``NUM_PERM`` = 128 permutations and a fixed
seed, so a signature is the same in every process, run and machine and can be stored. The
standard error of the estimated Jaccard similarity is ``sqrt(J(1-J)/128)``, about 0.044 at
J = 0.5. A text without shingles gets ``EMPTY_SIGNATURE`` (every value 2**32 - 1): it has no
band keys, a similarity of 0 with everything and is never a duplicate.

**Bands.** The 128 values are cut into ``BANDS`` = 32 bands of ``ROWS`` = 4. Two articles
become candidates when all four values of at least one band agree, with probability
``1 - (1 - J**4)**32`` for Jaccard similarity J (the S-curve)::

    J        0.05     0.1     0.2    0.3    0.4    0.5    0.6    0.7    0.8
    P(cand)  0.0002   0.003   0.05   0.23   0.56   0.87   0.99   1.00   1.00

Its steepest point, ``(1/BANDS)**(1/ROWS)``, is at J = 0.42: the curve is set a little
below ``DUPLICATE_THRESHOLD`` on purpose, so that a pair just above the threshold is still
found (87% at 0.5, 99% at 0.6), while unrelated articles (J about 0.05 or less for news) meet
in 2 pairs of 10,000 or fewer. Sixteen bands of eight rows would put the curve at 0.71 and miss
three quarters of the pairs at J = 0.6 (an article cut to 60% of its length).

**Band keys.** One key per band: BLAKE2b over the band's index and values, with the band index
also written into the key's top 5 bits, so keys of different bands can never be equal and one
indexed column holds them all. Keys are signed 64-bit integers (a PostgreSQL BIGINT, a SQLite
INTEGER); Python's ``hash()`` is never used, so keys are stable across processes.

**Deciding.** ``is_near_duplicate`` is ``similarity >= DUPLICATE_THRESHOLD`` (0.5). The value
was set on the evaluation for precision first (a false duplicate hides an article from the
readers) and recall second: no pair of different articles went above 0.15, so precision is 1.0
from 0.3 up, and recall on edited copies is 0.992 at 0.5 (0.996 at 0.45, 0.956 at 0.6). Pairs
between 0.4 and 0.5, read by hand, were still one wire story edited by two outlets; 0.5 was kept
for its margin over the estimate's noise and because the band index finds 87% of the pairs
there. See docs/benchmarks/duplicates.md.

**Short texts.** Under ``MIN_WORDS`` = 30 words there are too few shingles for an estimate to
be trusted (and a short feed excerpt is not the article). ``signature`` and ``band_keys``
still work on any text, but callers must check ``is_judgeable(text)`` first and neither store
band keys for nor mark as a duplicate an article that fails it. ``is_near_duplicate`` only sees
signatures, so it cannot check this itself.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from array import array
from collections.abc import Sequence

from rensa import RMinHash

NUM_PERM = 128
BANDS = 32
ROWS = 4
SEED = 20240901
SHINGLE_WORDS = 3
MIN_WORDS = 30
DUPLICATE_THRESHOLD = 0.5

EMPTY_SIGNATURE: tuple[int, ...] = (2**32 - 1,) * NUM_PERM

_BAND_BITS = 5  # 2**5 = 32 bands fit in the top bits of a key
_HASH_BITS = 64 - _BAND_BITS

assert BANDS * ROWS == NUM_PERM
assert 2**_BAND_BITS >= BANDS


class _SeparatorTable(dict[int, int]):
    """A ``str.translate`` table that maps every non letter/mark/digit to a space, lazily."""

    def __missing__(self, codepoint: int) -> int:
        category = unicodedata.category(chr(codepoint))
        value = codepoint if category[0] in "LMN" else ord(" ")
        self[codepoint] = value
        return value


_SEPARATORS = _SeparatorTable()


def normalize(text: str) -> str:
    """NFKC, case-folded, punctuation and symbols as spaces, white space collapsed."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.translate(_SEPARATORS).split())


def words(text: str) -> list[str]:
    """The words of ``text`` after ``normalize``."""
    return normalize(text).split()


def is_judgeable(text: str) -> bool:
    """Whether ``text`` has the ``MIN_WORDS`` words needed to be judged a duplicate at all."""
    return len(words(text)) >= MIN_WORDS


def shingles(text: str) -> set[str]:
    """The overlapping ``SHINGLE_WORDS``-word runs of the normalised text (one if it is shorter)."""
    return _shingles(words(text))


def _shingles(tokens: list[str]) -> set[str]:
    if len(tokens) <= SHINGLE_WORDS:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature of ``text``: ``NUM_PERM`` unsigned 32-bit ints, fixed seed."""
    return _signature(words(text))


def judged_signature(text: str) -> tuple[int, ...] | None:
    """``signature(text)`` if ``is_judgeable(text)``, else None: the text normalised once."""
    tokens = words(text)
    return _signature(tokens) if len(tokens) >= MIN_WORDS else None


def _signature(tokens: list[str]) -> tuple[int, ...]:
    items = _shingles(tokens)
    if not items:
        return EMPTY_SIGNATURE
    minhash = RMinHash(NUM_PERM, SEED)
    minhash.update(list(items))
    return tuple(minhash.digest())


def signature_bytes(sig: Sequence[int]) -> bytes:
    """``sig`` as 4 bytes per value, little-endian (512 bytes for 128 values)."""
    _check(sig)
    values = array("I", sig)
    if sys.byteorder == "big":
        values.byteswap()
    return values.tobytes()


def signature_from_bytes(data: bytes) -> tuple[int, ...]:
    """The signature stored by ``signature_bytes``."""
    if len(data) != 4 * NUM_PERM:
        raise ValueError(f"a stored signature has {4 * NUM_PERM} bytes, not {len(data)}")
    values = array("I")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return tuple(values)


def band_keys(sig: Sequence[int]) -> list[int]:
    """One signed 64-bit key per band; none for the empty signature.

    The top ``_BAND_BITS`` bits of a key are its band index, so keys of different bands differ.
    """
    _check(sig)
    if tuple(sig) == EMPTY_SIGNATURE:
        return []
    packed = signature_bytes(sig)
    keys = []
    for band in range(BANDS):
        rows = packed[4 * ROWS * band : 4 * ROWS * (band + 1)]
        digest = hashlib.blake2b(band.to_bytes(1, "little") + rows, digest_size=8).digest()
        unsigned = (band << _HASH_BITS) | (int.from_bytes(digest, "little") >> _BAND_BITS)
        keys.append(unsigned - 2**64 if unsigned >= 2**63 else unsigned)
    return keys


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets; 0.0 if either had none."""
    _check(a)
    _check(b)
    if tuple(a) == EMPTY_SIGNATURE or tuple(b) == EMPTY_SIGNATURE:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


def is_near_duplicate(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two signatures are of near-duplicate texts (both must pass ``is_judgeable``)."""
    return similarity(a, b) >= DUPLICATE_THRESHOLD


def _check(sig: Sequence[int]) -> None:
    if len(sig) != NUM_PERM:
        raise ValueError(f"a signature has {NUM_PERM} values, not {len(sig)}")
