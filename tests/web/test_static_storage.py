"""The static storage's compressor: compressed copies of a hashed file are made once."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from newsdesk.cli.static import is_current, source_fingerprint
from newsdesk.web.staticfiles import OnceCompressor


def test_a_hashed_file_is_compressed_once(tmp_path: Path) -> None:
    text = b"body { color: black; }\n" * 400
    hashed = tmp_path / "site.0123456789ab.css"
    hashed.write_bytes(text)
    compressor = OnceCompressor(quiet=True)
    made = sorted(compressor.compress(str(hashed)))
    assert made == [f"{hashed}.br", f"{hashed}.gz"]
    assert brotli.decompress(Path(made[0]).read_bytes()) == text
    assert gzip.decompress(Path(made[1]).read_bytes()) == text
    inode = Path(made[0]).stat().st_ino
    assert sorted(compressor.compress(str(hashed))) == made
    assert Path(made[0]).stat().st_ino == inode  # kept, not written again
    assert not list(tmp_path.glob("*.part"))

    unhashed = tmp_path / "site.css"
    unhashed.write_bytes(text)
    compressor.compress(str(unhashed))
    unhashed.write_bytes(b"p { margin: 0; }\n" * 400)
    compressor.compress(str(unhashed))  # an unversioned name may change: compressed again
    assert gzip.decompress(Path(f"{unhashed}.gz").read_bytes()).startswith(b"p {")
    assert not compressor.should_compress("swagger-ui-bundle.js.0123456789ab.map")


def test_the_collected_files_match_the_sources() -> None:
    from django.conf import settings

    root = Path(settings.STATIC_ROOT)
    assert is_current(root, source_fingerprint())  # the test session collected them
    assert not is_current(root, "0" * 64)
    assert (root / "staticfiles.json").is_file()
