"""The edition picker of the site's footer: ``{% load editions %}{% edition_picker %}``."""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.desk.editions import EDITIONS

register = template.Library()


@register.inclusion_tag("web/_edition_picker.html")
def edition_picker() -> dict[str, Any]:
    return {"editions": EDITIONS}
