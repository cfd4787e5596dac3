"""Offline input: ``newsdesk import PATH`` runs saved pages, feed files and WARC archives through
the same extraction and storage path as fetched ones. Each document's failure is recorded in the
report and the batch carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.desk.articles import ingest_entries, ingest_page
from newsdesk.errors import NewsdeskError
from newsdesk.pipeline.archive import ArchivedDocument, iter_archive
from newsdesk.pipeline.feeds import looks_like_feed, parse_subscribed_feed


@dataclass
class ImportReport:
    documents: int = 0
    pages: int = 0
    feeds: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, error)


def import_path(path: Path, progress: Callable[[], None] | None = None) -> ImportReport:
    report = ImportReport()
    for document in iter_archive(path):
        report.documents += 1
        try:
            _import_document(document, report)
        except NewsdeskError as e:
            report.failures.append((document.origin or document.url, str(e)))
        if progress is not None:
            progress()
    return report


def _import_document(document: ArchivedDocument, report: ImportReport) -> None:
    if document.error:
        raise NewsdeskError(document.error)
    if not document.content.strip():
        raise NewsdeskError("empty document")
    if looks_like_feed(document.content, document.content_type):
        parsed = parse_subscribed_feed(document.content, document.url, document.content_type)
        stored = ingest_entries(parsed.entries, document.url, parsed.home_url, parsed.title)
        report.feeds += 1
        report.new_articles += stored.new
        report.updated_articles += stored.updated
        report.failures.extend((f"{document.origin}: {url}", err) for url, err in stored.failures)
        return
    _, created = ingest_page(document.url, document.content)
    report.pages += 1
    report.new_articles += int(created)
    report.updated_articles += int(not created)
