"""``{% source_mark source 24 %}``: a source's logo beside its name, or its monogram.

The logo is the stored image served from our origin (``web.logos``), 64 px for small marks and
128 px where the screen is dense enough to need it; a source without one gets a monogram, the
first letter or digit of its name on one of eight colours chosen from the name (the same name
always gets the same colour; every colour holds white text at 4.5:1 contrast or more). The mark
is decorative: the name is always written beside it, so it is hidden from screen readers, and
the letter is drawn by the stylesheet (``data-letter``), so it is not part of the link's text
when the name is copied or read by a script.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from newsdesk.sources.models import Source

register = template.Library()

COLOURS = 8
MARK_SIZES = (16, 20, 24, 32, 40)


@register.simple_tag
def source_mark(source: Source, size: int = 24) -> SafeString:
    where = (get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)
    return _mark(where, source.slug, source.name, source.logo_version, size)


@lru_cache(maxsize=1024)
def _mark(
    where: tuple[str, str | None, str], slug: str, name: str, logo_version: str, size: int
) -> SafeString:
    """The mark, kept under all it is written from (and the address its logo's route has): a
    source's mark is on every page that lists its articles."""
    size = min(MARK_SIZES, key=lambda known: abs(known - size))
    if logo_version:
        small = _logo_url(slug, logo_version, 64)
        large = _logo_url(slug, logo_version, 128)
        return format_html(
            '<img class="source-logo s{}" src="{}" srcset="{} 64w, {} 128w" sizes="{}px" '
            'width="{}" height="{}" alt="" decoding="async">',
            size, small, small, large, size, size, size,
        )  # fmt: skip
    return format_html(
        '<span class="source-mark s{} hue-{}" data-letter="{}" aria-hidden="true"></span>',
        size, hue(name), monogram(name),
    )  # fmt: skip


def logo_url(source: Source, size: int) -> str:
    return _logo_url(source.slug, source.logo_version, size)


def _logo_url(slug: str, logo_version: str, size: int) -> str:
    path = reverse("web:source-logo", args=[slug, size])
    return f"{path}?v={logo_version}"


def monogram(name: str) -> str:
    first = next((ch for ch in name if ch.isalnum()), "?")
    return first.upper()


def hue(name: str) -> int:
    digest = hashlib.blake2b(" ".join(name.split()).casefold().encode(), digest_size=2).digest()
    return int.from_bytes(digest, "big") % COLOURS
