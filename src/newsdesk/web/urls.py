"""Routes of the reader web app."""

from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from newsdesk.web import ai, feeds, logos, views, websub
from newsdesk.web.sitemaps import NEWS_SITEMAPS

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("newsdesk.web.urls_accounts")),
    path("", include("newsdesk.web.urls_comments")),
    path("", include("newsdesk.web.urls_digests")),
    path("", include("newsdesk.web.urls_following")),
    path("", include("newsdesk.web.urls_push")),
    path("", include("newsdesk.web.urls_accuracy")),
    path("", include("newsdesk.web.urls_blindspots")),
    path("", include("newsdesk.web.urls_diet")),
    path("", include("newsdesk.web.urls_newsletters")),
    path("", include("newsdesk.web.urls_regions")),
    path("", include("newsdesk.web.urls_rules")),
    path("", include("newsdesk.web.urls_topics")),
    path("", include("newsdesk.web.urls_webhooks")),
    path("article/<int:article_id>/", views.article, name="article-short"),
    path("article/<int:article_id>/<slug:slug>/", views.article, name="article"),
    path("ai/article/<int:article_id>/", ai.article_fragment, name="ai-article"),
    path("ai/story/<int:story_id>/", ai.story_fragment, name="ai-story"),
    path("ai/summary/<int:summary_id>/", ai.summary_fragment, name="ai-summary"),
    path(
        "ai/summary/<int:summary_id>/translation/",
        ai.summary_translation_fragment,
        name="ai-summary-translation",
    ),
    path("story/<int:story_id>/", views.story, name="story-short"),
    path(
        "story/<int:story_id>/correct/split/<int:article_id>/",
        views.story_split,
        name="story-split",
    ),
    path("story/<int:story_id>/correct/merge/", views.story_merge, name="story-merge"),
    path("story/<int:story_id>/<slug:slug>/", views.story, name="story"),
    path("source/<slug:slug>/", views.source, name="source"),
    path("source/<slug:slug>/logo.png", logos.source_logo, name="source-logo-default"),
    path("source/<slug:slug>/logo-<int:size>.png", logos.source_logo, name="source-logo"),
    path("search/", views.search, name="search"),
    path("saved/", views.saved, name="saved"),
    path("offline/", views.offline, name="offline"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("robots.txt", views.robots, name="robots"),
    path(
        "news-sitemap.xml",
        sitemap,
        {"sitemaps": NEWS_SITEMAPS, "template_name": "web/news_sitemap.xml"},
        name="news-sitemap",
    ),
    # No CSRF token: anonymous pages carry none so they stay cacheable (docs/i18n.md).
    path("language/", csrf_exempt(set_language), name="set-language"),
    path("feed.xml", feeds.LatestArticlesFeed(), name="feed"),
    path("websub/hub", websub.hub, name="websub-hub"),
    path("websub/<str:key>/", websub.callback, name="websub-callback"),
    path("source/<slug:slug>/feed.xml", feeds.SourceArticlesFeed(), name="source-feed"),
]
