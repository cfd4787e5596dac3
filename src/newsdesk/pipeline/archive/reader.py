"""Reading saved pages, feed files and WARC archives (see the package docstring)."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

# A saved document larger than this is skipped with an error rather than read into memory.
MAX_DOCUMENT_BYTES = 50 * 2**20

PAGE_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".json", ".opml"}
WARC_SUFFIXES = {".warc", ".arc"}


@dataclass(frozen=True)
class ArchivedDocument:
    url: str
    content: bytes = b""
    content_type: str = ""  # a hint: "text/html", "application/xml"... or "" when unknown
    origin: str = ""  # where it came from: a path, with the record offset for WARC
    error: str = ""


def iter_archive(path: Path) -> Iterator[ArchivedDocument]:
    """Yield every document under ``path`` (a file or a directory, walked in name order)."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            yield from _iter_file(child)
    elif path.is_file():
        yield from _iter_file(path)
    else:
        yield ArchivedDocument(url="", origin=str(path), error="no such file or directory")


def count_documents(path: Path) -> int | None:
    """The number of files to read (for a progress bar), or None when a WARC makes it unknown."""
    files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    if any(_suffixes(p)[0] in WARC_SUFFIXES for p in files):
        return None
    return len(files)


def _suffixes(path: Path) -> tuple[str, bool]:
    """The meaningful suffix of a file, and whether it is gzipped (``page.html.gz``)."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gzipped


def _iter_file(path: Path) -> Iterator[ArchivedDocument]:
    suffix, gzipped = _suffixes(path)
    origin = str(path)
    if suffix in WARC_SUFFIXES:
        yield from _iter_warc(path)
        return
    try:
        content = _read_capped(path, gzipped)
    except (OSError, EOFError, zlib.error, ValueError) as e:
        yield ArchivedDocument(url="", origin=origin, error=f"unreadable file: {e}")
        return
    hint = "text/html" if suffix in PAGE_SUFFIXES else ""
    if suffix in FEED_SUFFIXES:
        hint = "application/json" if suffix == ".json" else "application/xml"
    yield ArchivedDocument(
        url=path.resolve().as_uri(), content=content, content_type=hint, origin=origin
    )


def _read_capped(path: Path, gzipped: bool) -> bytes:
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        content = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"larger than {MAX_DOCUMENT_BYTES} bytes")
    return bytes(content)


def _iter_warc(path: Path) -> Iterator[ArchivedDocument]:
    """Yield the HTTP responses of a WARC file (gzipped or not) that carry pages or feeds."""
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream, arc2warc=True)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                document = _warc_document(record)
                # The offset is known once the record has been read.
                origin = f"{path}@{records.get_record_offset()}"
                yield ArchivedDocument(
                    document.url, document.content, document.content_type, origin, document.error
                )
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as e:
        yield ArchivedDocument(url="", origin=str(path), error=f"unreadable WARC: {e}")


def _warc_document(record: object) -> ArchivedDocument:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""  # type: ignore[attr-defined]
    content_type = record.http_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    content = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)  # type: ignore[attr-defined]
    if len(content) > MAX_DOCUMENT_BYTES:
        return ArchivedDocument(url=url, error="record larger than the cap")
    return ArchivedDocument(url=url, content=content, content_type=content_type)
