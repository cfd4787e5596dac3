"""Django's ``truncatechars`` filter, without its walk over every character for the usual text.

Used by the Jinja2 templates (``web.cards``), the ``excerpt`` filter and the views that write an
excerpt once for several places of a page; it imports nothing of the web app, so views can use it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.template import defaultfilters
from django.utils.safestring import SafeData
from django.utils.text import add_truncation_text, calculate_truncate_chars_length


def truncatechars(value: Any, length: int) -> str:
    """Django's ``truncatechars``, without its walk over every character for the usual text:
    ASCII has no combining characters to skip, and short normalised text is never cut."""
    if not isinstance(value, str) or isinstance(value, SafeData):
        return str(defaultfilters.truncatechars(value, length))
    if len(value) <= length and unicodedata.is_normalized("NFC", value):
        return value
    if value.isascii():
        return str(add_truncation_text(value[: calculate_truncate_chars_length(length, None)]))
    return str(defaultfilters.truncatechars(value, length))
