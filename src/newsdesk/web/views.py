"""Pages of the reader web app. For now: the newest articles in a plain list."""

from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("newsdesk")
