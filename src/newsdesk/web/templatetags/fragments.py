"""Fragments of a page written once per process and interface language, then reused.

``{% load fragments %}{% kept %}…{% endkept %}`` renders its content the first time it is met in
the active language and keeps the text; ``{% kept value … %}`` keeps one text per value as well
(each value a short choice, such as a selected option: never an article or a reader). What a
kept fragment may show is what stays the same for the life of the process: translations,
addresses of routes and of static files (hashed names are read at start-up), constants. Nothing
of the request, the reader or the data goes inside, and no CSRF token: those stay around the
fragment. A new release or new translations come with a restart, which empties the kept texts; a
changed setting (tests change them) empties them too.

The site's masthead, footer, install banner and shortcut help cost about a millisecond of
template work on every page; kept, they cost a dictionary look-up.
"""

from __future__ import annotations

import weakref
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# Texts kept by one fragment at most: its language and value choices are few.
MOST_KEPT = 256


_NODES: weakref.WeakSet[KeptNode] = weakref.WeakSet()


class KeptNode(template.Node):
    # Not searched for blocks (``{% extends %}`` looks for them at every render): a kept fragment
    # holds none, as what a child template puts in a block varies by page.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, values: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.values = values
        self.kept: dict[tuple[str, ...], SafeString] = {}
        _NODES.add(self)

    def render(self, context: template.Context) -> str:
        key = (get_language() or "", *(str(v.resolve(context)) for v in self.values))
        found = self.kept.get(key)
        if found is None:
            found = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered template text
            if len(self.kept) < MOST_KEPT:
                self.kept[key] = found
        return found


@register.tag
def kept(parser: Parser, token: Token) -> Any:
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, values)


@receiver(setting_changed)
def _forget(**kwargs: Any) -> None:
    for node in list(_NODES):
        node.kept.clear()
