"""Routes of the greader protocol."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
