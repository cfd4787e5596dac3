"""Names the GeoNames files lack, read once from ``data/names.toml`` (described there).

``COUNTRY_NAMES`` maps an ISO code to other names of the country, ``DEMONYMS`` to its adjectives
and peoples, ``STATE_ABBREVIATIONS`` a newspaper or postal abbreviation to a US state's code,
``STATE_DEMONYMS`` a state's code to its adjectives, and ``DISTRICTS`` (name, country, state) of
a district listed as a city to the name of the city it is part of.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files

_DATA = tomllib.loads(
    files("newsdesk.pipeline.geo").joinpath("data/names.toml").read_text(encoding="utf-8")
)

COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    code: tuple(names) for code, names in _DATA["countries"].items()
}
DEMONYMS: dict[str, tuple[str, ...]] = {
    code: tuple(names) for code, names in _DATA["demonyms"].items()
}
STATE_ABBREVIATIONS: dict[str, str] = dict(_DATA["state_abbreviations"])
STATE_DEMONYMS: dict[str, tuple[str, ...]] = {
    code: tuple(names) for code, names in _DATA["state_demonyms"].items()
}
DISTRICTS: dict[tuple[str, str, str], str] = {
    (row["name"], row["country"], row["state"]): row["city"] for row in _DATA["districts"]
}
