"""Routes of the reader's webhooks page under /me/webhooks/."""

from django.urls import URLPattern, path

from newsdesk.web import webhooks

urlpatterns: list[URLPattern] = [
    path("me/webhooks/", webhooks.webhook_list, name="webhooks"),
    path("me/webhooks/<int:hook_id>/delete/", webhooks.webhook_delete, name="webhook-delete"),
    path("me/webhooks/<int:hook_id>/resume/", webhooks.webhook_resume, name="webhook-resume"),
    path("me/webhooks/<int:hook_id>/test/", webhooks.webhook_test, name="webhook-test"),
]
