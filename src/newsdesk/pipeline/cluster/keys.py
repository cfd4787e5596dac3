"""Blocking keys: the few strongest terms of an article, as integers a database can index.

A new article is compared only with the recent stories that share at least one key with it, so
the work per article depends on how many stories are active in the time window, not on how many
articles are stored. Keys are the strongest lead terms and entities and a few body terms,
hashed with BLAKE2b to signed 64-bit integers (a PostgreSQL BIGINT), the same in every process.

``anchor_keys`` are looked up, never stored: the article's strongest anchors (names, numbers
as any language writes them) hashed like terms, so they meet the names and numbers among the
keys a story in another language stored. Stories found only through them are for articles in
another language (the caller checks), so same-language placement is unchanged by them.

With a multilingual embedder, the ``NEAREST_CANDIDATES`` live stories whose embedding is nearest
an article's (cosine at least ``NEAREST_FLOOR``) are candidates as well: reports of one event in
two languages may share no key at all.
"""

from __future__ import annotations

import hashlib

from newsdesk.pipeline.cluster.vectors import Sparse, Vectors

KEYS_PER_FIELD = {"lead": 6, "entities": 6, "body": 6}
ANCHOR_KEYS = 8
NEAREST_CANDIDATES = 8
NEAREST_FLOOR = 0.45


def block_keys(vectors: Vectors) -> list[int]:
    keys: set[int] = set()
    for name, count in KEYS_PER_FIELD.items():
        for term in _strongest(getattr(vectors, name), count):
            keys.add(term_key(term))
    return sorted(keys)


def anchor_keys(vectors: Vectors) -> list[int]:
    """Keys to look up stories in other languages by (place ids are no stored term: left out)."""
    strongest = _strongest({a: w for a, w in vectors.anchors.items() if a[0] != "#"}, ANCHOR_KEYS)
    return sorted({term_key(anchor) for anchor in strongest})


def term_key(term: str) -> int:
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _strongest(weights: Sparse, count: int) -> list[str]:
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return [term for term, _ in ranked[:count]]
