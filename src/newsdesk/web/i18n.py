"""The interface's languages: which way a text runs, and the page cache's view of the language.

The interface speaks English, German and Arabic (``LANGUAGES`` in the settings, docs/i18n.md).
Django's ``LocaleMiddleware`` picks the language from the language cookie, then from the
browser's ``Accept-Language``; the page cache keeps one copy per language. Because the cookie
chooses the language, every page also varies on ``Cookie`` for the caches outside the server
(the browser's own, a proxy): a reader who switches language must not get the other language's
copy back from them.

Articles keep their own language: an English article inside the Arabic interface runs left to
right, an Arabic one inside the English interface right to left (``text_direction`` in
``newsdesk.pipeline.lang``, used by the ``languages`` template tags).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


class VaryOnLanguageCookieMiddleware:
    """Adds ``Vary: Cookie`` to every response, since the language cookie can change any page.

    ``LocaleMiddleware`` adds ``Vary: Accept-Language`` itself; Django's page cache also keys
    each entry by the active language, so the server never mixes languages either way.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response
