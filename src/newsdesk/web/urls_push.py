"""Routes of the reader's notifications page under /me/notifications/."""

from django.urls import URLPattern, path

from newsdesk.web import push

urlpatterns: list[URLPattern] = [
    path("me/notifications/", push.notifications, name="notifications"),
    path("me/notifications/subscribe/", push.subscribe, name="push-subscribe"),
    path("me/notifications/unsubscribe/", push.unsubscribe, name="push-unsubscribe"),
]
