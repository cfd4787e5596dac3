"""The topics an article can be filed under: eight top-level topics and finer ones beneath them.

Slugs are stable identifiers (stored with articles, used in URLs and by the web layer to look up
a translated name); ``name`` is the English name. A finer topic's slug starts with its parent's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One topic: ``parent`` is None for the eight top-level topics."""

    slug: str
    name: str
    parent: str | None = None


_TREE: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("world", "World"): (
        ("conflict", "Conflict and war"),
        ("diplomacy", "Diplomacy"),
        ("disasters", "Disasters"),
        ("migration", "Migration"),
    ),
    ("politics", "Politics"): (
        ("elections", "Elections"),
        ("government", "Government"),
        ("law", "Law and courts"),
    ),
    ("business", "Business"): (
        ("markets", "Markets"),
        ("economy", "Economy"),
        ("companies", "Companies"),
        ("energy", "Energy"),
    ),
    ("technology", "Technology"): (
        ("ai", "Artificial intelligence"),
        ("devices", "Phones and devices"),
        ("internet", "Internet and social media"),
        ("security", "Cybersecurity"),
        ("gaming", "Video games"),
    ),
    ("science", "Science"): (
        ("space", "Space"),
        ("climate", "Climate and environment"),
        ("nature", "Nature and research"),
    ),
    ("health", "Health"): (
        ("medicine", "Medicine"),
        ("outbreaks", "Outbreaks"),
        ("living", "Diet and fitness"),
    ),
    ("sports", "Sports"): (
        ("football", "Football"),
        ("american-football", "American football"),
        ("basketball", "Basketball"),
        ("baseball", "Baseball"),
        ("tennis", "Tennis"),
        ("cricket", "Cricket"),
        ("motorsport", "Motor sport"),
        ("golf", "Golf"),
        ("olympics", "Olympics"),
    ),
    ("entertainment", "Entertainment"): (
        ("film", "Film"),
        ("music", "Music"),
        ("tv", "Television"),
        ("celebrity", "Celebrities"),
        ("books", "Books and arts"),
    ),
}

TOP_LEVEL: tuple[str, ...] = tuple(slug for slug, _ in _TREE)

TOPICS: tuple[Topic, ...] = tuple(
    topic
    for (slug, name), children in _TREE.items()
    for topic in (
        Topic(slug, name),
        *(Topic(f"{slug}-{child}", child_name, slug) for child, child_name in children),
    )
)

_BY_SLUG = {topic.slug: topic for topic in TOPICS}


def topic_by_slug(slug: str) -> Topic | None:
    """The topic with this slug, or None."""
    return _BY_SLUG.get(slug)
