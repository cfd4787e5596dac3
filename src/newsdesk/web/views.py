"""Pages of the reader web app. Views stay thin: queries live in ``newsdesk.desk.reading`` and
``newsdesk.desk.stories.reading``; the admins' story corrections call ``newsdesk.desk.stories``.

The home and source pages are rivers of cards: a plain "More" link to the next page, which htmx
follows by itself when the link scrolls into view and swaps for the next cards (the request carries
``HX-Request``, and the answer is then only the cards).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article
from newsdesk.desk import episodes, newsletters, reading
from newsdesk.desk import stories as story_desk
from newsdesk.desk.editions import reader_languages
from newsdesk.desk.logos import logo_state
from newsdesk.desk.media import ShownImage, article_image
from newsdesk.desk.readers.rules import screen_for
from newsdesk.desk.search import search_articles
from newsdesk.desk.stories import reading as story_reading
from newsdesk.web import ai as ai_panel
from newsdesk.web import comments as comment_section
from newsdesk.web.excerpts import truncatechars
from newsdesk.web.forms import MergeForm, SearchForm
from newsdesk.web.links import article_path, article_slug, story_path, story_slug
from newsdesk.web.middleware import policy_with_media

SEARCH_PAGE_SIZE = 20
# Deeper pages are the sitemap's job; the cap also keeps OFFSET within the database's integers.
MAX_PAGE = 5000


def page_number(request: HttpRequest, most: int = MAX_PAGE) -> int:
    """The ``page`` asked for, from 1 to ``most`` (1 when it is not a number)."""
    try:
        return min(max(int(request.GET.get("page", "1")), 1), most)
    except ValueError:
        return 1


def river(
    request: HttpRequest, template: str, page: reading.ArticlePage, context: dict[str, object]
) -> HttpResponse:
    """The whole page, or only the next cards when htmx asks for them."""
    context = {**context, "page": page, "more_url": f"{request.path}?page={page.next_number}"}
    if getattr(request, "htmx", False):
        response = render(request, "web/_cards.html", context)
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def home(request: HttpRequest) -> HttpResponse:
    number = page_number(request)
    languages = reader_languages(request.user)  # a signed-in reader's choice; [] is every one
    page = reading.newest_articles(number, languages=languages)
    top = story_reading.top_stories(timezone.now(), languages=languages) if number == 1 else []
    screen = screen_for(request.user)  # the reader's rules and the site-wide ones
    screen.verdicts([a.pk for a in page.articles] + [card.lead.pk for card in top])  # at once
    page = replace(page, articles=screen.articles(page.articles))
    top = screen.stories(top, lambda card: card.lead)
    return river(request, "web/home.html", page, {"top_stories": top})


def article(request: HttpRequest, article_id: int, slug: str = "") -> HttpResponse:
    found = reading.article_with_source(article_id)
    if found is None:
        return _newsletter_issue(request, article_id)
    if slug != article_slug(found):
        return HttpResponsePermanentRedirect(article_path(found))
    story = story_reading.article_story(found.pk)  # once, for coverage, related and comments
    related_stories = story_reading.related_stories(found, story)
    body = reading.readable_body(found)
    player = episodes.player_of(found) if body.mode != reading.BodyMode.LINK else None
    lead = article_image(found)  # once, for the head's tags, the page and its JSON-LD
    context = {
        "article": found,
        # The title and description are written where the page's <head> and its link preview
        # need them, each worked out once.
        "page_title": f"{found.title or gettext('Untitled')} · {found.source.name} · newsdesk",
        "page_description": truncatechars(found.description, 200),
        "lead": lead,
        "via": reading.came_via(found),
        "body": body,
        "player": player,
        "coverage": story_reading.article_coverage(found, story),
        "related_stories": related_stories,
        "related": [] if related_stories else reading.related_articles(found),
        "canonical": request.build_absolute_uri(article_path(found)),
        "json_ld": _news_article(request, found, lead),
        **ai_panel.panel_context(request, found),
        **comment_section.section_context(request, story),
    }
    response = render(request, "web/article.html", context)
    if player is not None:  # the episode's file loads from its publisher (decision 68)
        response["Content-Security-Policy"] = policy_with_media([player.origin])
    comment_section.keep_private(request, response)
    if "ai" in request.GET:
        add_never_cache_headers(response)  # a result the model may still be writing
    return response


def _newsletter_issue(request: HttpRequest, article_id: int) -> HttpResponse:
    """A newsletter delivered to the signed-in reader (decision 67); a 404 for anyone else,
    the same as for an article that does not exist. Never cached, never in the page cache."""
    issue = newsletters.own_article(request.user, article_id)  # type: ignore[arg-type]
    if issue is None:
        raise Http404("No such article")
    context = {"article": issue, "body": reading.readable_body(issue)}
    response = render(request, "web/newsletter_issue.html", context)
    add_never_cache_headers(response)
    return response


def _news_article(
    request: HttpRequest, article: Article, shown: ShownImage | None
) -> dict[str, object]:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": request.build_absolute_uri(article_path(article)),
        "isBasedOn": reading.web_url(article.url),
        "publisher": {"@type": "Organization", "name": article.source.name},
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.byline:
        data["author"] = [{"@type": "Person", "name": article.byline}]
    if shown is not None:  # the site's copy, never the publisher's address
        data["image"] = [request.build_absolute_uri(shown.share_path)]
    return data


def story(request: HttpRequest, story_id: int, slug: str = "") -> HttpResponse:
    """A story: its lead, timeline, coverage by source and why its articles are together.

    A merged story answers with a permanent redirect to the story it joined.
    """
    found = story_reading.resolve_story(story_id)
    if found is None:
        raise Http404("No such story")
    if found.pk != story_id or slug != story_slug(found):
        return HttpResponsePermanentRedirect(story_path(found))
    story_page = story_reading.story_page(found)
    if not story_page.timeline:
        raise Http404("No articles in this story")
    story_page, hidden, muted = _as_rules_let_through(request, story_page)
    context = {
        "page": story_page,
        "rules_hid": hidden,
        "rules_muted": muted,
        "story": found,
        "canonical": request.build_absolute_uri(story_path(found)),
        "staff": request.user.is_superuser,
        "merge_form": MergeForm() if request.user.is_superuser else None,
    }
    if request.GET.get("ai") == "brief" and story_page.source_count > 1:
        context.update(ai_panel.story_brief_context(request, found))
    context.update(comment_section.section_context(request, found))
    response = render(request, "web/story.html", context)
    comment_section.keep_private(request, response)
    if "ai" in request.GET:
        add_never_cache_headers(response)
    return response


def _as_rules_let_through(
    request: HttpRequest, page: story_reading.StoryPage
) -> tuple[story_reading.StoryPage, int, bool]:
    """The story page as the reader's rules (and the site's) let it through: hidden articles
    left out and counted, highlighted ones marked. A story the reader muted is shown whole (it
    was opened on purpose) and says so; returns the page, how many were hidden, and muted."""
    screen = screen_for(request.user)
    shown = {article.pk for article in screen.articles([e.article for e in page.timeline])}
    if page.story.pk in screen.muted_stories:
        return page, 0, True
    hidden = len(page.timeline) - len(shown)
    if hidden:
        page = story_reading.story_page_showing(page, shown)
    return page, hidden, False


def _admins_only(request: HttpRequest) -> str:
    """Stories are corrected by admins; moderators (staff too) look after comments only."""
    if not request.user.is_superuser:
        raise PermissionDenied("Only admins may correct stories")
    return request.user.get_username()


@require_POST
def story_split(request: HttpRequest, story_id: int, article_id: int) -> HttpResponse:
    """Admins: move one article (and its copies) out of the story into a story of its own."""
    made_by = _admins_only(request)
    if story_reading.story_of_article(article_id) != story_id:
        raise Http404("That article is not in this story")
    story_desk.split_article(article_id, timezone.now(), made_by=made_by)
    messages.success(request, gettext("The article now has a story of its own."))
    return _back_to_story(story_id)


@require_POST
def story_merge(request: HttpRequest, story_id: int) -> HttpResponse:
    """Admins: merge this story into another; its address then redirects there."""
    made_by = _admins_only(request)
    if not story_reading.is_live_story(story_id):
        raise Http404("No such story")
    form = MergeForm(request.POST)
    into = form.cleaned_data["into"] if form.is_valid() else None
    if into is None or into == story_id or not story_reading.is_live_story(into):
        messages.error(request, gettext("Give the number of another live story to merge into."))
        return _back_to_story(story_id)
    story_desk.merge_stories(story_id, into, timezone.now(), made_by=made_by)
    messages.success(
        request, gettext("Story #%(number)d was merged into this one.") % {"number": story_id}
    )
    return _back_to_story(into)


def _back_to_story(story_id: int) -> HttpResponse:
    found = story_reading.resolve_story(story_id)
    return HttpResponseRedirect(story_path(found) if found else reverse("web:home"))


def source(request: HttpRequest, slug: str) -> HttpResponse:
    found = reading.source_by_slug(slug)
    if found is None:
        raise Http404("No such source")
    page = reading.source_articles(found, page_number(request))
    page = replace(page, articles=screen_for(request.user).articles(page.articles))
    feeds = reading.source_feed_health(found) if request.user.is_staff else []
    logo = logo_state(found) if request.user.is_staff else None
    return river(request, "web/source.html", page, {"source": found, "feeds": feeds, "logo": logo})


def saved(request: HttpRequest) -> HttpResponse:
    return render(request, "web/saved.html")


def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "web/offline.html")


def service_worker(request: HttpRequest) -> HttpResponse:
    shell = [
        reverse("web:saved"),
        reverse("web:offline"),
        static("web/site.css"),
        static("web/site.js"),
        static("web/saved.js"),
        static("web/saved.css"),
        static("web/ai.js"),
        static("web/htmx.min.js"),
        static("web/reading.js"),
        static("web/times.js"),
        static("web/keys.js"),
        static("web/icon-192.png"),
    ]
    # Static files have hashed names: a new version of any of them is a new shell cache, and the
    # service worker that brings it drops the old one.
    shell_json = json.dumps(shell)
    context = {
        "shell_json": shell_json,
        "shell_version": hashlib.sha256(shell_json.encode()).hexdigest()[:12],
        "offline_json": json.dumps(reverse("web:offline")),
        "static_prefix": static("web/"),
    }
    response = render(request, "web/sw.js", context, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request: HttpRequest) -> HttpResponse:
    return render(request, "web/manifest.json", content_type="application/manifest+json")


def robots(request: HttpRequest) -> HttpResponse:
    context = {
        "sitemap": request.build_absolute_uri(reverse("sitemap")),
        "news_sitemap": request.build_absolute_uri(reverse("web:news-sitemap")),
    }
    return render(request, "web/robots.txt", context, content_type="text/plain")


def search(request: HttpRequest) -> HttpResponse:
    """Full-text search with filters by source, start date and language."""
    form = SearchForm(request.GET, sources=reading.all_sources())
    results = None
    number = page_number(request)
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        chosen = reading.source_by_slug(data["source"]) if data["source"] else None
        since = data["since"]
        results = search_articles(
            data["q"],
            source_id=chosen.pk if chosen else None,
            since=datetime.combine(since, time.min, tzinfo=UTC) if since else None,
            language=data["lang"],
            limit=SEARCH_PAGE_SIZE,
            offset=(number - 1) * SEARCH_PAGE_SIZE,
        )
    if results is not None:
        kept = screen_for(request.user).articles([hit.article for hit in results.hits])
        results = replace(results, hits=[hit for hit in results.hits if hit.article in kept])
    more_url = ""
    if results is not None and number * SEARCH_PAGE_SIZE < results.total:
        query = request.GET.copy()
        query["page"] = str(number + 1)
        more_url = f"{request.path}?{query.urlencode()}"
    context = {"form": form, "results": results, "more_url": more_url}
    return render(request, "web/search.html", context)
