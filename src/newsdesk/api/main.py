"""The API object: /api/v1, its docs page, its auth, limits and errors, and its routers.

Each router lives in its own module (stories, articles, sources, search, ai, comments, readers);
they are mounted here in the order the docs page lists them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Swagger

from newsdesk.api import (
    accuracy,
    ai,
    articles,
    auth_routes,
    blindspots,
    comments,
    editions,
    following,
    me,
    regions,
    search,
    sources,
    stories,
    topics,
)
from newsdesk.api.auth import ReaderThrottle, VisitorThrottle
from newsdesk.api.errors import install_error_handlers, with_json_fallbacks
from newsdesk.api.openapi import NewsdeskSchema, build_schema, operation_id

if TYPE_CHECKING:
    from ninja.operation import Operation


class NewsdeskAPI(NinjaAPI):
    """ninja's API whose unknown paths and wrong methods answer with the error body too, and
    whose schema documents every answer (``newsdesk.api.openapi``)."""

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        return with_json_fallbacks(self, super()._get_urls())

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> NewsdeskSchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return build_schema(self, path_prefix)

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation_id(operation)


class SiteSwagger(Swagger):
    """ninja's Swagger UI page from its own static files (never a CDN), though ninja is not an
    installed app (settings: NINJA_FILES), which ninja would otherwise take to mean a CDN."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": isinstance(api.auth, list | tuple)
            and any(getattr(auth, "csrf", False) for auth in api.auth),
        }
        return render(request, self.template, context)


def build_api() -> NinjaAPI:
    api = NewsdeskAPI(
        docs=SiteSwagger(),
        title="newsdesk API",
        version="1",
        description=(
            "Stories, articles, sources, topics, editions, search, comments, follows, the reading "
            "list and the AI features of newsdesk. Apps send `Authorization: Bearer <token>` "
            "(make one in your profile, with POST /api/v1/me/tokens, or from a password with POST "
            "/api/v1/auth/token); the web app uses its session. Lists are paged with an opaque "
            "`cursor`. Guide: docs/api.md."
        ),
        urls_namespace="api-v1",
        throttle=[
            VisitorThrottle(settings.NEWSDESK.api_rate_visitor),
            ReaderThrottle(settings.NEWSDESK.api_rate_reader),
        ],
    )
    install_error_handlers(api)
    api.add_router("/stories", stories.router, tags=["stories"])
    api.add_router("/blindspots", blindspots.router, tags=["blindspots"])
    api.add_router("/articles", articles.router, tags=["articles"])
    api.add_router("/sources", sources.router, tags=["sources"])
    api.add_router("/regions", regions.router, tags=["regions"])
    api.add_router("/topics", topics.router, tags=["topics"])
    api.add_router("/editions", editions.router, tags=["editions"])
    api.add_router("/search", search.router, tags=["search"])
    api.add_router("/ai", ai.router, tags=["ai"])
    api.add_router("/accuracy", accuracy.router, tags=["ai"])
    api.add_router("/comments", comments.router, tags=["comments"])
    api.add_router("/me", me.router, tags=["me"])
    api.add_router("/me", following.router, tags=["following"])
    api.add_router("/me", "newsdesk.api.folders.router", tags=["folders"])
    api.add_router("/me", "newsdesk.api.rules.router", tags=["rules"])
    api.add_router("/me", "newsdesk.api.playback.router", tags=["playback"])
    api.add_router("/me", "newsdesk.api.newsletters.router", tags=["newsletters"])
    api.add_router("/auth", auth_routes.router, tags=["auth"])
    return api


api = build_api()
