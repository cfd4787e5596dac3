"""Lighthouse scores of four reader pages: home, an article, a story and a search with a query.

Serves newsdesk on 127.0.0.1 with articles and lead images ingested from a local publisher (the
browser tests' site, tests/web/site.py, with the page cache on as the real site has it), adds two
more publishers' coverage so that stories have several sources (bench/screenshots.py's
coverage), finds a real article and story address on the home page, and runs Lighthouse
(scripts/lighthouse installs it into .tools/) on each page with Debian's Chromium and
Lighthouse's default mobile preset. Prints the four category scores of each page (the median of
``--runs`` runs) and every audit that kept a page below 100 in accessibility or best practices,
or that Lighthouse counts against performance; ``--out`` keeps the JSON reports.

    scripts/lighthouse && .venv/bin/python bench/lighthouse.py [--runs 3] [--out /tmp/lh]

Targets: accessibility 100, best practices >= 95, performance >= 95 on every page, with
Lighthouse's default mobile preset (a 4x CPU slowdown meant for a fast desktop host: Lighthouse
warns when its benchmarkIndex of the host is under 1000, as on a busy 2-core machine, where
``--cpu-slowdown`` sets another multiplier; the figures say which one was used).
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import urllib.request
from html import escape
from pathlib import Path
from typing import Any

from _common import REPO
from screenshots import add_coverage
from tests.web.site import CHROMIUM, headline, start_site, wait_for_images

LIGHTHOUSE = REPO / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95}
SEARCH = "/search/?q=ferry"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--out", type=Path, help="keep the JSON reports in this directory")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        help="Lighthouse's CPU multiplier instead of its default 4 (docs/benchmarks.md says when)",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run scripts/lighthouse first")
    with tempfile.TemporaryDirectory(prefix="newsdesk-lighthouse-") as data:
        site = start_site(Path(data), page_cache_seconds=60)
        try:
            add_coverage(Path(data), site.publisher.url)
            wait_for_images()
            pages = find_pages(site.url)
            out = args.out or Path(data) / "reports"
            out.mkdir(parents=True, exist_ok=True)
            results = {
                name: audit(name, url, args.runs, out, args.cpu_slowdown)
                for name, url in pages.items()
            }
        finally:
            site.stop()
    report(results)


def find_pages(base: str) -> dict[str, str]:
    """The four pages: an article and a story address taken from the home page's links."""
    home = fetch(base + "/")
    # The feed's ferry article: a full body, its lead image, other sources' coverage.
    article = re.search(rf'href="(/article/\d+/[^"]+/)">{re.escape(escape(headline(1)))}<', home)
    story = re.search(r'href="(/story/\d+/[^"]*)"', home)
    if not article or not story:
        raise SystemExit("the home page links to no article or no story")
    return {
        "home": base + "/",
        "article": base + article.group(1),
        "story": base + story.group(1),
        "search": base + SEARCH,
    }


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as answer:
        return str(answer.read().decode("utf-8"))


def audit(
    name: str, url: str, runs: int, out: Path, cpu_slowdown: float | None = None
) -> dict[str, Any]:
    """Run Lighthouse ``runs`` times on ``url``: the median score of each category, and the
    findings of the last run."""
    scores: dict[str, list[float]] = {category: [] for category in CATEGORIES}
    benchmarks: list[float] = []
    lighthouse: dict[str, Any] = {}
    for number in range(runs):
        path = out / f"{name}-{number + 1}.json"
        lighthouse = run_lighthouse(url, path, cpu_slowdown)
        benchmarks.append(round(lighthouse["environment"]["benchmarkIndex"]))
        for category in CATEGORIES:
            score = lighthouse["categories"][category]["score"]
            scores[category].append(round(100 * (score or 0)))
    return {
        "url": url,
        "warnings": lighthouse.get("runWarnings", []),
        "scores": {category: statistics.median(values) for category, values in scores.items()},
        "runs": scores,
        "benchmark_index": benchmarks,
        "findings": findings(lighthouse),
        "metrics": metrics(lighthouse),
    }


def run_lighthouse(url: str, path: Path, cpu_slowdown: float | None = None) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={path}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    if cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    # On a busy machine Lighthouse now and then loses its trace (NO_NAVSTART): run it again.
    for _attempt in range(3):
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode == 0:
            break
    else:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(path.read_text())
    return result


def version() -> str:
    done = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return done.stdout.strip()


def findings(lighthouse: dict[str, Any]) -> list[str]:
    """Audits that cost points: failed accessibility and best-practice audits, and performance
    audits Lighthouse scores below 0.9."""
    audits = lighthouse["audits"]
    found = []
    for category in ("accessibility", "best-practices", "performance"):
        for ref in lighthouse["categories"][category]["auditRefs"]:
            result = audits[ref["id"]]
            score = result.get("score")
            mode = result.get("scoreDisplayMode")
            if score is None or mode in ("notApplicable", "informative", "manual"):
                continue
            limit = 0.9 if category == "performance" else 1
            if score < limit and (ref.get("weight") or category == "performance"):
                shown = result.get("displayValue", "")
                found.append(f"{category}: {ref['id']} ({score:.2f}) {shown}".rstrip())
    return found


def metrics(lighthouse: dict[str, Any]) -> dict[str, str]:
    names = (
        "first-contentful-paint",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
        "speed-index",
    )
    return {name: lighthouse["audits"][name].get("displayValue", "") for name in names}


def report(results: dict[str, dict[str, Any]]) -> None:
    print(f"Lighthouse {version()}; load average at the end {os.getloadavg()[0]:.1f}")
    print(f"{'page':<8} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  address")
    for name, result in results.items():
        scores = result["scores"]
        row = " ".join(f"{scores[category]:>5.0f}" for category in CATEGORIES)
        print(f"{name:<8} {row}  {result['url']}")
    for name, result in results.items():
        print(f"\n{name}: runs {json.dumps(result['runs'])}")
        print(f"  Lighthouse's benchmarkIndex of this machine: {result['benchmark_index']}")
        for warning in result["warnings"]:
            print(f"  Lighthouse warns: {warning.split('. Learn more')[0]}")
        print("  " + ", ".join(f"{key} {value}" for key, value in result["metrics"].items()))
        for finding in result["findings"]:
            print(f"  {finding}")
    missed = [
        f"{name} {category} {result['scores'][category]:.0f} < {target}"
        for name, result in results.items()
        for category, target in TARGETS.items()
        if result["scores"][category] < target
    ]
    print("\n" + ("below target: " + "; ".join(missed) if missed else "every target met"))


if __name__ == "__main__":
    main()
