"""The reader's own page, /me/: profile (region, languages, time zone), apps (access tokens,
the feed-reader app password), and deleting the account (with the current password; the reader
is signed out and sent to the home page).

Sign-up, sign-in, sign-out and password reset are django-allauth's pages (templates under
``templates/allauth`` and ``templates/account`` give them the site's look). Every form here
posts with its CSRF token and redirects back to the page; changes go through
``newsdesk.desk.readers``. The page is never cached: it is one reader's. A new token's secret
is kept in the session until the page after the redirect shows it, once.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from newsdesk.desk.readers import app_passwords, leaving, names, profiles, tokens
from newsdesk.web.digests import digest_context
from newsdesk.web.forms import AppPasswordForm, DeleteAccountForm, ProfileForm, TokenForm
from newsdesk.web.newsletters import address_context

SHOWN_ONCE = "newsdesk_new_token"


def _back() -> HttpResponse:
    return HttpResponseRedirect(reverse("web:profile"))


def _page(request: HttpRequest, **forms: Any) -> HttpResponse:
    reader = profiles.reader_of(request.user)
    assert reader is not None  # login_required
    context = {
        "reader": reader,
        "profile_form": forms.get("profile_form")
        or ProfileForm(
            initial={
                "display_name": reader.display_name,
                "region": reader.region,
                "languages": list(reader.languages),
                "time_zone": reader.time_zone,
            },
            languages=reader.languages,
        ),
        "token_form": forms.get("token_form") or TokenForm(),
        "app_password_form": forms.get("app_password_form") or AppPasswordForm(),
        "delete_form": forms.get("delete_form") or DeleteAccountForm(),
        "tokens": tokens.tokens_of(request.user),  # type: ignore[arg-type]
        "new_secret": request.session.pop(SHOWN_ONCE, None),
        "has_app_password": bool(reader.app_password),
        "greader_url": request.build_absolute_uri("/api/greader/"),
        "fever_url": request.build_absolute_uri("/api/fever/"),
        "now": timezone.now(),
        **digest_context(request, forms.get("digest_form")),
        **address_context(request),
    }
    return render(request, "web/profile.html", context)


def render_profile(request: HttpRequest, **forms: Any) -> HttpResponse:
    """The profile page with the given forms (as posted, with their errors) in place."""
    return _page(request, **forms)


@never_cache
@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@login_required
@require_POST
def save_profile(request: HttpRequest) -> HttpResponse:
    reader = profiles.reader_of(request.user)
    form = ProfileForm(request.POST, languages=reader.languages if reader else [])
    if not form.is_valid():
        return _page(request, profile_form=form)
    try:
        profiles.update_profile(
            request.user,  # type: ignore[arg-type]
            region=form.cleaned_data["region"],
            languages=form.cleaned_data["languages"],
            time_zone=form.cleaned_data["time_zone"],
        )
    except profiles.ProfileError as e:
        form.add_error(None, str(e))
        return _page(request, profile_form=form)
    try:
        names.set_display_name(request.user, form.cleaned_data["display_name"])  # type: ignore[arg-type]
    except names.DisplayNameError as e:
        form.add_error("display_name", str(e))
        return _page(request, profile_form=form)
    messages.success(request, gettext("Your profile is saved."))
    return _back()


@never_cache
@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, token_form=form)
    issued = tokens.issue_token(
        request.user,  # type: ignore[arg-type]
        timezone.now(),
        scope=form.cleaned_data["scope"],
        name=form.cleaned_data["name"],
    )
    request.session[SHOWN_ONCE] = issued.secret
    return _back()


@never_cache
@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    if tokens.revoke_token(request.user, token_id):  # type: ignore[arg-type]
        messages.success(request, gettext("The token is revoked; apps using it are signed out."))
    else:
        messages.error(request, gettext("No such token."))
    return _back()


@never_cache
@login_required
@require_POST
def set_app_password(request: HttpRequest) -> HttpResponse:
    form = AppPasswordForm(request.POST)
    if not form.is_valid():
        return _page(request, app_password_form=form)
    try:
        app_passwords.set_app_password(request.user, form.cleaned_data["password"])  # type: ignore[arg-type]
    except app_passwords.AppPasswordError as e:
        form.add_error("password", str(e))
        return _page(request, app_password_form=form)
    messages.success(request, gettext("The app password is set."))
    return _back()


@never_cache
@login_required
@require_POST
def clear_app_password(request: HttpRequest) -> HttpResponse:
    app_passwords.clear_app_password(request.user)  # type: ignore[arg-type]
    messages.success(
        request, gettext("The app password is cleared; feed-reader apps are signed out.")
    )
    return _back()


@never_cache
@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account once the password is confirmed; a wrong one is a form error."""
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _page(request, delete_form=form)
    try:
        leaving.leave(
            request.user,  # type: ignore[arg-type]
            form.cleaned_data["password"],
            timezone.now(),
            address=str(request.META.get("REMOTE_ADDR", "")),
        )
    except profiles.ProfileError as e:
        form.add_error("password", str(e))
        return _page(request, delete_form=form)
    logout(request)
    messages.success(
        request, gettext("Your account is deleted. Your comments now show as [deleted].")
    )
    return HttpResponseRedirect(reverse("web:home"))
