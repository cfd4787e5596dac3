"""Sign-up that answers alike whether or not an address has an account (decision 33).

django-allauth's form, with two changes. A known address is not a form error ("A user is
already registered..."): it takes allauth's enumeration-prevention path, which makes no account
and mails the address's owner that the account exists (with the reset link). A new address gets
its account, and the sign-up asks it to confirm the address before signing it in, as allauth
does with mandatory verification. Both end on the same "confirm your address" page, with the
same status and message; the known address's password is hashed too, so both take as long.

Only sign-up asks for the confirmation (``ACCOUNT_EMAIL_VERIFICATION`` stays "optional"): an
account may still sign in with its password before its address is confirmed, and the
operator's accounts and the existing ones sign in as before.
"""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.account.utils import (
    complete_signup,
    filter_users_by_email,
    get_next_redirect_url,
    perform_login,
)
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest, HttpResponse

CONFIRM = app_settings.EmailVerificationMethod.MANDATORY


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form (set by ``ACCOUNT_FORMS``) that never says an address is taken."""

    def validate_unique_email(self, value: str) -> str:
        self.account_already_exists = bool(filter_users_by_email(value))
        return value

    def try_save(self, request: HttpRequest) -> tuple[Any, HttpResponse]:
        """The new account and the page that asks to confirm its address; for a known address,
        no account, a mail to its owner and the same page."""
        email = self.cleaned_data["email"]
        if self.account_already_exists:
            make_password(self.cleaned_data["password1"])  # the work a new account's hash takes
            sent = perform_login(request, None, CONFIRM, signup=True, email=email)
            return None, sent
        user = self.save(request)
        sent = complete_signup(request, user, CONFIRM, get_next_redirect_url(request))
        return user, sent
