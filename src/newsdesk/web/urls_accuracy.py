"""Route of the public accuracy record of the AI."""

from django.urls import URLPattern, path

from newsdesk.web import accuracy

urlpatterns: list[URLPattern] = [
    path("accuracy/", accuracy.accuracy_page, name="accuracy"),
]
