"""Offline input for ``newsdesk import``: saved pages (also gzipped), feed files, WARC archives.

``iter_archive(path)`` walks a file or a directory and yields one ``ArchivedDocument`` per page or
feed found, with the URL it was saved from when the input says it (WARC-Target-URI), else a
``file://`` URL of the file. Classifying a document (page or feed) is the caller's job; this stage
only gives a content-type hint. An unreadable file is yielded as an ``ArchivedDocument`` with
``error`` set, so a batch records it and carries on.
"""

from newsdesk.pipeline.archive.reader import ArchivedDocument, count_documents, iter_archive

__all__ = ["ArchivedDocument", "count_documents", "iter_archive"]
