"""Layout shifts of the saved articles page while it loads on a slow phone, with what moved.

Opens /saved/ at 390 x 844 in Debian's Chromium with the CPU slowed down (DevTools'
``Emulation.setCPUThrottlingRate``), in English and Arabic, with 0, 3 and 15 articles put in the
reading list's Cache Storage first, and records every layout shift from before the page's first
byte (a ``PerformanceObserver`` for ``layout-shift`` with its sources: the moved node, where it
was and where it went). Prints each round's total and the moved nodes; with ``--screenshots``
also writes saved-{empty,list}-{en,ar}-phone.png there, the page as it stands after loading.

Serves newsdesk on 127.0.0.1 with articles ingested from a local feed (the browser tests'
set-up), or measures a site already running (``--url``).

    .venv/bin/python bench/layout_shifts.py [--url URL] [--rate 6] [--rounds 4]
        [--saved 0 3 15] [--screenshots docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path
from typing import Any

from _common import REPO  # noqa: F401 (the checkout on sys.path)
from playwright.sync_api import sync_playwright
from tests.web.site import CHROMIUM, CHROMIUM_ARGS, start_site

LOCALES = {"en": "en-GB", "ar": "ar"}
WATCH = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({
      value: entry.value,
      at: Math.round(entry.startTime),
      moved: entry.sources.map((source) => {
        const node = source.node;
        const element = node && (node.nodeType === 1 ? node : node.parentElement);
        const name = element
          ? element.tagName.toLowerCase() + (element.className ? "." + element.className : "")
          : "?";
        const box = (r) => [r.x, r.y, r.width, r.height].map(Math.round).join(",");
        return `${name} ${box(source.previousRect)} -> ${box(source.currentRect)}`;
      }),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""
SAVE = """async (count) => {
  const cache = await caches.open("newsdesk-saved");
  for (let i = 1; i <= count; i++) {
    const page = `<meta property="og:title" content="A saved article about the ferry, number ${i}">`
      + '<meta name="newsdesk:source" content="The Example Times">';
    await cache.put(`/article/${i}/saved-${i}/`, new Response(page, {
      headers: { "Content-Type": "text/html" },
    }));
  }
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running site to measure instead of starting one")
    parser.add_argument("--rate", type=float, default=6, help="CPU slow-down (default 6)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--saved", type=int, nargs="+", default=[0, 3, 15])
    parser.add_argument("--screenshots", type=Path)
    args = parser.parse_args()
    if args.url:
        measure(args.url.rstrip("/"), args)
        return
    with tempfile.TemporaryDirectory(prefix="newsdesk-shifts-") as data:
        site = start_site(Path(data))
        try:
            measure(site.url, args)
        finally:
            site.stop()


def measure(url: str, args: argparse.Namespace) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LOCALES.items():
            for saved in args.saved:
                totals = []
                for round_ in range(args.rounds):
                    shot = None
                    if args.screenshots and round_ == 0 and saved in (0, max(args.saved)):
                        kind = "empty" if saved == 0 else "list"
                        shot = args.screenshots / f"saved-{kind}-{language}-phone.png"
                    shifts = load_once(browser, url, locale, saved, args.rate, shot)
                    totals.append(sum(shift["value"] for shift in shifts))
                    for shift in shifts:
                        print(
                            f"    {language} {saved} saved, round {round_}: "
                            f"{shift['value']:.4f} at {shift['at']} ms: "
                            + "; ".join(shift["moved"])
                        )
                print(
                    f"{language}, {saved:>2} saved, CPU /{args.rate:g}: shift per round "
                    + " ".join(f"{total:.4f}" for total in totals)
                    + f" (rounds with a shift: {sum(t > 0 for t in totals)}/{len(totals)})"
                )
        browser.close()


def load_once(
    browser: Any, url: str, locale: str, saved: int, rate: float, shot: Path | None
) -> list[dict[str, Any]]:
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url + "/saved/")
    page.evaluate(SAVE, saved)
    devtools = context.new_cdp_session(page)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.add_init_script(WATCH)
    page.reload()
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    shifts: list[dict[str, Any]] = page.evaluate("window.__shifts")
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    if shot is not None:
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=shot)
        print(f"wrote {shot}")
    context.close()
    return shifts


if __name__ == "__main__":
    main()
