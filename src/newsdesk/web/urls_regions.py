"""Routes of the reader web app: region pages, finding a place, "Local", a region's feed."""

from django.urls import path

from newsdesk.web import regions

urlpatterns = [
    path("region/", regions.region_search, name="region-search"),
    path("region/<slug:slug>/", regions.region, name="region"),
    path("region/<slug:slug>/feed.xml", regions.region_feed, name="region-feed"),
    path("local/", regions.local, name="local"),
]
