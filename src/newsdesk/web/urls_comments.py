"""Routes of the reader web app: comments."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
