"""URL routes of the whole site: the reader web app, its sitemap and the admin."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from newsdesk.web.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("newsdesk.web.urls")),
]
