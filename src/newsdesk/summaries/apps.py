"""Django app configuration for summaries."""

from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "newsdesk.summaries"
    default_auto_field = "django.db.models.BigAutoField"
