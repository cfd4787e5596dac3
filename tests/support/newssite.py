"""A small news site served until stopped: an RSS feed and the pages of its three articles.

For checks that drive newsdesk from outside its process, such as scripts/container-test, which
runs newsdesk in containers that reach this machine at the address of its container bridge:

    python3 -m tests.support.newssite --host 172.17.0.1 --ready-file /tmp/site.json

serves on a free port of that address and writes the feed's address and the articles' titles and
first sentences as JSON to the ready file (or standard output) once it accepts connections.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from tests.support.news import PARAGRAPHS, article_page, rss_feed
from tests.support.server import LocalServer

ARTICLES = [
    ("River ferry service extended to three new stops", PARAGRAPHS),
    (
        "Central library reopens after a two-year renovation",
        [
            "The central library reopened its doors on Saturday after a renovation that took two "
            "years and cost the city 14 million euros, twice the sum first planned.",
            "Visitors queued from early morning to see the new reading rooms, a children's floor "
            "with its own garden and a cafe on the roof overlooking the old market square.",
            "The head librarian said the building would now stay open until ten in the evening "
            "on weekdays, and that the collection of local newspapers had been fully digitised.",
        ],
    ),
    (
        "Harbour bridge to close for repairs this weekend",
        [
            "The harbour bridge will be closed to cars from Friday night until Monday morning "
            "while engineers replace two expansion joints that failed an inspection in May.",
            "Buses will be diverted over the northern crossing, adding about fifteen minutes to "
            "journeys, and extra ferries will run between the two quays on Saturday and Sunday.",
            "Cyclists and pedestrians can still use the footpath on the western side, which the "
            "works do not affect, the port authority said in a statement on Wednesday.",
        ],
    ),
]


def serve(host: str) -> tuple[LocalServer, dict[str, object]]:
    """Start the site on a free port of ``host``; return it with what a check needs to know."""
    server = LocalServer(host)
    items = []
    for number, (title, paragraphs) in enumerate(ARTICLES):
        server.add(f"/news/{number}", article_page(title, paragraphs=paragraphs))
        items.append({"title": title, "link": server.url(f"/news/{number}")})
    feed = server.add(
        "/feed.xml",
        rss_feed(items, link=server.url("/")),
        headers={"Content-Type": "application/rss+xml"},
    )
    about = {
        "feed": feed,
        "titles": [title for title, _ in ARTICLES],
        "sentences": [paragraphs[0].split(",")[0] for _, paragraphs in ARTICLES],
    }
    return server.start(), about


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--ready-file", type=Path, help="where to write the JSON description")
    args = parser.parse_args(argv)
    server, about = serve(args.host)
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    text = json.dumps(about)
    if args.ready_file:
        args.ready_file.write_text(text)
    else:
        print(text, flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
