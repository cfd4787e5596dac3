"""Check: two versions of the code write the same reader pages, byte for byte.

A speed change to a page must not change the page. This script renders, with the code on
``sys.path`` and at a frozen time, the article pages of 300 random articles of a filled
database (each twice, so a kept fragment's second use is compared too) and the story pages of
their stories in English, and 40 article pages with their stories in German and in Arabic,
through Django's test client with the page cache off and without gzip (Django's compression adds
random bytes against BREACH). Each page's status, headers and body go into a JSON file of
digests; ``--compare`` reads two such files and lists the pages that differ.

    PYTHONPATH=/path/to/before/src .venv/bin/python bench/page_same.py --data DIR --out before.json
    PYTHONPATH=$PWD/src .venv/bin/python bench/page_same.py --data DIR --out after.json
    .venv/bin/python bench/page_same.py --compare before.json after.json

With ``DATABASE_URL`` set the database is PostgreSQL's, as for ``page_speed.py``; ``--data``
is a data directory filled by ``page_speed.py --stories --data DIR`` (or the same fill).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from datetime import datetime
from pathlib import Path

from _common import setup_pages_in_process

ARTICLES = 300
TRANSLATED = 40
LANGUAGES = ("de", "ar")


def render(data: Path, frozen: str) -> dict[str, str]:
    """Digests of each page's status, headers and body, rendered at the time ``frozen``."""
    from freezegun import freeze_time

    setup_pages_in_process(data)
    from django.test import Client

    from newsdesk.articles.models import Article

    ids = sorted(Article.objects.values_list("id", flat=True))
    picked = random.Random(1).sample(ids, ARTICLES)
    pages: dict[str, str] = {}
    with freeze_time(datetime.fromisoformat(frozen)):
        for language in ("en", *LANGUAGES):
            client = Client(HTTP_ACCEPT_LANGUAGE=language)
            chosen = picked if language == "en" else picked[:TRANSLATED]
            for pk in chosen:
                for turn in (1, 2) if language == "en" else (1,):
                    path = _followed(client, f"/article/{pk}/")
                    pages[f"{language} {path} {turn}"] = _digest(client, path)
                    story = _story_path(client, path)
                    if story and f"{language} {story} 1" not in pages:
                        pages[f"{language} {story} 1"] = _digest(client, story)
    return pages


def _followed(client: object, path: str) -> str:
    """The article's own address (the bare one redirects to it with the slug)."""
    response = client.get(path)  # type: ignore[attr-defined]
    if response.status_code in (301, 302):
        return str(response["Location"])
    return path


def _story_path(client: object, path: str) -> str:
    body = client.get(path).content.decode()  # type: ignore[attr-defined]
    marker = 'href="/story/'
    at = body.find(marker)
    if at < 0:
        return ""
    return body[at + len('href="') : body.index('"', at + len(marker))]


def _digest(client: object, path: str) -> str:
    response = client.get(path)  # type: ignore[attr-defined]
    digest = hashlib.sha256(str(response.status_code).encode())
    for name, value in sorted(response.items()):
        digest.update(f"\n{name}: {value}".encode())
    digest.update(b"\n\n" + response.content)
    return digest.hexdigest()


def compare(first: Path, second: Path) -> int:
    one, two = json.loads(first.read_text()), json.loads(second.read_text())
    differing = sorted(key for key in one.keys() | two.keys() if one.get(key) != two.get(key))
    for key in differing:
        print("differs:", key)
    print(f"{len(one)} and {len(two)} pages, {len(differing)} differ")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--frozen", default="2026-12-08T12:00:00+00:00")
    parser.add_argument("--compare", type=Path, nargs=2)
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.data is None or args.out is None:
        parser.error("--data and --out are needed")
    pages = render(args.data, args.frozen)
    args.out.write_text(json.dumps(pages, indent=1, sort_keys=True))
    print(f"{len(pages)} pages written to {args.out}")


if __name__ == "__main__":
    main()
