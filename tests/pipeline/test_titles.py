"""The publisher's name is taken off headlines, and nothing else is."""

from __future__ import annotations

import pytest

from newsdesk.pipeline.normalize.titles import strip_publisher

NAMES = ["Harbour Post", "harbourpost.co.uk"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ferry fares frozen | Harbour Post", "Ferry fares frozen"),
        ("Ferry fares frozen - The Harbour Post", "Ferry fares frozen"),
        ("Ferry fares frozen – HARBOUR POST", "Ferry fares frozen"),
        ("Harbour Post: Ferry fares frozen", "Ferry fares frozen"),
        ("Ferry fares frozen — harbourpost.co.uk", "Ferry fares frozen"),
        ("Ferry fares frozen | Politics | Harbour Post", "Ferry fares frozen | Politics"),
        ("Ferry fares frozen · HarbourPost", "Ferry fares frozen"),
        # Not the publisher, or not a separator: kept.
        ("Ferry fares frozen | Politics", "Ferry fares frozen | Politics"),
        ("COVID-19 cases fall in Harbour Post area", "COVID-19 cases fall in Harbour Post area"),
        ("Harbour Post-war housing plan", "Harbour Post-war housing plan"),
        # Too little would be left.
        ("Harbour Post", "Harbour Post"),
        ("Live | Harbour Post", "Live | Harbour Post"),
        ("", ""),
    ],
)
def test_strip_publisher(title: str, expected: str) -> None:
    assert strip_publisher(title, NAMES) == expected


def test_accents_and_unknown_names() -> None:
    assert strip_publisher("Grève des ferries | Le Télégramme", ["Le Telegramme"]) == (
        "Grève des ferries"
    )
    assert strip_publisher("Ferry fares frozen | Harbour Post", []) == (
        "Ferry fares frozen | Harbour Post"
    )
