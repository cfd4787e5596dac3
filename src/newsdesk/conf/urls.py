"""URL routes of the whole site: the reader web app and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("newsdesk.web.urls")),
]
