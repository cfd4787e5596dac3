"""Answers kept for everyone: a list route's public answer stored whole, keyed by its address and
the story list's version (decision 55).

``shared_answer(public)`` wraps a paged route (between ``@router.get`` and ``@paginate``). When
``public(request, **inputs)`` says the answer is the same for every caller, the answer is looked
up in the site's cache (Django's ``default``: this process's memory, or Redis when configured)
under the story list's version (``desk.stories.list_version``), the site-wide rules' number (a
public answer is what they let through) and the request's absolute address (scheme, host, path
and query: the answer's links are built from them). A miss computes the page
as before and writes it out once with ninja's own JSON renderer, without ninja validating the
cards again (they are built as plain data in the schema's order; the tests hold the bytes equal
to ninja's). A stored answer lives at most ``PUBLIC_SECONDS``, as long as any client may keep it.

An answer that is the caller's own (a reader's languages, or any other personal narrowing) is not
public: it is computed for that caller through ninja as before, never stored, and says
``private``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from ninja.renderers import JSONRenderer

from newsdesk.api.caching import PUBLIC_SECONDS, vary_by_caller
from newsdesk.desk.stories.list_version import Numbers, numbers

Public = Callable[..., bool]

_renderer = JSONRenderer()
_CONTENT_TYPE = f"{_renderer.media_type}; charset={_renderer.charset}"


def shared_answer(public: Public, fields: tuple[str, ...]) -> Callable[[Any], Any]:
    """Keep the route's public answers (a paged result whose keys, in the answer's order, are
    ``fields``) for everyone; compute personal ones every time."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def answer(request: HttpRequest, **inputs: Any) -> Any:
            if not public(request, **inputs):
                return view(request, **inputs)
            # The numbers first, then the data, once a request (the rules' screen of an
            # anonymous caller may have read them already).
            key = _key(request, numbers(request.user))
            body = cache.get(key)
            if body is None:
                page = view(request, **inputs)
                data = {name: page[name] for name in fields}
                body = _renderer.render(request, data, response_status=200)
                cache.set(key, body, PUBLIC_SECONDS)
            response = HttpResponse(body, content_type=_CONTENT_TYPE)
            vary_by_caller(request, response, personal=False)
            return response

        return answer

    return decorate


def _key(request: HttpRequest, version: Numbers) -> str:
    """The answer's key: the story list's number, the site-wide rules' (a public answer is
    screened by them, decision 65), and the address."""
    address = request.build_absolute_uri().encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(address, digest_size=16).hexdigest()
    return f"answer:{version.story_list}.{version.site_rules}:{digest}"
