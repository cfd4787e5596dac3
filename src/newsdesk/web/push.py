"""The reader's notifications page under /me/notifications/: push notifications on this browser
(a button that asks the browser's permission and subscribes it), which kinds to be told of,
quiet hours, the daily cap, the browsers subscribed and the last notifications.

``static/web/push.js`` subscribes the browser with the site's public key (``data-push-key`` on
the page) and POSTs the subscription as JSON to /me/notifications/subscribe/ (with the CSRF
token in ``X-CSRFToken``); turning it off POSTs the endpoint to .../unsubscribe/. The settings
form works without JavaScript.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.desk.readers import push
from newsdesk.desk.readers.digest_plans import zone_of
from newsdesk.desk.readers.push_deliveries import released_today
from newsdesk.pipeline.push import Subscription

HOURS = [(hour, f"{hour:02d}:00") for hour in range(24)]
MAX_BODY = 8192


class PushSettingsForm(forms.Form):
    stories = forms.BooleanField(
        label=gettext_lazy("Stories you follow: new sources and big updates"), required=False
    )
    topics = forms.BooleanField(
        label=gettext_lazy("New stories on topics you follow"), required=False
    )
    places = forms.BooleanField(
        label=gettext_lazy("New stories from places you follow"), required=False
    )
    rules = forms.BooleanField(label=gettext_lazy("Articles your rules pick out"), required=False)
    quiet_start = forms.TypedChoiceField(
        label=gettext_lazy("Quiet from"), coerce=int, choices=HOURS
    )
    quiet_end = forms.TypedChoiceField(
        label=gettext_lazy("Quiet until"),
        coerce=int,
        choices=HOURS,
        help_text=gettext_lazy(
            "In your time zone. Notifications wait until the quiet hours end; the same hour "
            "twice means no quiet hours."
        ),
    )
    daily_cap = forms.IntegerField(
        label=gettext_lazy("At most a day"),
        min_value=0,
        max_value=push.MAX_CAP,
        help_text=gettext_lazy("Beyond it, notifications are not sent until the next day."),
    )


def _page(request: HttpRequest, form: PushSettingsForm | None = None) -> HttpResponse:
    user = request.user
    now = timezone.now()
    row = push.settings_of(user, now)  # type: ignore[arg-type]
    initial = {
        "stories": row.stories,
        "topics": row.topics,
        "places": row.places,
        "rules": row.rules,
        "quiet_start": row.quiet_start,
        "quiet_end": row.quiet_end,
        "daily_cap": row.daily_cap,
    }
    context: dict[str, Any] = {
        "push_form": form or PushSettingsForm(initial=initial),
        "push_key": push.site_keys(now).public_key,
        "push_browsers": push.subscriptions_of(user),  # type: ignore[arg-type]
        "push_notices": push.recent_notices(user),  # type: ignore[arg-type]
        "push_today": released_today(user, now),  # type: ignore[arg-type]
        "push_settings": row,
        "push_zone": zone_of(user),  # type: ignore[arg-type]
    }
    return render(request, "web/notifications.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = PushSettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    choice = push.SettingsChoice(**form.cleaned_data)
    try:
        push.save_settings(request.user, choice, timezone.now())  # type: ignore[arg-type]
    except push.PushSettingsError as e:
        form.add_error(None, str(e))
        return _page(request, form)
    messages.success(request, gettext("Your notification settings are saved."))
    return HttpResponseRedirect(reverse("web:notifications"))


@never_cache
@login_required
@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    data = _json(request)
    given = data.get("keys")
    keys: dict[str, Any] = given if isinstance(given, dict) else {}
    endpoint, p256dh, auth = data.get("endpoint"), keys.get("p256dh"), keys.get("auth")
    if not all(isinstance(value, str) and value for value in (endpoint, p256dh, auth)):
        return JsonResponse({"error": gettext("The subscription is incomplete.")}, status=400)
    subscription = Subscription(str(endpoint), str(p256dh), str(auth))
    device = request.headers.get("User-Agent", "")
    try:
        row = push.subscribe(request.user, subscription, timezone.now(), device=_device(device))  # type: ignore[arg-type]
    except push.PushSettingsError as e:
        return JsonResponse({"error": str(e)}, status=400)
    return JsonResponse({"subscribed": True, "id": row.pk}, status=201)


@never_cache
@login_required
@require_POST
def unsubscribe(request: HttpRequest) -> HttpResponse:
    endpoint = _json(request).get("endpoint")
    if not isinstance(endpoint, str) or not endpoint:
        return JsonResponse({"error": gettext("The subscription is incomplete.")}, status=400)
    removed = push.unsubscribe(request.user, endpoint)  # type: ignore[arg-type]
    return JsonResponse({"unsubscribed": removed})


def _json(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON object (``PushSubscription.toJSON()``), or its form fields
    (``endpoint``, ``p256dh``, ``auth``) put in the same shape."""
    if request.content_type != "application/json":
        form = request.POST
        keys = {"p256dh": form.get("p256dh", ""), "auth": form.get("auth", "")}
        return {"endpoint": form.get("endpoint", ""), "keys": keys}
    if len(request.body) > MAX_BODY:
        return {}
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _device(agent: str) -> str:
    """A short name of the browser and system from its User-Agent, as a reader would say it."""
    browser = next((name for key, name in BROWSERS if key in agent), gettext("A browser"))
    system = next((name for key, name in SYSTEMS if key in agent), "")
    return f"{browser} · {system}" if system else browser


BROWSERS = (
    ("Edg/", "Edge"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Safari/", "Safari"),
)
SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)
