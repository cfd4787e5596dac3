"""Django app configuration for stories."""

from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "newsdesk.stories"
    default_auto_field = "django.db.models.BigAutoField"
