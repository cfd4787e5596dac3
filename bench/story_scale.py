"""Story placement cost as the index grows: 10k, 100k and 1M articles already placed.

The index is built from real articles: a block of about 8,000 (ECB+, FRANK and WCXB bodies, UCI
headlines) is placed through the product's own path (``place_article``), dated across one day.
The block is then copied, row for row (articles, placements, stories, story keys and duplicate
keys), each copy re-dated one day earlier, until the index holds the size asked for. Copies keep
their titles, features, signatures and keys but not their body text, which placement never reads
back. Every key repeats once per copy: for the key indexes that is the worst case, since each
common term of the block has one row per day in the index.

At each size the same held-out real articles (half full text, half headline only, dated within
the newest day) are placed and then rolled back, so every size measures the same work; the
first size is the reference. Reported: mean and 95th percentile milliseconds per article, the
ratio to the first size, the process's peak memory and the database's size on disk.

    .venv/bin/python bench/story_scale.py [--sizes 10000 100000 1000000] [--queries 300]
        [--plot docs/benchmarks/story-scale.png]

With ``DATABASE_URL`` set it runs on that database (it must be empty: the benchmark migrates
it and fills it); otherwise on a throw-away SQLite file.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import DATASETS, analyze, setup_django

BLOCK_DAY = datetime(2026, 3, 1, tzinfo=UTC)
TABLES = (
    "articles_article",
    "stories_story",
    "stories_placement",
    "stories_storykey",
    "stories_duplicatekey",
)


@dataclass(frozen=True)
class Item:
    key: str
    publisher: str
    title: str
    text: str


def real_items() -> list[Item]:
    """Every article of the data sets that has a body or a headline, in a fixed order."""
    items: list[Item] = []
    with (DATASETS / "stories/ecbplus-dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                items.append(Item(f"ecb/{row['doc_id']}", "ECB+", "", row["text"]))
    seen: set[str] = set()
    frank = DATASETS / "summaries/frank/articles_summaries.jsonl"
    with frank.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["hash"] not in seen:
                seen.add(row["hash"])
                items.append(Item(f"frank/{row['hash']}", row["dataset"], "", row["article"]))
    for path in sorted((DATASETS / "extraction/wcxb-dev/ground-truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
        text = truth.get("main_content") or ""
        if len(text) > 400:
            items.append(Item(f"wcxb/{path.stem}", "WCXB", truth.get("title") or "", text))
    uci = DATASETS / "stories/uci-news-aggregator-sample.csv"
    with uci.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            items.append(Item(f"uci/{row['ID']}", row["PUBLISHER"] or "UCI", row["TITLE"], ""))
    return items


def split_queries(items: list[Item], count: int) -> tuple[list[Item], list[Item]]:
    """Hold out ``count`` items (half with a body, half headline only) from the block."""
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    bodies = [item for item in shuffled if item.text][: count // 2]
    headlines = [item for item in shuffled if not item.text][: count - len(bodies)]
    held = {item.key for item in bodies + headlines}
    return [item for item in shuffled if item.key not in held], bodies + headlines


def store(items: list[Item], start: datetime, span: timedelta, tag: str) -> list[int]:
    """Store the items as ready articles dated evenly across ``span`` from ``start``."""
    from newsdesk.eval import stories

    step = span / max(1, len(items))
    dated = [
        stories.Item(
            id=f"{tag}/{item.key}",
            story="",
            title=item.title,
            text=item.text,
            publisher=item.publisher,
            published_at=(start + step * index).replace(microsecond=0),
        )
        for index, item in enumerate(items)
    ]
    return stories.store_items(dated)


def place_block(article_ids: list[int]) -> None:
    from newsdesk.desk.stories import place_article

    for done, article_id in enumerate(article_ids, start=1):
        place_article(article_id, now=BLOCK_DAY + timedelta(days=1))
        if done % 500 == 0:
            print(f"  placed {done}/{len(article_ids)}", file=sys.stderr, flush=True)


class Copier:
    """Copies the placed block, re-dated one day earlier per copy, with SQL ``INSERT … SELECT``."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.vendor = connection.vendor
        self.strides: dict[str, int] = {}
        self.block_max: dict[str, int] = {}
        with connection.cursor() as cursor:
            for table in TABLES:
                key = "article_id" if table == "stories_placement" else "id"
                cursor.execute(f"SELECT COALESCE(MAX({key}), 0) FROM {table}")
                self.block_max[table] = int(cursor.fetchone()[0])
        self.copies = 0

    def make_room(self) -> None:
        """Choose the id stride once everything outside the block (the held-out set) is stored."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT MAX(id) FROM articles_article")
            highest = max(int(cursor.fetchone()[0]), *self.block_max.values())
        stride = 10 ** (len(str(highest)) + 1)
        for table in TABLES:
            self.strides[table] = stride

    def shift(self, column: str, days: int) -> str:
        if self.vendor == "sqlite":
            return f"strftime('%Y-%m-%d %H:%M:%S', {column}, '-{days} days')"
        return f"{column} - interval '{days} days'"

    def copy(self) -> None:
        """Add one more copy of the block, a day older than the last."""
        self.copies += 1
        k, days = self.copies, self.copies
        offset = self.strides["articles_article"] * k
        with self.connection.cursor() as cursor:
            for sql in self._statements(k, days, offset):
                cursor.execute(sql)

    def _statements(self, k: int, days: int, offset: int) -> Iterator[str]:
        article_cols = self._columns("articles_article")
        replaced = {
            "id": f"id + {offset}",
            "url": f"url || '#{k}'",
            "url_hash": f"substr(url_hash, 1, 24) || '{k:08d}'",
            "text": "''",
            "html": "''",
            "published_at": self.shift("published_at", days),
        }
        limit = self.block_max["articles_article"]
        yield self._insert("articles_article", article_cols, replaced, f"id <= {limit}")
        yield self._insert(
            "stories_story",
            self._columns("stories_story"),
            {
                "id": f"id + {offset}",
                "lead_article_id": f"lead_article_id + {offset}",
                "merged_into_id": f"merged_into_id + {offset}",
                "first_published_at": self.shift("first_published_at", days),
                "last_published_at": self.shift("last_published_at", days),
                "changed_at": self.shift("changed_at", days),
            },
            f"id <= {self.block_max['stories_story']}",
        )
        yield self._insert(
            "stories_placement",
            self._columns("stories_placement"),
            {
                "article_id": f"article_id + {offset}",
                "story_id": f"story_id + {offset}",
                "duplicate_of_id": f"duplicate_of_id + {offset}",
                "published_at": self.shift("published_at", days),
                "placed_at": self.shift("placed_at", days),
            },
            f"article_id <= {self.block_max['stories_placement']}",
        )
        yield self._insert(
            "stories_storykey",
            self._columns("stories_storykey"),
            {
                "id": f"id + {offset}",
                "story_id": f"story_id + {offset}",
                "seen_at": self.shift("seen_at", days),
            },
            f"id <= {self.block_max['stories_storykey']}",
        )
        yield self._insert(
            "stories_duplicatekey",
            self._columns("stories_duplicatekey"),
            {
                "id": f"id + {offset}",
                "article_id": f"article_id + {offset}",
                "published_at": self.shift("published_at", days),
            },
            f"id <= {self.block_max['stories_duplicatekey']}",
        )

    def _columns(self, table: str) -> list[str]:
        with self.connection.cursor() as cursor:
            description = self.connection.introspection.get_table_description(cursor, table)
        return [column.name for column in description]

    @staticmethod
    def _insert(table: str, columns: list[str], replaced: dict[str, str], where: str) -> str:
        names = ", ".join(columns)
        values = ", ".join(replaced.get(column, column) for column in columns)
        return f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} WHERE {where}"

    def reset_sequences(self) -> None:
        """On PostgreSQL, move the id sequences past the copied ids."""
        if self.vendor != "postgresql":
            return
        with self.connection.cursor() as cursor:
            for table in TABLES:
                if table == "stories_placement":
                    continue
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )


def measure(query_ids: list[int]) -> list[float]:
    """Milliseconds to place each held-out article; every placement is rolled back after."""
    from django.db import transaction

    from newsdesk.desk.stories import place_article
    from newsdesk.desk.stories import terms as term_counts

    term_counts.forget()
    term_counts.term_stats()
    times: list[float] = []
    with transaction.atomic():
        for article_id in query_ids:
            started = time.perf_counter()
            place_article(article_id, now=BLOCK_DAY + timedelta(days=1))
            times.append(1000 * (time.perf_counter() - started))
        transaction.set_rollback(True)
    term_counts.forget()
    return times


def article_count() -> int:
    from newsdesk.stories.models import Placement

    return Placement.objects.count()


def database_mb(data_dir: Path) -> float:
    from django.db import connection

    if connection.vendor == "sqlite":
        return sum(p.stat().st_size for p in data_dir.glob("*.sqlite3*")) / 2**20
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0]) / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--plot", type=Path)
    args = parser.parse_args()

    data_dir = setup_django()
    from django.db import connection

    block, queries = split_queries(real_items(), args.queries)
    print(f"block of {len(block)} real articles, {len(queries)} held out", file=sys.stderr)
    started = time.perf_counter()
    block_ids = store(block, BLOCK_DAY, timedelta(days=1), "block")
    place_block(block_ids)
    print(f"block placed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    copier = Copier()
    query_ids = store(queries, BLOCK_DAY + timedelta(hours=6), timedelta(hours=12), "query")
    copier.make_room()
    rows = []
    for size in sorted(args.sizes):
        started = time.perf_counter()
        while article_count() + len(block) // 2 < size:
            copier.copy()
        copier.reset_sequences()
        analyze()
        built = time.perf_counter() - started
        indexed = article_count()
        times = measure(query_ids)
        row = {
            "size": indexed,
            "mean_ms": statistics.fmean(times),
            "p95_ms": statistics.quantiles(times, n=20)[-1],
            "rss_mb": peak_rss_mb(),
            "db_mb": database_mb(data_dir),
            "build_s": built,
        }
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    report(rows, connection.vendor, len(block), len(query_ids))
    if args.plot:
        plot(rows, args.plot, connection.vendor)


def report(rows: list[dict[str, float]], vendor: str, block: int, queries: int) -> None:
    reference = rows[0]["mean_ms"]
    print(f"\n{vendor}: block of {block} real articles copied and re-dated; {queries} placed")
    print(
        "| articles in the index | ms per article (mean) | p95 | ratio to the first size "
        "| peak RSS MB | database MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['size']:,.0f} | {row['mean_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['mean_ms'] / reference:.2f} | {row['rss_mb']:.0f} | {row['db_mb']:,.0f} |"
        )


def plot(rows: list[dict[str, float]], path: Path, vendor: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6, 3.5))
    sizes = [row["size"] for row in rows]
    axis.plot(sizes, [row["mean_ms"] for row in rows], marker="o", label="mean")
    axis.plot(sizes, [row["p95_ms"] for row in rows], marker="s", label="95th percentile")
    axis.set_xscale("log")
    axis.set_ylim(bottom=0)
    axis.set_xlabel("articles already in the index")
    axis.set_ylabel("ms to place one article")
    axis.set_title(f"Story placement as the index grows ({vendor})")
    axis.legend()
    axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)


if __name__ == "__main__":
    os.environ.setdefault("NEWSDESK_LOG_LEVEL", "WARNING")
    main()
