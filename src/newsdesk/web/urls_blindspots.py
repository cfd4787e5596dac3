"""Routes of the Blindspots page and its feed."""

from django.urls import URLPattern, path

from newsdesk.web import blindspots

urlpatterns: list[URLPattern] = [
    path("blindspots/", blindspots.blindspots_page, name="blindspots"),
    path("blindspots/feed.xml", blindspots.BlindspotsFeed(), name="blindspots-feed"),
]
