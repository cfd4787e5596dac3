"""Routes of the reader web app: accounts."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
