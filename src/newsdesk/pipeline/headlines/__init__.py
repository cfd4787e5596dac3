"""Honest headlines: is a headline clickbait? A small linear model shipped in the package.

``load_model().is_clickbait(title)`` answers for English headlines; ``judges(language)`` says
whether a headline in that language can be judged at all (the model learnt English only).
"""

from __future__ import annotations

from newsdesk.pipeline.headlines.classify import (
    HeadlineModel,
    HeadlineModelError,
    load_model,
    read_model,
    save_model,
)

__all__ = [
    "HeadlineModel",
    "HeadlineModelError",
    "judges",
    "load_model",
    "read_model",
    "save_model",
]


def judges(language: str) -> bool:
    """Whether a headline in ``language`` (a BCP 47 tag, "" when unknown) can be judged."""
    return not language or language.lower().split("-")[0] == "en"
