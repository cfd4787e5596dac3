"""``{% article_card %}``: the card of ``article`` in the including template's context, rendered
by Jinja2 (``newsdesk.web.cards``); ``{% article_cards articles media_layout="compact" %}``: the
cards of a list in one Jinja2 call, the same markup as including ``web/_card.html`` for each;
``{% coverage_groups groups "story" %}``: a story's articles by source (``web/_coverage.html``,
Jinja2 too: on an article page it was the dearest part of the template);
``{% article_header %}``, ``{% ai_panel %}`` and ``{% article_coverage %}``: parts of the article
page in Jinja2 too (the header with its dates, the AI panel's forms, the coverage section), and
``{% article_head %}`` and ``{% article_main %}``: its ``<head>`` tags (canonical address, Open
Graph, JSON-LD) and its ``<article>`` (header, lead image, player, body, attribution), with the
lead image the view looked up once; ``{% comments_thread %}``: the comment section
(``web/_comments.html`` is only this tag) with its entries (``web/_comment.html``, Jinja2);
``{{ text|excerpt:200 }}``: Django's ``truncatechars``, without its walk over every character
for the usual text (``web.excerpts``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template import Engine
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from newsdesk.web import cards
from newsdesk.web.excerpts import truncatechars
from newsdesk.web.templatetags.media import SIZES

register = template.Library()

CARD_VALUES = ("article", "heading", "media_layout", "image_first")


@register.simple_tag(takes_context=True)
def article_card(context: template.Context) -> SafeString:
    values: dict[str, Any] = {name: context.get(name) for name in CARD_VALUES}
    return cards.card(values)


@register.simple_tag
def article_cards(articles: list[Any], media_layout: str = "card") -> SafeString:
    here = cards._here()  # once for the list
    return mark_safe(  # noqa: S308 - cards are escaped as they are written
        "".join(cards.card({"article": a, "media_layout": media_layout}, here) for a in articles)
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
def article_head(context: template.Context) -> SafeString:
    """The article page's ``<head>`` tags: canonical address, Open Graph, Twitter, JSON-LD."""
    article, lead, request = context["article"], context.get("lead"), context.get("request")
    address = ""
    if lead is not None:
        address = (
            lead.share_path if request is None else request.build_absolute_uri(lead.share_path)
        )
    values = {
        "article": article,
        "player": context.get("player"),
        "canonical": context.get("canonical"),
        "lead": lead,
        "lead_address": address,
        "description": context.get("page_description", ""),
        "json_ld_data": context.get("json_ld"),
    }
    return cards.render("web/_article_head.html", values)


ARTICLE_VALUES = ("article", "via", "lead", "player", "body")


@register.simple_tag(takes_context=True)
def article_main(context: template.Context) -> SafeString:
    """The ``<article>``: header, lead image, the episode's player (a Django template, rendered
    with the page's context), body and attribution."""
    values: dict[str, Any] = {name: context.get(name) for name in ARTICLE_VALUES}
    player = ""
    if values["player"]:
        player = Engine.get_default().get_template("web/_player.html").render(context)
    values["player_html"] = mark_safe(player)  # noqa: S308 - a rendered template
    values["lead_sizes"] = SIZES["lead"]
    return cards.render("web/_article.html", values)


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
    return truncatechars(value, int(length))


COMMENT_VALUES = (
    "messages",
    "messages_shown_above",
    "error",
    "notice",
    "thread",
    "page_url",
    "max_length",
    "draft",
)


@register.simple_tag(takes_context=True)
def comments_thread(context: template.Context) -> SafeString:
    """The comment section of a page or the thread fragment: a value the context lacks is "",
    as a Django template writes it. The entries and their replies are one recursive loop of the
    Jinja2 ``web/_comment.html``, included once by the thread; the CSRF input is the token the
    page's context holds (one token for the page, which each ``{% csrf_token %}`` wrote)."""
    values: dict[str, Any] = {name: context.get(name, "") for name in COMMENT_VALUES}
    values["csrf_input"] = _CsrfInput(context)
    return cards.render("web/_comments_thread.html", values)


class _CsrfInput:
    """Django's ``{% csrf_token %}`` written where the template writes it, and only then: the
    token is made (and its cookie set) by the first form shown, as the tag did, and each form
    writes the same input, as each tag wrote the context's one token."""

    def __init__(self, context: template.Context) -> None:
        self._context = context
        self._text: SafeString | None = None

    def __html__(self) -> SafeString:
        if self._text is None:
            self._text = SafeString(CsrfTokenNode().render(self._context))
        return self._text
