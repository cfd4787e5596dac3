"""Filters for the article page's player: a length in seconds as a clock, a file's size."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def clock(seconds: float | None) -> str:
    """3723 -> "1:02:03", 754 -> "12:34"; "" for no length."""
    if not seconds or seconds < 0:
        return ""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def file_kind(media_type: str) -> str:
    """The part of a media type a reader knows: "audio/mpeg" -> "MPEG", "video/mp4" -> "MP4"."""
    return media_type.split("/", 1)[-1].split(";", 1)[0].upper()
