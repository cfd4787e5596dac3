"""Routes of the reader web app: the reader's own page (/me/) and its forms.

Sign-up, sign-in, sign-out and password reset live under /accounts/ (django-allauth).
"""

from django.urls import URLPattern, path

from newsdesk.web import accounts

urlpatterns: list[URLPattern] = [
    path("me/", accounts.profile, name="profile"),
    path("me/profile/", accounts.save_profile, name="profile-save"),
    path("me/tokens/", accounts.create_token, name="token-create"),
    path("me/tokens/<int:token_id>/revoke/", accounts.revoke_token, name="token-revoke"),
    path("me/app-password/", accounts.set_app_password, name="app-password-set"),
    path("me/app-password/clear/", accounts.clear_app_password, name="app-password-clear"),
    path("me/delete/", accounts.delete_account, name="account-delete"),
]
