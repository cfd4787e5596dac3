"""``{% article_card %}``: the card of ``article`` in the including template's context, rendered
by Jinja2 (``newsdesk.web.cards``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from newsdesk.web import cards

register = template.Library()

CARD_VALUES = ("article", "heading", "media_layout", "image_first")


@register.simple_tag(takes_context=True)
def article_card(context: template.Context) -> SafeString:
    values: dict[str, Any] = {name: context.get(name) for name in CARD_VALUES}
    return cards.render("web/_card.html", values)
