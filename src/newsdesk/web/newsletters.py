"""The reader's newsletters (decision 67): the address block of the profile page, rotating the
address, and /me/newsletters/, the issues delivered to it. Private: only the reader sees them,
and none of these pages is ever cached. Delivery itself is ``newsdesk mail``'s."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from newsdesk.desk import newsletters
from newsdesk.desk.readers.rules import screen_articles

# Issues the page lists (the newest); older ones are in the reader's feed-reader apps.
PAGE_ISSUES = 50


def address_context(request: HttpRequest) -> dict[str, Any]:
    """What the profile page's newsletter block shows."""
    address = newsletters.reader_address(request.user)  # type: ignore[arg-type]
    return {
        "newsletter_address": newsletters.full_address(address),
        "newsletter_received": address.received,
        "newsletter_last": address.last_received_at,
    }


@require_safe
@never_cache
@login_required
def newsletters_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        **address_context(request),
        "sources": newsletters.newsletter_sources(user),  # type: ignore[arg-type]
        # The reader's rules apply here as on every list they read.
        "issues": screen_articles(
            user,
            list(newsletters.newsletter_articles(user)[:PAGE_ISSUES]),  # type: ignore[arg-type]
        ),
    }
    return render(request, "web/newsletters.html", context)


@never_cache
@login_required
@require_POST
def rotate_address(request: HttpRequest) -> HttpResponse:
    address = newsletters.reader_address(request.user)  # type: ignore[arg-type]
    newsletters.rotate(address, timezone.now())
    messages.success(
        request,
        gettext("Your newsletter address is new. Mail to the old one is refused from now on."),
    )
    back = request.POST.get("next") == "newsletters"
    return HttpResponseRedirect(
        reverse("web:newsletters") if back else reverse("web:profile") + "#newsletters"
    )
