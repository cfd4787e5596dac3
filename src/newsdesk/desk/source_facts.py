"""Facts about publishers shipped with newsdesk: country, languages, owner, kind of ownership.

``data/source-facts.json`` holds them for the publishers of the built-in feed list, keyed by the
domain of their home page, each with the citation it rests on. A source created for one of those
domains starts with its facts; operators correct or complete them in the admin, and a source
with facts of its own is never overwritten.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from newsdesk.sources.models import Ownership, Source

FACT_FIELDS = ("country", "languages", "owner", "ownership", "facts_citation")


@cache
def shipped_facts() -> dict[str, dict[str, str]]:
    """The shipped facts by domain, each with the Source field names."""
    data: dict[str, Any] = json.loads(
        resources.files("newsdesk.desk").joinpath("data/source-facts.json").read_text("utf-8")
    )
    kinds = set(Ownership.values)
    facts = {}
    for domain, entry in data.items():
        if domain.startswith("_"):
            continue
        if entry.get("ownership", "") not in kinds | {""}:
            raise ValueError(
                f"source-facts.json: {domain}: unknown ownership {entry['ownership']!r}"
            )
        facts[domain] = {
            "country": entry.get("country", "").upper()[:2],
            "languages": entry.get("languages", ""),
            "owner": entry.get("owner", ""),
            "ownership": entry.get("ownership", ""),
            "facts_citation": entry.get("citation", ""),
        }
    return facts


def with_shipped_facts(source: Source) -> list[str]:
    """Fill ``source``'s empty fact fields from the shipped facts of its domain (not saved);
    returns the names of the fields filled. A source whose facts cite anything is left alone."""
    known = shipped_facts().get(source.domain)
    if known is None or source.facts_citation:
        return []
    filled = [name for name in FACT_FIELDS if known[name] and not getattr(source, name)]
    for name in filled:
        setattr(source, name, known[name])
    return filled


def fill_shipped_facts() -> int:
    """Give every stored source of a known domain its shipped facts; returns how many changed."""
    changed = 0
    for source in Source.objects.filter(domain__in=list(shipped_facts()), facts_citation=""):
        filled = with_shipped_facts(source)
        if filled:
            source.save(update_fields=filled)
            changed += 1
    return changed
