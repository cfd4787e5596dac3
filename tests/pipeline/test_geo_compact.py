"""The gazetteer's compact file: read back, it answers every question as the built one does."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk.pipeline.geo import Gazetteer, compact, tag_places
from newsdesk.pipeline.geo.gazetteer import (
    CITY,
    COUNTRY,
    _read_or_build,
    build_gazetteer,
)
from newsdesk.pipeline.geo.thresholds import POPULATION_FLOOR

TEXTS = [
    ("Shelling hits Kharkiv", "Ukrainian officials in Kharkiv said the shelling went on."),
    ("Springfield, Ill.", "The Springfield, Illinois, council met on Tuesday in Springfield."),
    ("", "Talks in München and Москва; later in São Paulo and Brooklyn, New York."),
    ("Cava exports", "Producers of cava (Spain) sold more to Germany and the United States."),
]


@pytest.fixture(scope="module")
def built() -> Gazetteer:
    return build_gazetteer(POPULATION_FLOOR)


@pytest.fixture(scope="module")
def stored(built: Gazetteer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = compact.path_in(tmp_path_factory.mktemp("cache"), POPULATION_FLOOR)
    compact.save(built, path)
    return path


def test_read_back_tags_as_built(built: Gazetteer, stored: Path) -> None:
    loaded = compact.load(stored)
    assert loaded is not None and len(loaded) == len(built)
    for title, text in TEXTS:
        for home in ("", "US", "ES"):
            assert tag_places(loaded, title, text, home_country=home) == tag_places(
                built, title, text, home_country=home
            )


def test_read_back_answers_as_built(built: Gazetteer, stored: Path) -> None:
    loaded = compact.load(stored)
    assert loaded is not None
    for name in ("Springfield", "Kharkiv", "München", "Ill.", "Ukrainian", "Georgia"):
        assert loaded.find(name, limit=50) == built.find(name, limit=50)
        assert loaded.index.get(name.casefold()) == built.index.get(name.casefold())
    kharkiv = built.find("Kharkiv")[0]
    assert loaded.ancestors(kharkiv) == built.ancestors(kharkiv)
    assert loaded.nearby(kharkiv, 100) == built.nearby(kharkiv, 100)
    assert loaded.of_kind(COUNTRY) == built.of_kind(COUNTRY)
    assert loaded.country("ua") == built.country("ua")
    assert loaded.neighbours == built.neighbours
    assert dict(loaded.longest.items()) == dict(built.longest.items())
    assert loaded.of_kind(CITY) == built.of_kind(CITY)


def test_reading_costs_a_fraction_of_building(stored: Path) -> None:
    started = time.process_time()
    build_gazetteer(POPULATION_FLOOR)
    building = time.process_time() - started
    started = time.process_time()
    compact.load(stored)
    assert time.process_time() - started < building / 4


def test_a_damaged_or_missing_file_is_not_read(stored: Path, tmp_path: Path) -> None:
    assert compact.load(tmp_path / "none.marshal") is None
    damaged = tmp_path / "damaged.marshal"
    damaged.write_bytes(stored.read_bytes()[:1000])
    assert compact.load(damaged) is None


def test_the_file_name_follows_the_inputs(tmp_path: Path) -> None:
    name = compact.path_in(tmp_path, POPULATION_FLOOR)
    assert name == compact.path_in(tmp_path, POPULATION_FLOOR)
    assert name != compact.path_in(tmp_path, 500)


def test_the_first_process_saves_the_file_the_next_one_reads(tmp_path: Path) -> None:
    (tmp_path / "gazetteer-0000.marshal").write_bytes(b"made from earlier inputs")
    first = _read_or_build(tmp_path)
    saved = list(tmp_path.glob("gazetteer-*.marshal"))
    assert len(saved) == 1 and saved[0] == compact.path_in(tmp_path, POPULATION_FLOOR)
    assert isinstance(first.index, compact.NameTable)  # what later processes get, too
    again = _read_or_build(tmp_path)
    assert again.find("Kharkiv") == first.find("Kharkiv") and len(again) == len(first)


def test_every_name_and_place_reads_back_as_built(built: Gazetteer, stored: Path) -> None:
    loaded = compact.load(stored)
    assert loaded is not None
    names = built.index
    assert isinstance(names, dict) and isinstance(loaded.index, compact.NameTable)
    assert [key for key, entries in names.items() if loaded.index.get(key) != entries] == []
    assert sorted(loaded.index.keys()) == sorted(names)
    assert loaded.rows() == built.rows()
    assert loaded.place(0) is None and loaded.place(2**31 - 1) is None
    assert loaded.index.get("no such place anywhere") is None


def test_a_read_gazetteer_holds_its_places_in_arrays(stored: Path) -> None:
    """Read back, the gazetteer is a few typed arrays and one dict of names, not a Python
    object per place and per name (about 25 MB where the tuples took 60, decision 54)."""
    probe = (
        "import sys, tracemalloc\n"
        "from pathlib import Path\n"
        "from newsdesk.pipeline.geo import compact\n"
        "tracemalloc.start()\n"
        "gazetteer = compact.load(Path(sys.argv[1]))\n"
        "print(len(gazetteer), tracemalloc.get_traced_memory()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(stored)], capture_output=True, text=True, check=True
    )
    places, held = map(int, done.stdout.split())
    assert places > 60_000
    assert held < 32_000_000


def test_the_first_process_builds_in_another_process(tmp_path: Path) -> None:
    """Building peaks at some 140 MB more than reading, which a long-running process would keep;
    the first process has another one build and save the file, and reads it."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "def peak():\n"
        "    status = Path('/proc/self/status').read_text().splitlines()\n"
        "    return next(int(l.split()[1]) for l in status if l.startswith('VmHWM')) // 1024\n"
        "from newsdesk.pipeline.geo import load_gazetteer\n"
        "before = peak()\n"
        "gazetteer = load_gazetteer(Path(sys.argv[1]))\n"
        "print(peak() - before, len(gazetteer.find('Kharkiv')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True
    )
    grown, found = map(int, done.stdout.split())
    assert found == 1
    assert list(tmp_path.glob("gazetteer-*.marshal")) == [
        compact.path_in(tmp_path, POPULATION_FLOOR)
    ]
    assert grown < 70, f"the process grew by {grown} MB"


def test_a_cache_that_cannot_be_written_means_building_here(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a directory")
    gazetteer = _read_or_build(blocked / "cache")
    assert [place.name for place in gazetteer.find("Kharkiv")] == ["Kharkiv"]
    assert isinstance(gazetteer.index, dict)  # built here, and not saved
