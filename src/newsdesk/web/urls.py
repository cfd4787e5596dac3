"""Routes of the reader web app."""

from django.urls import path

from newsdesk.web import views

app_name = "web"
urlpatterns = [path("", views.home, name="home")]
