"""Django app configuration for newsdesk.sources."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "newsdesk.sources"
    label = "sources"
    default_auto_field = "django.db.models.BigAutoField"
