"""Near-duplicate detection quality and cost (``newsdesk.pipeline.dedup``) on real articles.

``run(DATASETS)`` reads the article bodies of ``extraction/zyte/ground-truth.json`` and the texts
of ``stories/ecbplus-dev.jsonl`` (those of at least ``MIN_BASE_WORDS`` words, so that every edited
copy keeps ``dedup.MIN_WORDS``), and makes edited copies of each with a fixed seed (the copies of
an article do not depend on ``limit``):

- ``headline``: a new headline line put on top;
- ``boilerplate``: newsletter, sharing, cookie and copyright lines added before, inside and after;
- ``shuffle``: the paragraphs (or sentences, when there are fewer than three) reordered;
- ``truncate``: the last paragraphs cut, keeping 60 to 90% of the words;
- ``word_edits``: 2 to 5% of the words replaced, deleted or doubled;
- ``combined``: headline, boilerplate, cut to 80-95% and 2% word edits together (a republished
  wire story).

Positives are (article, copy) pairs: recall is reported per edit type, and so is the LSH
candidate recall (the share of pairs sharing at least one band key, that is pairs an index of
band keys would return at all). Negatives are the hard pairs (two ECB+ documents of one topic
but of its two different events: the same kind of event, often the same wording) and every
candidate pair the band keys produce over the whole corpus, articles and copies, whose two
texts come from different articles and not from one ECB+ event: precision is measured on what
the index would actually return. Two documents of one ECB+ event are no negatives (ECB+ often
holds one wire story as published by several outlets): they are listed from similarity 0.3 up
for a person to judge, and counted in a threshold sweep. Copies of one article found together
count on neither side.

Two real sets are reported for a human to read, without ground truth: pairs of source articles
of the Wikinews articles (``summaries/wikinewssum``) flagged as duplicates, and headline pairs of
different publishers in ``stories/uci-news-aggregator-sample.csv`` that are equal or nearly so
after normalisation (headlines are too short for MinHash: a word Jaccard over the word sets).

    python -m newsdesk.eval.duplicates /path/to/datasets [--json] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from newsdesk.pipeline import dedup

Progress = Callable[[int, int], None]

SEED = 2014
MIN_BASE_WORDS = 50  # a copy cut to 60% still has dedup.MIN_WORDS
TITLE_JACCARD = 0.7
EXAMPLES = 8
SWEEP = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)

BOILERPLATE = (
    "Subscribe to our newsletter",
    "Sign up for our daily briefing and get the news in your inbox every morning.",
    "Share this article",
    "Share on Facebook Share on Twitter Share by email",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Advertisement",
    "Read more:",
    "Follow us on Twitter and Instagram",
    "Copyright 2024 The Daily Courier. All rights reserved.",
    "This story was first published by a partner site.",
    "Related: the stories our readers are talking about",
    "Comments are closed.",
)


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    topic: str = ""  # ECB+ topic: two events of one kind
    story: str = ""  # ECB+ subtopic: one event


@dataclass
class EditScore:
    """One edit type: how many (article, copy) pairs were judged duplicates, and candidates."""

    edit: str
    pairs: int = 0
    found: int = 0
    candidates: int = 0
    min_similarity: float = 1.0
    mean_similarity: float = 0.0

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 0.0

    @property
    def candidate_recall(self) -> float:
        return self.candidates / self.pairs if self.pairs else 0.0


@dataclass
class Pair:
    """A pair shown for a person to judge: ids, estimated similarity and the start of each text."""

    a: str
    b: str
    similarity: float
    a_start: str
    b_start: str


@dataclass
class SweepPoint:
    """Precision and recall had ``DUPLICATE_THRESHOLD`` been ``threshold``."""

    threshold: float
    precision: float
    recall: float
    same_event_flagged: int


@dataclass
class WikinewsReport:
    sources: int = 0
    judgeable: int = 0
    pairs_within_articles: int = 0
    flagged_within_articles: int = 0
    flagged_across_articles: int = 0
    examples: list[Pair] = field(default_factory=list)


@dataclass
class TitleReport:
    titles: int = 0
    exact_pairs: int = 0
    exact_same_story: int = 0
    near_pairs: int = 0
    near_same_story: int = 0
    examples: list[Pair] = field(default_factory=list)


@dataclass
class DuplicatesReport:
    path: str
    articles: int
    seed: int
    threshold: float
    bands: int
    rows: int
    edits: list[EditScore]
    hard_negative_pairs: int
    hard_negative_flagged: int
    hard_negative_max_similarity: float
    lsh_candidate_pairs: int
    lsh_negative_pairs: int
    lsh_negative_flagged: int
    negative_max_similarity: float
    false_positives: list[Pair]
    same_event_pairs: int
    same_event: list[Pair]
    sweep: list[SweepPoint]
    ms_per_signature: float
    wikinews: WikinewsReport
    titles: TitleReport

    @property
    def true_pairs(self) -> int:
        return sum(e.pairs for e in self.edits)

    @property
    def found(self) -> int:
        return sum(e.found for e in self.edits)

    @property
    def false_positive_count(self) -> int:
        return len(self.false_positives)

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_positive_count
        return self.found / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.true_pairs if self.true_pairs else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def lsh_candidate_recall(self) -> float:
        return sum(e.candidates for e in self.edits) / self.true_pairs if self.true_pairs else 0.0


def run(
    datasets_dir: Path, *, limit: int | None = None, progress: Progress | None = None
) -> DuplicatesReport:
    """Evaluate ``dedup`` on the sets under ``datasets_dir`` (the first ``limit`` of each)."""
    articles = load_articles(datasets_dir, limit=limit)
    corpus = _Corpus(articles)
    signatures, seconds = _sign(corpus.texts, progress)
    keys = {doc: set(dedup.band_keys(sig)) for doc, sig in signatures.items()}

    def similarity(pair: tuple[str, str]) -> float:
        return dedup.similarity(signatures[pair[0]], signatures[pair[1]])

    edits = [
        _score_edit(edit, ids, corpus, similarity, keys) for edit, ids in corpus.copies.items()
    ]
    positives = [similarity((corpus.base[c], c)) for ids in corpus.copies.values() for c in ids]
    hard, same_event = _same_topic_pairs(articles)
    candidates = candidate_pairs(keys)
    lsh_negatives = [p for p in candidates if corpus.relation(*p) == "different"]
    negatives = sorted(set(hard) | set(lsh_negatives))
    negative_similarities = [similarity(p) for p in negatives]
    hard_similarities = [similarity(p) for p in hard]
    same_event_flagged = [
        _pair(a, b, signatures, corpus.texts) for a, b in same_event if similarity((a, b)) >= 0.3
    ]
    return DuplicatesReport(
        path=str(datasets_dir),
        articles=len(articles),
        seed=SEED,
        threshold=dedup.DUPLICATE_THRESHOLD,
        bands=dedup.BANDS,
        rows=dedup.ROWS,
        edits=edits,
        hard_negative_pairs=len(hard),
        hard_negative_flagged=sum(s >= dedup.DUPLICATE_THRESHOLD for s in hard_similarities),
        hard_negative_max_similarity=max(hard_similarities, default=0.0),
        lsh_candidate_pairs=len(candidates),
        lsh_negative_pairs=len(lsh_negatives),
        lsh_negative_flagged=sum(similarity(p) >= dedup.DUPLICATE_THRESHOLD for p in lsh_negatives),
        negative_max_similarity=max(negative_similarities, default=0.0),
        false_positives=sorted(
            (
                _pair(a, b, signatures, corpus.texts)
                for (a, b), s in zip(negatives, negative_similarities, strict=True)
                if s >= dedup.DUPLICATE_THRESHOLD
            ),
            key=lambda p: -p.similarity,
        ),
        same_event_pairs=len(same_event),
        same_event=sorted(same_event_flagged, key=lambda p: -p.similarity),
        sweep=[
            _sweep_point(threshold, positives, negative_similarities, same_event_flagged)
            for threshold in SWEEP
        ],
        ms_per_signature=1000 * seconds / len(corpus.texts) if corpus.texts else 0.0,
        wikinews=wikinews_pairs(datasets_dir / "summaries" / "wikinewssum"),
        titles=title_pairs(datasets_dir / "stories" / "uci-news-aggregator-sample.csv"),
    )


class _Corpus:
    """The articles and their edited copies, by document id, and where each copy came from."""

    def __init__(self, articles: list[Article]) -> None:
        self.texts = {a.id: a.text for a in articles}
        self.base = {a.id: a.id for a in articles}
        self.story = {a.id: a.story for a in articles}
        self.copies: dict[str, list[str]] = defaultdict(list)  # edit type -> copy ids
        for article in articles:
            for edit, text in make_copies(article).items():
                copy_id = f"{article.id}~{edit}"
                self.texts[copy_id] = text
                self.base[copy_id] = article.id
                self.copies[edit].append(copy_id)

    def relation(self, a: str, b: str) -> str:
        """``same`` (one article), ``same_event`` (one ECB+ story) or ``different``."""
        base_a, base_b = self.base[a], self.base[b]
        if base_a == base_b:
            return "same"
        story = self.story[base_a]
        return "same_event" if story and story == self.story[base_b] else "different"


def _same_topic_pairs(
    articles: list[Article],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """ECB+ pairs of one topic: of two different events (hard negatives), and of one event."""
    hard: list[tuple[str, str]] = []
    same_event: list[tuple[str, str]] = []
    for a, b in itertools.combinations(articles, 2):
        if a.topic and a.topic == b.topic:
            (same_event if a.story == b.story else hard).append(_ordered(a.id, b.id))
    return hard, same_event


def _sweep_point(
    threshold: float, positives: list[float], negatives: list[float], same_event: list[Pair]
) -> SweepPoint:
    found = sum(s >= threshold for s in positives)
    false = sum(s >= threshold for s in negatives)
    return SweepPoint(
        threshold=threshold,
        precision=found / (found + false) if found + false else 1.0,
        recall=found / len(positives) if positives else 0.0,
        same_event_flagged=sum(p.similarity >= threshold for p in same_event),
    )


def load_articles(datasets_dir: Path, *, limit: int | None = None) -> list[Article]:
    """The zyte bodies (by id) then the ECB+ texts (in file order), long enough to edit."""
    truth = json.loads(
        (datasets_dir / "extraction" / "zyte" / "ground-truth.json").read_text(encoding="utf-8")
    )
    zyte = [Article(f"zyte/{key}", truth[key]["articleBody"]) for key in sorted(truth)]
    with (datasets_dir / "stories" / "ecbplus-dev.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    ecb = [
        Article(f"ecb/{r['doc_id']}", r["text"], f"ecb/{r['topic']}", r["subtopic"])
        for r in records
    ]
    chosen: list[Article] = []
    for group in (zyte, ecb):
        long_enough = [a for a in group if len(dedup.words(a.text)) >= MIN_BASE_WORDS]
        chosen += long_enough[:limit]
    return chosen


def make_copies(article: Article) -> dict[str, str]:
    """The edited copies of one article, by edit type; the same for the same article id."""
    rng = random.Random(f"{SEED}:{article.id}")
    paragraphs = _paragraphs(article.text)
    return {
        "headline": "\n".join([_headline(paragraphs, rng), *paragraphs]),
        "boilerplate": "\n".join(_with_boilerplate(paragraphs, rng)),
        "shuffle": "\n".join(_shuffled(paragraphs, rng)),
        "truncate": "\n".join(_truncated(paragraphs, rng.uniform(0.6, 0.9))),
        "word_edits": "\n".join(_word_edits(paragraphs, rng.uniform(0.02, 0.05), rng)),
        "combined": "\n".join(
            [
                _headline(paragraphs, rng),
                *_with_boilerplate(
                    _word_edits(_truncated(paragraphs, rng.uniform(0.8, 0.95)), 0.02, rng), rng
                ),
            ]
        ),
    }


def _paragraphs(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) >= 3:
        return lines
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(lines)) if s]


def _headline(paragraphs: list[str], rng: random.Random) -> str:
    vocabulary = " ".join(paragraphs).split()
    chosen = rng.sample(vocabulary, min(len(vocabulary), rng.randint(6, 11)))
    outlet = rng.choice(("The Daily Courier", "Metro News", "World Wire", "Evening Post"))
    return f"{' '.join(chosen).title()} | {outlet}"


def _with_boilerplate(paragraphs: list[str], rng: random.Random) -> list[str]:
    top, middle, bottom = (rng.sample(BOILERPLATE, rng.randint(1, 2)) for _ in range(3))
    cut = rng.randint(1, max(1, len(paragraphs) - 1))
    return [*top, *paragraphs[:cut], *middle, *paragraphs[cut:], *bottom]


def _shuffled(paragraphs: list[str], rng: random.Random) -> list[str]:
    shuffled = list(paragraphs)
    while shuffled == paragraphs and len(set(paragraphs)) > 1:
        rng.shuffle(shuffled)
    return shuffled


def _truncated(paragraphs: list[str], keep: float) -> list[str]:
    """The first paragraphs holding at least ``keep`` of the words (cut inside the last one)."""
    total = sum(len(p.split()) for p in paragraphs)
    kept: list[str] = []
    count = 0
    for paragraph in paragraphs:
        missing = int(keep * total + 0.999) - count
        if missing <= 0:
            break
        tokens = paragraph.split()
        kept.append(" ".join(tokens[:missing]))
        count += min(missing, len(tokens))
    return kept


def _word_edits(paragraphs: list[str], share: float, rng: random.Random) -> list[str]:
    """Replace, delete or double about ``share`` of the words, at random places."""
    lines = [p.split() for p in paragraphs]
    places = [(i, j) for i, line in enumerate(lines) for j in range(len(line))]
    vocabulary = [w for line in lines for w in line]
    for i, j in rng.sample(places, max(1, round(share * len(places)))):
        action = rng.choice(("replace", "delete", "double"))
        if action == "replace":
            lines[i][j] = rng.choice(vocabulary)
        elif action == "delete":
            lines[i][j] = ""
        else:
            lines[i][j] = f"{lines[i][j]} {lines[i][j]}"
    return [" ".join(w for w in line if w) for line in lines]


def _sign(
    texts: dict[str, str], progress: Progress | None
) -> tuple[dict[str, tuple[int, ...]], float]:
    signatures = {}
    seconds = 0.0
    for done, (doc, text) in enumerate(texts.items(), start=1):
        started = time.process_time()
        signatures[doc] = dedup.signature(text)
        seconds += time.process_time() - started
        if progress is not None and (done % 200 == 0 or done == len(texts)):
            progress(done, len(texts))
    return signatures, seconds


def _score_edit(
    edit: str,
    copy_ids: list[str],
    corpus: _Corpus,
    similarity: Callable[[tuple[str, str]], float],
    keys: dict[str, set[int]],
) -> EditScore:
    score = EditScore(edit, pairs=len(copy_ids))
    similarities = []
    for copy_id in copy_ids:
        base = corpus.base[copy_id]
        similarities.append(similarity((base, copy_id)))
        score.found += similarities[-1] >= dedup.DUPLICATE_THRESHOLD
        score.candidates += bool(keys[base] & keys[copy_id])
    score.min_similarity = min(similarities, default=0.0)
    score.mean_similarity = sum(similarities) / len(similarities) if similarities else 0.0
    return score


def candidate_pairs(keys: dict[str, set[int]]) -> list[tuple[str, str]]:
    """Every pair of documents sharing at least one band key, each pair once, sorted."""
    buckets: dict[int, list[str]] = defaultdict(list)
    for doc, doc_keys in keys.items():
        for key in doc_keys:
            buckets[key].append(doc)
    pairs: set[tuple[str, str]] = set()
    for docs in buckets.values():
        pairs.update(itertools.combinations(sorted(docs), 2))
    return sorted(pairs)


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _pair(a: str, b: str, signatures: dict[str, tuple[int, ...]], texts: dict[str, str]) -> Pair:
    return Pair(
        a, b, dedup.similarity(signatures[a], signatures[b]), _start(texts[a]), _start(texts[b])
    )


def _start(text: str, size: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 3] + "..."


def wikinews_pairs(path: Path) -> WikinewsReport:
    """Source articles flagged as duplicates: within one Wikinews article, and across them."""
    report = WikinewsReport()
    texts: dict[str, str] = {}
    story_of: dict[str, int] = {}
    with (path / "cleaned_endataset.jsonl").open(encoding="utf-8") as lines:
        for story, line in enumerate(lines):
            for index, source in enumerate(json.loads(line)["sources"]):
                report.sources += 1
                if dedup.is_judgeable(source["maintext"]):
                    doc = f"{story}.{index} {source.get('url', '')}"
                    texts[doc] = source["maintext"]
                    story_of[doc] = story
    report.judgeable = len(texts)
    signatures = {doc: dedup.signature(text) for doc, text in texts.items()}
    keys = {doc: set(dedup.band_keys(sig)) for doc, sig in signatures.items()}
    for a, b in itertools.combinations(texts, 2):
        report.pairs_within_articles += story_of[a] == story_of[b]
    flagged = [
        _pair(a, b, signatures, texts)
        for a, b in candidate_pairs(keys)
        if dedup.is_near_duplicate(signatures[a], signatures[b])
    ]
    report.flagged_within_articles = sum(story_of[p.a] == story_of[p.b] for p in flagged)
    report.flagged_across_articles = len(flagged) - report.flagged_within_articles
    report.examples = sorted(flagged, key=lambda p: -p.similarity)
    return report


def title_pairs(path: Path) -> TitleReport:
    """Headline pairs of different publishers: equal after normalisation, or nearly so."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    report = TitleReport(titles=len(rows))
    word_sets = [frozenset(dedup.words(row["TITLE"])) for row in rows]
    examples: list[Pair] = []
    for i, j in _sharing_words(word_sets):
        if rows[i]["PUBLISHER"] == rows[j]["PUBLISHER"]:
            continue
        same_story = rows[i]["STORY"] == rows[j]["STORY"]
        if dedup.normalize(rows[i]["TITLE"]) == dedup.normalize(rows[j]["TITLE"]):
            report.exact_pairs += 1
            report.exact_same_story += same_story
            continue
        jaccard = len(word_sets[i] & word_sets[j]) / len(word_sets[i] | word_sets[j])
        if jaccard >= TITLE_JACCARD:
            report.near_pairs += 1
            report.near_same_story += same_story
            examples.append(
                Pair(rows[i]["ID"], rows[j]["ID"], jaccard, rows[i]["TITLE"], rows[j]["TITLE"])
            )
    report.examples = sorted(examples, key=lambda p: p.similarity)[:EXAMPLES]
    return report


def _sharing_words(word_sets: list[frozenset[str]]) -> Iterator[tuple[int, int]]:
    """Pairs of headlines that could reach ``TITLE_JACCARD``: sharing enough of their words."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, words in enumerate(word_sets):
        for word in words:
            postings[word].append(index)
    for i, words in enumerate(word_sets):
        shared: dict[int, int] = defaultdict(int)
        for word in words:
            for j in postings[word]:
                if j > i:
                    shared[j] += 1
        for j, count in shared.items():
            if count >= TITLE_JACCARD * max(len(words), len(word_sets[j])):
                yield i, j


def format_report(report: DuplicatesReport) -> str:
    """A plain-text account of the report."""
    lines = [
        f"near-duplicates: {report.articles} articles, {report.true_pairs} edited copies"
        f" ({report.path}, seed {report.seed})",
        f"threshold {report.threshold}, {report.bands} bands x {report.rows} rows",
        "",
        f"{'edit':12} {'pairs':>6} {'recall':>7} {'LSH':>7} {'min sim':>8} {'mean sim':>9}",
    ]
    for e in report.edits:
        lines.append(
            f"{e.edit:12} {e.pairs:6d} {e.recall:7.3f} {e.candidate_recall:7.3f}"
            f" {e.min_similarity:8.3f} {e.mean_similarity:9.3f}"
        )
    lines += [
        "",
        f"precision {report.precision:.4f}  recall {report.recall:.4f}  F1 {report.f1:.4f}"
        f"  LSH candidate recall {report.lsh_candidate_recall:.4f}",
        f"hard negatives (same ECB+ topic): {report.hard_negative_pairs} pairs,"
        f" {report.hard_negative_flagged} flagged, max similarity"
        f" {report.hard_negative_max_similarity:.3f}",
        f"LSH candidates: {report.lsh_candidate_pairs} pairs, {report.lsh_negative_pairs} from"
        f" different articles (not one ECB+ event), {report.lsh_negative_flagged} of those flagged;"
        f" highest similarity of any negative {report.negative_max_similarity:.3f}",
        f"{report.ms_per_signature:.3f} ms per signature (CPU, normalising included)",
    ]
    lines += _pair_lines("false duplicates", report.false_positives[:EXAMPLES])
    lines += ["", f"{'threshold':>9} {'P':>7} {'R':>7} {'same-event flagged':>19}"]
    lines += [
        f"{p.threshold:9.2f} {p.precision:7.4f} {p.recall:7.4f} {p.same_event_flagged:19d}"
        for p in report.sweep
    ]
    lines += [
        "",
        f"same ECB+ event, other document (no ground truth, often one wire story):"
        f" {report.same_event_pairs} pairs,"
        f" {sum(p.similarity >= report.threshold for p in report.same_event)} flagged",
    ]
    lines += _pair_lines("same-event pairs of similarity >= 0.3", report.same_event)
    wiki = report.wikinews
    lines += [
        "",
        f"wikinewssum: {wiki.sources} sources, {wiki.judgeable} of {dedup.MIN_WORDS}+ words,"
        f" {wiki.pairs_within_articles} pairs within one Wikinews article;"
        f" flagged {wiki.flagged_within_articles} within, {wiki.flagged_across_articles} across",
    ]
    lines += _pair_lines("flagged source pairs", wiki.examples[:EXAMPLES])
    titles = report.titles
    lines += [
        "",
        f"uci headlines: {titles.titles}; pairs of different publishers: {titles.exact_pairs}"
        f" equal ({titles.exact_same_story} in one story), {titles.near_pairs} with word"
        f" Jaccard >= {TITLE_JACCARD} ({titles.near_same_story} in one story)",
    ]
    lines += _pair_lines("near-equal headlines (lowest first)", titles.examples)
    return "\n".join(lines)


def _pair_lines(title: str, pairs: Iterable[Pair]) -> list[str]:
    lines = []
    for p in pairs:
        lines += [f"  {p.similarity:.3f} {p.a} | {p.b}", f"    {p.a_start}", f"    {p.b_start}"]
    return ["", f"{title}:", *lines] if lines else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsdesk.eval.duplicates")
    parser.add_argument("path", type=Path, help="the datasets directory")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--limit", type=int, default=None, help="only the first N of each set")
    args = parser.parse_args(argv)
    report = run(args.path, limit=args.limit)
    if args.json:
        payload = asdict(report) | {
            "precision": report.precision,
            "recall": report.recall,
            "f1": report.f1,
            "lsh_candidate_recall": report.lsh_candidate_recall,
            "edits": [asdict(e) | {"recall": e.recall} for e in report.edits],
        }
        print(json.dumps(payload, indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
