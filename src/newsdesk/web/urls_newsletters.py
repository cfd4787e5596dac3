"""Routes of the reader's newsletters: their issues, and rotating the address."""

from django.urls import URLPattern, path

from newsdesk.web import newsletters

urlpatterns: list[URLPattern] = [
    path("me/newsletters/", newsletters.newsletters_page, name="newsletters"),
    path("me/newsletters/rotate/", newsletters.rotate_address, name="newsletter-rotate"),
]
