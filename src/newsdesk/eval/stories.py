"""Story clustering quality on a labelled set, through the same online path the product uses.

``run(PATH)`` reads ECB+ (``.jsonl``: ``doc_id, topic, subtopic, text``; the story is the
``subtopic``) or the UCI News Aggregator sample (``.csv``: title, publisher, timestamp; the story
is ``STORY``), stores every item as a ready article of its publisher in the configured database,
then places them one by one in time order with ``newsdesk.desk.stories.place_article``, running
the periodic merge pass every ``refine_every`` articles as the story job would, and once more at
the end. Predicted stories are scored with B-cubed precision, recall and F1 against the labels.
ECB+ has no times: its articles are given one minute apart, in file order.

Both sets are cut in two by a hash of what keeps related items together (``half_of``: ECB+ by
topic, so the two sibling events of a topic stay in one half; UCI by story), and the report
gives B-cubed figures over each half's items beside the whole: rules are tuned on ``half-a``
and ``half-b`` is the held-out figure. Every item is placed in every run; a half only selects
which items are scored.

It needs a database: ``newsdesk eval stories`` makes a temporary SQLite one.
"""

from __future__ import annotations

import csv
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.stories import nearest, place_article, refine_stories
from newsdesk.desk.stories import terms as term_counts
from newsdesk.sources.models import Source
from newsdesk.stories.models import Placement

Progress = Callable[[int, int], None]
ECB_START = datetime(2014, 3, 10, tzinfo=UTC)


@dataclass(frozen=True)
class Item:
    id: str
    story: str
    title: str
    text: str
    publisher: str
    published_at: datetime
    group: str = ""  # what the halves are cut by: the ECB+ topic, the UCI story

    @property
    def half(self) -> str:
        return half_of(self.group or self.story)


@dataclass
class StoriesReport:
    dataset: str
    articles: int
    true_stories: int
    predicted_stories: int
    precision: float
    recall: float
    f1: float
    online_f1: float
    ms_per_article: float
    refine_ms_total: float
    cpu_ms_per_article: float = 0.0  # placing, CPU of this process (embedding included)
    halves: dict[str, dict[str, float]] = field(default_factory=dict)


HALVES = ("half-a", "half-b")


def half_of(group: str) -> str:
    """ "half-a" or "half-b": the half a topic or story belongs to, by a hash of its id."""
    digest = hashlib.blake2b(group.encode("utf-8"), digest_size=8).digest()
    return HALVES[digest[0] % 2]


def load_items(path: Path, limit: int | None = None) -> list[Item]:
    items = _ecb(path) if path.suffix == ".jsonl" else _uci(path)
    items.sort(key=lambda item: item.published_at)
    return items[:limit] if limit else items


def _ecb(path: Path) -> list[Item]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Item(
            id=str(row["doc_id"]),
            story=str(row["subtopic"]),
            title="",
            text=row["text"],
            publisher="ECB+",
            published_at=ECB_START + timedelta(minutes=index),
            group=f"ecb-topic-{row['topic']}",
        )
        for index, row in enumerate(rows)
    ]


def _uci(path: Path) -> list[Item]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = [row for row in csv.DictReader(f) if row.get("TIMESTAMP")]
    return [
        Item(
            id=row["ID"],
            story=row["STORY"],
            title=row["TITLE"],
            text="",
            publisher=row["PUBLISHER"] or row["HOSTNAME"],
            published_at=datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC),
        )
        for row in rows
    ]


def run(
    path: Path,
    limit: int | None = None,
    refine_every: int = 100,
    progress: Progress | None = None,
) -> StoriesReport:
    items = load_items(path, limit)
    term_counts.forget()
    nearest.forget()
    article_ids = store_items(items)
    placing = 0.0
    placing_cpu = 0.0
    refining = 0.0
    last_refine = items[0].published_at - timedelta(days=1) if items else ECB_START
    for done, (item, article_id) in enumerate(zip(items, article_ids, strict=True), start=1):
        started, started_cpu = time.perf_counter(), time.process_time()
        place_article(article_id, now=item.published_at)
        placing += time.perf_counter() - started
        placing_cpu += time.process_time() - started_cpu
        if refine_every and done % refine_every == 0:
            started = time.perf_counter()
            refine_stories(since=last_refine, now=item.published_at)
            refining += time.perf_counter() - started
            last_refine = item.published_at
        if progress:
            progress(done, len(items))
    online = _labels(article_ids)
    started = time.perf_counter()
    if items:
        refine_stories(since=last_refine, now=items[-1].published_at)
    refining += time.perf_counter() - started
    final = _labels(article_ids)
    gold = [item.story for item in items]
    precision, recall, f1 = bcubed(final, gold)
    halves = {half: _half_scores(items, final, half) for half in HALVES}
    return StoriesReport(
        dataset=path.name,
        articles=len(items),
        true_stories=len(set(gold)),
        predicted_stories=len(set(final)),
        precision=precision,
        recall=recall,
        f1=f1,
        online_f1=bcubed(online, gold)[2],
        ms_per_article=1000 * placing / max(1, len(items)),
        refine_ms_total=1000 * refining,
        cpu_ms_per_article=1000 * placing_cpu / max(1, len(items)),
        halves=halves,
    )


def _half_scores(items: Sequence[Item], predicted: Sequence[int], half: str) -> dict[str, float]:
    chosen = [index for index, item in enumerate(items) if item.half == half]
    precision, recall, f1 = bcubed(
        [predicted[index] for index in chosen], [items[index].story for index in chosen]
    )
    return {"articles": len(chosen), "precision": precision, "recall": recall, "f1": f1}


def store_items(items: Sequence[Item]) -> list[int]:
    """Store the items as ready articles of their publishers; their ids, in the items' order."""
    sources: dict[str, Source] = {}
    for publisher in sorted({item.publisher for item in items}):
        slug = hashlib.md5(publisher.encode()).hexdigest()[:12]  # noqa: S324 (an identifier)
        sources[publisher], _ = Source.objects.get_or_create(
            slug=slug, defaults={"name": publisher[:200], "home_url": f"https://{slug}.invalid/"}
        )
    articles = [
        Article(
            url=f"https://eval.invalid/{path_id}",
            url_hash=hashlib.md5(path_id.encode()).hexdigest(),  # noqa: S324 (an identifier)
            source=sources[item.publisher],
            title=item.title,
            text=item.text,
            language="en",
            published_at=item.published_at,
            status=ArticleStatus.READY,
            body_origin=BodyOrigin.PAGE if item.text else BodyOrigin.FEED,
        )
        for path_id, item in ((f"{item.publisher}/{item.id}", item) for item in items)
    ]
    Article.objects.bulk_create(articles, batch_size=500)
    by_hash = dict(
        Article.objects.filter(url_hash__in=[a.url_hash for a in articles]).values_list(
            "url_hash", "id"
        )
    )
    return [by_hash[article.url_hash] for article in articles]


def _labels(article_ids: Sequence[int]) -> list[int]:
    story_of = dict(
        Placement.objects.filter(article_id__in=article_ids).values_list("article_id", "story_id")
    )
    return [story_of[article_id] for article_id in article_ids]


def bcubed(predicted: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against the true one."""
    if not predicted:
        return 0.0, 0.0, 0.0
    by_predicted: dict[object, set[int]] = defaultdict(set)
    by_gold: dict[object, set[int]] = defaultdict(set)
    for index, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_predicted[p].add(index)
        by_gold[g].add(index)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(by_predicted[p] & by_gold[g])
        precision += shared / len(by_predicted[p])
        recall += shared / len(by_gold[g])
    precision /= len(predicted)
    recall /= len(predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def format_report(report: StoriesReport) -> str:
    return "\n".join(
        [
            f"{report.dataset}: {report.articles} articles, {report.true_stories} true stories, "
            f"{report.predicted_stories} predicted",
            f"B-cubed precision {report.precision:.3f}  recall {report.recall:.3f}  "
            f"F1 {report.f1:.3f}  (before the last merge pass: {report.online_f1:.3f})",
            *(
                f"  {half} ({int(scores['articles'])} articles): precision "
                f"{scores['precision']:.3f}  recall {scores['recall']:.3f}  F1 {scores['f1']:.3f}"
                for half, scores in report.halves.items()
            ),
            f"placing: {report.ms_per_article:.2f} ms per article "
            f"({report.cpu_ms_per_article:.2f} ms CPU); "
            f"merge passes: {report.refine_ms_total:.0f} ms in all",
        ]
    )
