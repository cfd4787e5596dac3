"""Django app configuration for places."""

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "newsdesk.places"
    default_auto_field = "django.db.models.BigAutoField"
