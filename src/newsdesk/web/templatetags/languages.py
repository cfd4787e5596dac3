"""Template filters for text direction: ``{{ article.language|direction }}`` is "rtl" or "ltr",
``<h2{% text_lang article.language %}>`` gives a title its own ``lang`` and ``dir``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from newsdesk.pipeline.lang import primary_subtag, text_direction

register = template.Library()
_NOTHING = mark_safe("")


@register.filter
def direction(code: str | None) -> str:
    return text_direction(code)


@register.filter
def language_tag(code: str | None) -> str:
    """The primary subtag of a language code, for ``lang`` attributes ("" when unknown)."""
    return primary_subtag(code)


@register.simple_tag
def text_lang(code: str | None) -> SafeString:
    """``lang`` and ``dir`` attributes for a text in ``code`` when it is not the page's language.

    Titles, names and bodies keep their own direction inside an interface that runs the other
    way: an English headline stays left to right in the Arabic interface. A text in the page's
    own language needs nothing, and neither does one in an unknown language: the stylesheet lets
    titles and excerpts take their direction from their first letters (``unicode-bidi:
    plaintext``).
    """
    primary = primary_subtag(code)
    if not primary or primary == primary_subtag(get_language()):
        return _NOTHING
    return format_html(' lang="{}" dir="{}"', primary, text_direction(primary))
