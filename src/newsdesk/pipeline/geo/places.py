"""The values of the geo stage: a gazetteer Place, a PlaceMention in an article, distances."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088

CONTINENT = "continent"
COUNTRY = "country"
REGION = "region"
CITY = "city"


@dataclass(frozen=True, slots=True)
class Place:
    """A continent, country, region (a US state) or city, identified by its GeoNames id."""

    id: int
    name: str
    kind: str
    country_code: str
    latitude: float
    longitude: float
    population: int
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in an article: how often, and how much the article is about it (0..1)."""

    place: Place
    mentions: int
    score: float


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places' coordinates (haversine), in kilometres."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
