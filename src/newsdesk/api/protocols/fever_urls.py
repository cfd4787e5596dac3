"""Routes of the Fever API, mounted at /api/fever/ (the apps call ``/api/fever/?api``)."""

from django.urls import path

from newsdesk.api.protocols import fever

urlpatterns = [
    path("", fever.endpoint, name="fever"),
]
