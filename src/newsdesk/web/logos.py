"""The source logo route: ``/source/<slug>/logo.png`` (64 px) and ``logo-128.png``.

The images are the ones the logo job stored (``newsdesk.desk.logos``), served from our own origin
so no reader's browser contacts a publisher. Pages ask for ``?v=<version>``: that address never
changes its content, so it is cached for a year (``immutable``); without the version (or with an
old one) it is cached for a day. Either way the ETag answers a revalidation with 304.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from newsdesk.desk.logos import logo_image

VERSIONED = "public, max-age=31536000, immutable"
UNVERSIONED = "public, max-age=86400"


@require_safe
def source_logo(request: HttpRequest, slug: str, size: int = 64) -> HttpResponseBase:
    image = logo_image(slug, size)
    if image is None:
        raise Http404("No logo for this source")
    etag = f'"{image.etag}"'
    cache_control = VERSIONED if request.GET.get("v") == image.etag else UNVERSIONED
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(image.content, content_type="image/png")
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response
