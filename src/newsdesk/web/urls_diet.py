"""Route of the reader's reading diet page."""

from django.urls import URLPattern, path

from newsdesk.web import diet

urlpatterns: list[URLPattern] = [
    path("me/diet/", diet.diet_page, name="diet"),
]
