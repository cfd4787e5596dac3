"""Django app configuration for comments."""

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    default_auto_field = "django.db.models.BigAutoField"
