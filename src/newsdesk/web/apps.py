"""Django app configuration for newsdesk.web."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "newsdesk.web"
    label = "web"
    default_auto_field = "django.db.models.BigAutoField"
