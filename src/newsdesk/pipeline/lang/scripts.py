"""Which way a language's text runs, from its code: one list for the pages and the AI panel."""

from __future__ import annotations

# Languages written right to left, by their primary subtag (ISO 639-1 where there is one).
RIGHT_TO_LEFT = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"}
)


def primary_subtag(code: str | None) -> str:
    """The language of a code without its region or script: "pt-BR" is "pt" ("" for none)."""
    return (code or "").strip().replace("_", "-").split("-")[0].lower()


def text_direction(code: str | None) -> str:
    """The direction of a language: rtl when written right to left, ltr otherwise, "" unknown."""
    primary = primary_subtag(code)
    if not primary:
        return ""
    return "rtl" if primary in RIGHT_TO_LEFT else "ltr"
