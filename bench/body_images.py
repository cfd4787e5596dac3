"""Images inside real article bodies: how many there are, and what showing our copies costs.

    .venv/bin/python bench/body_images.py [--json] [--rounds N]

The bodies are the zyte extraction set's 181 pages (../shared/datasets/extraction/zyte, read in
place) as readability-lxml extracts them (trafilatura, our first choice, is run without images;
readability keeps them, as feeds' ``content:encoded`` does), through ``sanitize_html`` with the
page's address, so they are what newsdesk would store. For each body: its distinct http(s)
image addresses (``image_addresses`` with no limit), then the time of ``image_addresses`` with
the limit the service layer uses and of ``with_kept_images`` with every other image kept (the
rest removed, as failures are), best of the rounds. A body without ``<img`` costs a substring
test only; those are timed too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from newsdesk.pipeline.extract import parse_page, sanitize_html
from newsdesk.pipeline.extract.blocks import inner_html
from newsdesk.pipeline.extract.candidates import readability_body
from newsdesk.pipeline.extract.images import (
    KeptPicture,
    image_addresses,
    with_kept_images,
)
from newsdesk.pipeline.media import ImageRules

ZYTE = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "extraction" / "zyte"
MAX_BODY_IMAGES = ImageRules().per_body
KEPT = KeptPicture("/media/s/a.webp", "/media/s/a.webp 320w, /media/s/b.webp 640w", "", 640, 360)


def bodies() -> list[str]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text())
    found = []
    for key, item in sorted(truth.items()):
        html = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
        body = readability_body(parse_page(html))
        if body is not None:
            found.append(sanitize_html(inner_html(body), item.get("url", "")))
    return found


def best_ms(run: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = bodies()
    counts = [len(image_addresses(text, 10_000)) for text in texts]
    pictured = [t for t, n in zip(texts, counts, strict=True) if n]
    plain = [t for t, n in zip(texts, counts, strict=True) if not n]
    kept = [{url: KEPT for url in image_addresses(t, MAX_BODY_IMAGES)[::2]} for t in pictured]

    def find() -> None:
        for text in pictured:
            image_addresses(text, MAX_BODY_IMAGES)

    def show() -> None:
        for text, copies in zip(pictured, kept, strict=True):
            with_kept_images(text, copies)

    def show_plain() -> None:
        for text in plain:
            with_kept_images(text, {})

    result = {
        "bodies": len(texts),
        "with_images": len(pictured),
        "images_per_body_with_any": {
            "median": statistics.median(n for n in counts if n) if pictured else 0,
            "max": max(counts, default=0),
            "over_limit": sum(1 for n in counts if n > MAX_BODY_IMAGES),
        },
        "mean_kb_with_images": round(sum(map(len, pictured)) / max(len(pictured), 1) / 1024, 1),
        "addresses_ms_per_body": round(best_ms(find, args.rounds) / max(len(pictured), 1), 3),
        "render_ms_per_body": round(best_ms(show, args.rounds) / max(len(pictured), 1), 3),
        "render_ms_per_body_without_images": round(
            best_ms(show_plain, args.rounds) / max(len(plain), 1), 4
        ),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for name, value in result.items():
            print(f"{name}: {value}")


if __name__ == "__main__":
    main()
