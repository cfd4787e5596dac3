"""The WebSub callback, /websub/<key>/: a hub's intent verification (GET) and its content
distributions (POST) for one subscription (decision 62); and the site's own hub, /websub/hub,
where subscribers of the site's feeds ask to (un)subscribe (decision 69).

The address is public, but it answers only the subscription it names: a verification is echoed
only for a request newsdesk sent; a push is taken only for a live subscription, its own topic,
and a body signed with the subscription's secret. A push too large is refused before it is read.
Everything refused is answered with an error status and a log line (``newsdesk.websub``).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

logger = logging.getLogger("newsdesk.websub")

# The answer to each verdict of ``desk.websub.take_push``.
STATUS = {
    "accepted": 202,
    "unknown": 404,
    "wrong_topic": 404,
    "unsigned": 403,
    "bad_signature": 403,
}


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest, key: str) -> HttpResponse:
    from newsdesk.desk import websub  # the feed pipeline, loaded by the first hub's call
    from newsdesk.pipeline.feeds.websub import SIGNATURE_HEADER

    now = timezone.now()
    if request.method == "GET":
        challenge = websub.verify_intent(key, request.GET, now)
        if challenge is None:
            return HttpResponse(status=404)
        return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > websub.MAX_PUSH_BYTES:
        logger.warning(
            "websub: push of %s bytes refused (limit %d)", declared, websub.MAX_PUSH_BYTES
        )
        return HttpResponse(status=413)
    body = request.read(websub.MAX_PUSH_BYTES + 1)
    if len(body) > websub.MAX_PUSH_BYTES:
        logger.warning("websub: push over %d bytes refused", websub.MAX_PUSH_BYTES)
        return HttpResponse(status=413)
    verdict = websub.take_push(
        key,
        body,
        request.headers.get("Content-Type", ""),
        request.headers.get(SIGNATURE_HEADER, ""),
        request.headers.get("Link", ""),
        now,
    )
    return HttpResponse(status=STATUS[str(verdict)])


@csrf_exempt
@never_cache
@require_http_methods(["POST"])
def hub(request: HttpRequest) -> HttpResponse:
    """A subscription request: 202 when kept for verification, 400 with the reason otherwise.
    The verification and every delivery are jobs (``desk.websub_hub``)."""
    from newsdesk.desk import websub_hub

    if not websub_hub.hub_url():
        return HttpResponse("This site runs no hub.", status=404, content_type="text/plain")
    try:
        websub_hub.ask(request.POST, timezone.now())
    except websub_hub.HubRequestError as e:
        return HttpResponse(str(e), status=400, content_type="text/plain; charset=utf-8")
    return HttpResponse(status=202)
