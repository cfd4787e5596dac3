"""Pages of the reader web app. For now: the newest articles in a plain list."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from newsdesk.articles.models import Article, ArticleStatus

PAGE_SIZE = 50


def home(request: HttpRequest) -> HttpResponse:
    articles = (
        Article.objects.filter(status=ArticleStatus.READY)
        .select_related("source")
        .only("id", "url", "title", "published_at", "description", "source__name")
        .order_by("-published_at", "-id")
    )
    page = Paginator(articles, PAGE_SIZE, allow_empty_first_page=True).get_page(
        request.GET.get("page")
    )
    return render(request, "web/home.html", {"page": page})
