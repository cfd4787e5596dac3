"""The reader's webhooks page under /me/webhooks/: their hooks (and, for an operator, the
site-wide ones) with state and last deliveries, a form to add one, and buttons to send a test,
resume a paused hook or delete one.

A new hook's secret is shown once, in the answer to the form that made it (not after a
redirect, so it never sits in the session). Nothing here sends a request to the hook: a test
ping is queued and a job sends it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.desk.readers import webhooks
from newsdesk.desk.readers.webhook_deliveries import PAUSE_AFTER


class WebhookForm(forms.Form):
    url = forms.CharField(
        label=gettext_lazy("Address (URL)"),
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://example.org/hooks/newsdesk"}),
        help_text=gettext_lazy("newsdesk POSTs signed JSON to it for each new story you follow."),
    )
    site_wide = forms.BooleanField(
        label=gettext_lazy("Site-wide: every new story (operators)"), required=False
    )


def _page(request: HttpRequest, form: WebhookForm | None = None, **extra: Any) -> HttpResponse:
    user = request.user
    context = {
        "hooks": webhooks.hooks_of(user),  # type: ignore[arg-type]
        "form": form or WebhookForm(),
        "operator": user.is_staff,
        "pause_after": PAUSE_AFTER,
        **extra,
    }
    return render(request, "web/webhooks.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def webhook_list(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = WebhookForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    try:
        hook, secret = webhooks.register(
            request.user,  # type: ignore[arg-type]
            form.cleaned_data["url"],
            timezone.now(),
            site_wide=form.cleaned_data["site_wide"],
        )
    except webhooks.WebhookError as e:
        form.add_error("url", str(e))
        return _page(request, form)
    return _page(request, new_hook=hook, new_secret=secret)


@never_cache
@login_required
@require_POST
def webhook_delete(request: HttpRequest, hook_id: int) -> HttpResponse:
    _act(request, hook_id, lambda: webhooks.delete(request.user, hook_id))  # type: ignore[arg-type]
    messages.success(request, gettext("The webhook is deleted."))
    return _back()


@never_cache
@login_required
@require_POST
def webhook_resume(request: HttpRequest, hook_id: int) -> HttpResponse:
    _act(request, hook_id, lambda: webhooks.resume(request.user, hook_id, timezone.now()))  # type: ignore[arg-type]
    messages.success(request, gettext("The webhook is on again."))
    return _back()


@never_cache
@login_required
@require_POST
def webhook_test(request: HttpRequest, hook_id: int) -> HttpResponse:
    _act(request, hook_id, lambda: webhooks.send_test(request.user, hook_id, timezone.now()))  # type: ignore[arg-type]
    messages.success(request, gettext("A test ping is on its way; reload to see how it went."))
    return _back()


def _act(request: HttpRequest, hook_id: int, action: Any) -> None:
    try:
        action()
    except webhooks.WebhookError as e:
        raise Http404("No such webhook") from e


def _back() -> HttpResponse:
    return HttpResponseRedirect(reverse("web:webhooks"))
