"""Django app configuration for topics."""

from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "newsdesk.topics"
    default_auto_field = "django.db.models.BigAutoField"
