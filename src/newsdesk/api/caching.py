"""How long API answers may be kept, by browsers and by the site's page cache (decision 13).

- ``public``: the same for everyone (stories, articles, sources): ``public, max-age=30``. The page
  cache may then serve a stored answer to anyone, a token-bearing app included, because the data
  does not depend on who asks.
- ``private``: anything about the caller, or that changes while polled: never stored anywhere.

A route whose answer depends on who asks but is public otherwise (a source's feed health shows
for staff) calls ``vary_by_caller`` on its response instead.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.cache import cache_control, never_cache
from ninja.decorators import decorate_view

PUBLIC_SECONDS = 30

public = decorate_view(cache_control(public=True, max_age=PUBLIC_SECONDS))
private = decorate_view(never_cache)


def vary_by_caller(request: HttpRequest, response: HttpResponse, personal: bool) -> None:
    """Keep an answer made for one caller to that caller; let others share the public one."""
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if personal:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_SECONDS)
