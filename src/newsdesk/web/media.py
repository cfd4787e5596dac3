"""The media route: ``/media/<signature>/<sha256>.<ext>``, the site's own copies of lead images.

Answered by a middleware placed just after WhiteNoise, as static files are: the security headers
(Content-Security-Policy, ``X-Content-Type-Options: nosniff``) are set above it, and nothing
below it runs (no session, no language negotiation, no gzip of an already compressed image, no
page cache holding images in memory).

Only files ``desk.media`` made are served: the signature must be the site's HMAC of the file
name, checked before the disk is touched; the file's name is the SHA-256 of its bytes, so the
address never changes meaning and is cached for a year (``immutable``), with the hash as a strong
ETag for clients that ask again. The Content-Type comes from our own extension (WebP or JPEG),
never from anything a publisher sent. The route never fetches: an image not kept yet is not
linked by any page (pages show the placeholder), so a miss is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from newsdesk.desk.media import CONTENT_TYPES, MEDIA_PREFIX, file_path, is_signed

MEDIA_PATH = re.compile(r"^/media/(?P<sig>[0-9a-f]{32})/(?P<name>[0-9a-f]{64}\.(?:webp|jpg))$")
CACHE_FOREVER = "public, max-age=31536000, immutable"
# A miss may be a file on its way (another machine's worker): asked again soon, not cached.
CACHE_MISS = "no-cache"


class MediaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith(MEDIA_PREFIX):
            return serve_media(request)
        return self.get_response(request)


def serve_media(request: HttpRequest) -> HttpResponseBase:
    """One kept file, a 304 when the client holds it already, or a 404."""
    if request.method not in ("GET", "HEAD"):
        refused = HttpResponse(status=405)
        refused["Allow"] = "GET, HEAD"
        return refused
    match = MEDIA_PATH.match(request.path_info)
    if match is None or not is_signed(match["sig"], match["name"]):
        return _not_found()
    name = match["name"]
    etag = f'"{name.split(".")[0]}"'
    if _holds(request.headers.get("If-None-Match", ""), etag):
        return _with_cache_headers(HttpResponse(status=304), etag)
    try:
        handle = file_path(name).open("rb")
    except FileNotFoundError:
        return _not_found()
    # For HEAD the server sends the headers only (Django's and the WSGI servers' own rule).
    media_type = CONTENT_TYPES[name.rsplit(".", 1)[1]]
    return _with_cache_headers(FileResponse(handle, content_type=media_type), etag)


def _holds(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match value names ``etag`` (weak comparison, as RFC 9110 asks)."""
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in tags or "*" in tags


def _with_cache_headers(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_FOREVER
    response["X-Content-Type-Options"] = "nosniff"
    # Other sites' pages may not embed the copies (link previews fetch them server-side).
    response["Cross-Origin-Resource-Policy"] = "same-site"
    return response


def _not_found() -> HttpResponse:
    response = HttpResponse(b"No such image.", status=404, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = CACHE_MISS
    response["X-Content-Type-Options"] = "nosniff"
    return response
