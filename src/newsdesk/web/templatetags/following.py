"""Follow and mute buttons for the source and story pages.

A button shows the reader's own state, so a page carrying one must not be kept in the shared
page cache for a signed-in reader: after following, the page they come back to has to say so.
The tag tells Django's cache middleware not to store that response (anonymous visitors, who get a
plain sign-in link, are cached as before).
"""

from __future__ import annotations

from typing import Any

from django import template

from newsdesk.web.following import follow_state, mute_state

register = template.Library()


def _not_shared(context: template.Context) -> tuple[Any, str]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is not None and user is not None and user.is_authenticated:
        request._cache_update_cache = False  # read by django.middleware.cache
    return user, request.get_full_path() if request is not None else "/"


@register.inclusion_tag("web/_follow_button.html", takes_context=True)
def follow_button(context: template.Context, kind: str, value: object) -> dict[str, Any]:
    user, here = _not_shared(context)
    state = follow_state(user, kind, str(value)) if user is not None else {"signed_in": False}
    return {**state, "kind": kind, "value": str(value), "next": here, "request": context["request"]}


@register.inclusion_tag("web/_mute_button.html", takes_context=True)
def mute_button(context: template.Context, slug: str) -> dict[str, Any]:
    user, here = _not_shared(context)
    state = mute_state(user, slug) if user is not None else {"signed_in": False}
    return {**state, "slug": slug, "next": here, "request": context["request"]}
