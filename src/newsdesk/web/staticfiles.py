"""The static files' storage: WhiteNoise's hashed names with gzip and brotli copies, made once.

WhiteNoise compresses every file again at each ``collectstatic``; brotli at its best quality takes
6 s for the API docs' 1.5 MB bundle alone. A file with a content hash in its name never changes,
so its compressed copies, once written, are kept (``write_data`` writes them whole or not at
all): collecting after a change compresses only the changed files. Files over
``BEST_QUALITY_LIMIT`` (the admin's and the API docs' bundles) get brotli quality 10, 2% larger
and four times faster than 11; the site's own files get 11. Source maps, fetched only by
developer tools, are not compressed.
"""

from __future__ import annotations

import os
import re
import tempfile
from typing import Any

import brotli
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Django's manifest storage puts 12 hex digits of the content's MD5 before the extension.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[^./\\]+$")
BEST_QUALITY_LIMIT = 128 * 1024
SKIP_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")


class OnceCompressor(Compressor):
    def __init__(self, extensions: tuple[str, ...] | None = None, **options: Any) -> None:
        super().__init__(extensions=extensions or SKIP_EXTENSIONS, **options)

    def compress(self, path: str) -> list[str]:
        done = [path + suffix for suffix in (".br", ".gz") if os.path.exists(path + suffix)]
        if done and HASHED_NAME.search(path):
            return done
        return list(super().compress(path))

    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        return bytes(brotli.compress(data, quality=11 if len(data) <= BEST_QUALITY_LIMIT else 10))

    def write_data(self, path: str, data: bytes, suffix: str, stat_result: Any) -> str:
        filename = path + suffix
        descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(filename), suffix=".part")
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.chmod(temporary, stat_result.st_mode & 0o777)
        os.utime(temporary, (stat_result.st_atime, stat_result.st_mtime))
        os.replace(temporary, filename)
        return filename


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed names only (the originals are removed), compressed copies made once."""

    keep_only_hashed_files = True

    def create_compressor(self, **kwargs: Any) -> Compressor:
        return OnceCompressor(**kwargs)
