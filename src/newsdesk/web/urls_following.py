"""Routes of the reader web app: following."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
