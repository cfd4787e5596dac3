"""``{% article_card %}``: the card of ``article`` in the including template's context, rendered
by Jinja2 (``newsdesk.web.cards``); ``{% article_cards articles media_layout="compact" %}``: the
cards of a list in one Jinja2 call, the same markup as including ``web/_card.html`` for each;
``{% coverage_groups groups "story" %}``: a story's articles by source (``web/_coverage.html``,
Jinja2 too: on an article page it was the dearest part of the template);
``{% article_header %}``, ``{% ai_panel %}`` and ``{% article_coverage %}``: parts of the article
page in Jinja2 too (the header with its dates, the AI panel's forms, the coverage section);
``{{ text|excerpt:200 }}``: Django's ``truncatechars``, without its walk over every character
for the usual text (``cards._truncatechars``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Engine
from django.utils.safestring import SafeString, mark_safe

from newsdesk.web import cards

register = template.Library()

CARD_VALUES = ("article", "heading", "media_layout", "image_first")


@register.simple_tag(takes_context=True)
def article_card(context: template.Context) -> SafeString:
    values: dict[str, Any] = {name: context.get(name) for name in CARD_VALUES}
    return cards.card(values)


@register.simple_tag
def article_cards(articles: list[Any], media_layout: str = "card") -> SafeString:
    return mark_safe(  # noqa: S308 - cards are escaped as they are written
        "".join(cards.card({"article": a, "media_layout": media_layout}) for a in articles)
    )


@register.simple_tag
def coverage_groups(groups: list[Any], prefix: str) -> SafeString:
    return cards.render("web/_coverage.html", {"groups": groups, "prefix": prefix})


@register.simple_tag(takes_context=True)
def article_header(context: template.Context) -> SafeString:
    return cards.render(
        "web/_article_header.html", {"article": context["article"], "via": context.get("via")}
    )


@register.simple_tag(takes_context=True)
def article_coverage(context: template.Context) -> SafeString:
    return cards.render("web/_article_coverage.html", {"coverage": context["coverage"]})


AI_PANEL_VALUES = (
    "article",
    "ai_allowed",
    "question",
    "translation",
    "languages",
    "translation_language",
)


@register.simple_tag(takes_context=True)
def ai_panel(context: template.Context) -> SafeString:
    """The AI panel; a result shown with the page (``?ai=``) stays a Django template."""
    values: dict[str, Any] = {name: context.get(name) for name in AI_PANEL_VALUES}
    result = ""
    if context.get("translated"):
        result = "web/_translation.html"
    elif context.get("shown") or context.get("refused"):
        result = "web/_ai_result.html"
    output = Engine.get_default().get_template(result).render(context) if result else ""
    values["output"] = mark_safe(output)  # noqa: S308 - a rendered template
    return cards.render("web/_ai_panel.html", values)


@register.filter
def excerpt(value: Any, length: int) -> str:
    return cards._truncatechars(value, int(length))
