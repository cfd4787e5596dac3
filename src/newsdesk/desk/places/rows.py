"""Place rows made on demand from the gazetteer, each with its ancestors, and their slugs.

The table holds only the places articles name and readers look up. A slug is the place's name
("kharkiv", "ukraine"); when several gazetteer places share the name, the first of them (a
continent or country before a region before a city, then the most populous) keeps the plain
name and the others add their parent's ("springfield-illinois"). A slug already taken in the
table falls back to adding the GeoNames id, so a slug is never reused for another place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from newsdesk.places.models import Place

if TYPE_CHECKING:  # the gazetteer's code loads with the tagger, not with the place pages
    from newsdesk.pipeline.geo import Gazetteer
    from newsdesk.pipeline.geo import Place as GeoPlace

SLUG_LENGTH = 120
KIND_RANK = {"continent": 0, "country": 1, "region": 2, "city": 3}


def prominence(place: GeoPlace) -> tuple[int, int]:
    """Sort key: continents and countries before regions and cities, then the most populous."""
    return (KIND_RANK.get(place.kind, 4), -place.population)


def base_slug(gazetteer: Gazetteer, place: GeoPlace) -> str:
    """The readable slug of a place, before any clash in the table (see the module docstring)."""
    name = slugify(place.name)[:SLUG_LENGTH].strip("-")
    if not name:
        return f"place-{place.id}"
    namesakes = [p for p in gazetteer.find(place.name) if slugify(p.name) == name]
    if not namesakes or min(namesakes, key=prominence).id == place.id:
        return name
    parent = gazetteer.place(place.parent_id) if place.parent_id is not None else None
    qualifier = slugify(parent.name) if parent is not None else place.country_code.lower()
    return f"{name}-{qualifier}"[:SLUG_LENGTH].strip("-") or f"place-{place.id}"


def lineage(gazetteer: Gazetteer, places: Iterable[GeoPlace]) -> dict[int, GeoPlace]:
    """The places and all their ancestors, by id."""
    found: dict[int, GeoPlace] = {}
    for place in places:
        found.setdefault(place.id, place)
        for ancestor in gazetteer.ancestors(place):
            found.setdefault(ancestor.id, ancestor)
    return found


def ensure_places(gazetteer: Gazetteer, places: Iterable[GeoPlace]) -> dict[int, Place]:
    """Rows for the places and their ancestors, made where missing, by id."""
    wanted = lineage(gazetteer, places)
    rows = Place.objects.in_bulk(list(wanted))
    if len(rows) < len(wanted):
        _create_missing(gazetteer, wanted, set(rows))
        rows = Place.objects.in_bulk(list(wanted))
    return rows


def ensure_place_ids(gazetteer: Gazetteer, places: Iterable[GeoPlace]) -> None:
    """Like ``ensure_places`` when only the rows' existence matters (reads ids only)."""
    wanted = lineage(gazetteer, places)
    known = set(Place.objects.filter(pk__in=list(wanted)).values_list("pk", flat=True))
    if len(known) < len(wanted):
        _create_missing(gazetteer, wanted, known)


def ensure_place_ids_each(gazetteer: Gazetteer, groups: list[list[GeoPlace]]) -> None:
    """``ensure_place_ids`` for each group in turn (the same rows, made in the same order),
    with one read of the ids for all of them."""
    lineages = [lineage(gazetteer, places) for places in groups]
    everything = {pk for wanted in lineages for pk in wanted}
    known = set(Place.objects.filter(pk__in=list(everything)).values_list("pk", flat=True))
    for wanted in lineages:
        if not known.issuperset(wanted):
            _create_missing(gazetteer, wanted, known)
            known.update(wanted)


def _create_missing(gazetteer: Gazetteer, wanted: dict[int, GeoPlace], known: set[int]) -> None:
    """The missing rows in one insert (a place's parent is among ``wanted``, so its row is
    known or made in the same insert). A place whose readable slug is taken, in the table or by
    another place of the insert, is made on its own afterwards (``_create``), as is one that a
    process made at the same moment took the slug of."""
    missing = [place for pk, place in wanted.items() if pk not in known]
    missing.sort(key=lambda place: len(gazetteer.ancestors(place)))
    slugs = {place.id: base_slug(gazetteer, place) for place in missing}
    taken = set(Place.objects.filter(slug__in=set(slugs.values())).values_list("slug", flat=True))
    batch: list[Place] = []
    later: list[GeoPlace] = []
    for place in missing:
        slug = slugs[place.id]
        if slug in taken:
            later.append(place)
            continue
        taken.add(slug)
        batch.append(_row(place, slug, place.parent_id if place.parent_id in wanted else None))
    Place.objects.bulk_create(batch, ignore_conflicts=True)
    made = set(Place.objects.filter(pk__in=[row.pk for row in batch]).values_list("pk", flat=True))
    later += [wanted[row.pk] for row in batch if row.pk not in made]
    for place in later:
        _create(gazetteer, place)


def _row(place: GeoPlace, slug: str, parent_id: int | None) -> Place:
    return Place(
        id=place.id,
        name=place.name[:200],
        slug=slug,
        kind=place.kind,
        country_code=place.country_code,
        latitude=place.latitude,
        longitude=place.longitude,
        population=place.population,
        parent_id=parent_id,
    )


def _create(gazetteer: Gazetteer, place: GeoPlace) -> Place:
    base = base_slug(gazetteer, place)
    parent_id = place.parent_id
    if parent_id is not None and not Place.objects.filter(pk=parent_id).exists():
        parent_id = None
    for slug in (base, f"{base}-{place.id}"):
        if Place.objects.filter(slug=slug).exclude(pk=place.id).exists():
            continue
        try:
            with transaction.atomic():
                row, _ = Place.objects.get_or_create(
                    pk=place.id,
                    defaults={
                        "name": place.name[:200],
                        "slug": slug,
                        "kind": place.kind,
                        "country_code": place.country_code,
                        "latitude": place.latitude,
                        "longitude": place.longitude,
                        "population": place.population,
                        "parent_id": parent_id,
                    },
                )
                return row
        except IntegrityError:  # made at the same moment elsewhere, or the slug was just taken
            made = Place.objects.filter(pk=place.id).first()
            if made is not None:
                return made
    raise IntegrityError(f"no free slug for place {place.id}")
