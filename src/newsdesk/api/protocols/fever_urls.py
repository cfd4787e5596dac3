"""Routes of the fever protocol."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
