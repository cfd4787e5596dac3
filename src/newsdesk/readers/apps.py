"""Django app configuration for readers."""

from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "newsdesk.readers"
    default_auto_field = "django.db.models.BigAutoField"
