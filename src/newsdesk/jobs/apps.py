"""Django app configuration for jobs."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "newsdesk.jobs"
    default_auto_field = "django.db.models.BigAutoField"
