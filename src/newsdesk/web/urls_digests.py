"""Routes of the e-mail digests: settings and preview under /me/, the unsubscribe address."""

from django.urls import URLPattern, path

from newsdesk.web import digests

urlpatterns: list[URLPattern] = [
    path("me/digest/", digests.save_digest, name="digest-save"),
    path("me/digest/preview/", digests.preview_digest, name="digest-preview"),
    path("digest/unsubscribe/<str:token>/", digests.unsubscribe, name="digest-unsubscribe"),
]
