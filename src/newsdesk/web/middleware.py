"""Security headers for every response: a strict Content-Security-Policy.

No inline script runs (``script-src 'self'``: all JavaScript is in static files). Every image
is the site's own: lead images and those inside article bodies are kept copies (``/media/``,
decisions 36 and 40), logos are stored and served by us (``/source/<slug>/logo-…``, decision 35),
icons are static files; ``data:`` is for the stylesheet's and the API docs' inline pictures. So
no page makes a reader's browser contact a publisher, with one exception: the page of an
episode plays its sound or video from the publisher's server (decision 68), so its policy adds
``media-src`` for that one origin (:func:`policy_with_media`), and the player loads nothing
before the reader presses play. Django's SecurityMiddleware adds X-Content-Type-Options and
Referrer-Policy (see the settings).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def policy_with_media(origins: list[str]) -> str:
    """The site's policy with audio and video also allowed from ``origins`` (scheme and host,
    as ``https://cdn.example``; never a wildcard)."""
    allowed = " ".join(origin for origin in origins if origin and "*" not in origin)
    return f"{CONTENT_SECURITY_POLICY}; media-src 'self' {allowed}".rstrip()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
