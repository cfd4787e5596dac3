"""Canonical URL speed: ``canonicalize_url`` on real news article links.

    .venv/bin/python bench/url_speed.py [--json] [--rounds N]

The links are the 6,366 article URLs of the UCI News Aggregator sample
(../shared/datasets/stories/uci-news-aggregator-sample.csv, read in place), plus the same links
with tracking parameters added and their query reordered, as feeds hand them out. The figure is
microseconds per URL (best of the rounds, per-URL mean), with the two field libraries alone as
references: w3lib's ``canonicalize_url`` (which ours builds on) and courlan's ``normalize_url``,
and the normaliser newsdesk had before w3lib (urllib only; kept below as ``previous``). Every
round times each of them in turn, so a busy machine slows them alike. ``distinct`` counts the
different canonical forms: the sample's own distinct links are the floor. The normaliser runs
once per article link a feed lists.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from courlan import normalize_url as courlan_normalize
from w3lib.url import canonicalize_url as w3lib_canonicalize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsdesk.errors import InvalidURLError
from newsdesk.pipeline.normalize import canonicalize_url, is_tracking_param

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "stories"
SAMPLE = DATA / "uci-news-aggregator-sample.csv"


def links() -> list[str]:
    """The sample's URLs, then each again with tracking parameters and a reordered query."""
    with SAMPLE.open(newline="", encoding="utf-8") as handle:
        urls = [row["URL"] for row in csv.DictReader(handle)]
    tracked = []
    for url in urls:
        base, _, query = url.partition("?")
        params = [p for p in query.split("&") if p][::-1]
        params += ["utm_source=rss", "utm_medium=feed", "fbclid=abc123"]
        tracked.append(f"{base}?{'&'.join(params)}#comments")
    return urls + tracked


def previous(url: str) -> str:
    """The canonical form before w3lib: dot segments, IDN hosts and query order left as given."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise InvalidURLError(str(e)) from e
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise InvalidURLError(url)
    host = parts.hostname.lower().rstrip(".")
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = quote(unquote(re.sub("/{2,}", "/", parts.path or "/")), safe="/%:@!$&'()*+,;=~-._")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = urlencode([(k, v) for k, v in pairs if not is_tracking_param(k)])
    return urlunsplit((scheme, netloc, path, query, ""))


def one_pass(function: Callable[[str], str], urls: list[str]) -> float:
    started = time.perf_counter()
    for url in urls:
        with contextlib.suppress(InvalidURLError):
            function(url)
    return time.perf_counter() - started


def per_url_us(
    functions: dict[str, Callable[[str], str]], urls: list[str], rounds: int
) -> dict[str, float]:
    """Best-of-rounds microseconds per URL of each function, the functions taking turns."""
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(rounds):
        for name, function in functions.items():
            best[name] = min(best[name], one_pass(function, urls))
    return {f"{name}_us": round(1e6 * seconds / len(urls), 1) for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not SAMPLE.exists():
        raise SystemExit(f"skipped: {SAMPLE} is not here (it lives in ../shared/datasets)")
    urls = links()
    functions = {
        "canonicalize_url": canonicalize_url,
        "previous": previous,
        "w3lib_canonicalize_url": w3lib_canonicalize,
        "courlan_normalize_url": courlan_normalize,
    }
    result: dict[str, float] = {
        "urls": len(urls),
        "distinct_links_in_sample": len(set(urls[: len(urls) // 2])),
        "distinct_canonical": len({canonicalize_url(url) for url in urls}),
        "distinct_previous": len({previous(url) for url in urls}),
        **per_url_us(functions, urls, args.rounds),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name, value in result.items():
        print(f"{name:28} {value}")


if __name__ == "__main__":
    main()
