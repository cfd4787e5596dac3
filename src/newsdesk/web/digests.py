"""E-mail digest pages: the digest settings on /me/ (saved at /me/digest/), a preview of the
reader's digest as the mail would show it, and the unsubscribe address every digest names.

The unsubscribe address carries a signed token (``desk.readers.digest_plans``): a GET shows a
confirmation page with one button, a POST turns the digest off without signing in. Mail clients
POST ``List-Unsubscribe=One-Click`` to it (RFC 8058) with no cookie, so it takes no CSRF token;
the token in the address is what makes the request the reader's. The preview is the mail's own
HTML, its links on the page's own origin, served with a policy that allows its inline styles
and nothing that runs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from newsdesk.desk.readers import digest_plans, digests
from newsdesk.readers.digests import DigestFrequency

PREVIEW_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class DigestForm(forms.Form):
    frequency = forms.ChoiceField(label=gettext_lazy("How often"), choices=DigestFrequency.choices)
    hour = forms.TypedChoiceField(
        label=gettext_lazy("Time"),
        coerce=int,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=gettext_lazy("In your time zone, set above."),
    )
    weekday = forms.TypedChoiceField(
        label=gettext_lazy("On (weekly digests)"),
        coerce=int,
        choices=sorted(WEEKDAYS.items()),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mail"),
        choices=[(code, name) for code, name in settings.LANGUAGES],
    )


def digest_context(request: HttpRequest, form: DigestForm | None = None) -> dict[str, Any]:
    """What the profile page's digest section shows."""
    plan = digest_plans.plan_of(request.user)  # type: ignore[arg-type]
    initial = {
        "frequency": plan.frequency,
        "hour": plan.hour,
        "weekday": plan.weekday,
        "language": plan.language,
    }
    return {
        "digest_form": form or DigestForm(initial=initial),
        "digest_plan": plan,
        "digest_email": request.user.email,  # type: ignore[union-attr]
        "digest_zone": digest_plans.zone_of(request.user),  # type: ignore[arg-type]
    }


@never_cache
@login_required
@require_POST
def save_digest(request: HttpRequest) -> HttpResponse:
    from newsdesk.web.accounts import render_profile

    form = DigestForm(request.POST)
    if not form.is_valid():
        return render_profile(request, digest_form=form)
    choice = digest_plans.PlanChoice(
        frequency=form.cleaned_data["frequency"],
        hour=form.cleaned_data["hour"],
        weekday=form.cleaned_data["weekday"],
        language=form.cleaned_data["language"],
    )
    try:
        digest_plans.set_plan(request.user, choice, timezone.now())  # type: ignore[arg-type]
    except digest_plans.DigestPlanError as e:
        form.add_error(None, str(e))
        return render_profile(request, digest_form=form)
    if choice.frequency == DigestFrequency.OFF:
        messages.success(request, gettext("The e-mail digest is off."))
    else:
        messages.success(request, gettext("Your e-mail digest is saved."))
    return HttpResponseRedirect(reverse("web:profile") + "#digest")


@never_cache
@login_required
@require_GET
def preview_digest(request: HttpRequest) -> HttpResponse:
    origin = request.build_absolute_uri("/").rstrip("/")
    rendered, _ = digests.preview(request.user, timezone.now(), origin)  # type: ignore[arg-type]
    if rendered is None:
        return render(request, "web/digest_empty.html", status=200)
    response = HttpResponse(rendered.html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user = digest_plans.user_of_token(token)
    if user is None:
        raise Http404("No such unsubscribe link")
    if request.method == "POST":
        digest_plans.unsubscribe(token, timezone.now())
        return render(request, "web/digest_unsubscribe.html", {"done": True})
    return render(
        request,
        "web/digest_unsubscribe.html",
        {"done": False, "email": _masked(user.email), "token": token},
    )


def _masked(email: str) -> str:
    """The address with most of its local part hidden: j•••@example.org."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"
