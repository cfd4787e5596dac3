"""Pages for what a reader follows: "For you", the following page, follow and mute buttons,
the reader's OPML and the private "For you" RSS feed.

Buttons are plain POST forms that redirect back (``next``); when htmx sends them, the answer is
the button alone, swapped in place. Every page here is per reader and never cached; visitors who
are not signed in get a page that invites them to sign in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from newsdesk.articles.models import Article
from newsdesk.desk.readers import following, tokens
from newsdesk.desk.readers.for_you import Position, for_you
from newsdesk.desk.sources import export_opml
from newsdesk.readers.models import FollowKind, TokenScope
from newsdesk.web.feeds import ArticleItems, with_topics
from newsdesk.web.links import article_path
from newsdesk.web.syndication import ConditionalFeed
from newsdesk.web.topics import with_topic_names

PAGE_SIZE = 20
FEED_SIZE = 50
FEED_URL_KEY = "following.feed_url"
GROUP_HEADINGS = {
    FollowKind.SOURCE: gettext_lazy("Sources"),
    FollowKind.STORY: gettext_lazy("Stories"),
    FollowKind.TOPIC: gettext_lazy("Topics"),
    FollowKind.REGION: gettext_lazy("Places"),
}


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def follow_state(user: Any, kind: str, value: str) -> dict[str, Any]:
    """What the follow button needs: whether the reader is signed in and follows ``value``."""
    signed_in = bool(user.is_authenticated)
    return {
        "signed_in": signed_in,
        "kind": kind,
        "value": value,
        "following": signed_in and following.is_following(user, kind, value),
    }


def mute_state(user: Any, slug: str) -> dict[str, Any]:
    signed_in = bool(user.is_authenticated)
    return {
        "signed_in": signed_in,
        "slug": slug,
        "muted": signed_in and following.is_muted(user, slug),
    }


@never_cache
def for_you_page(request: HttpRequest) -> HttpResponse:
    """The reader's ranked feed; a sign-in invitation for visitors."""
    if not request.user.is_authenticated:
        return render(request, "web/for_you.html", {"signed_in": False})
    position = Position.parse(request.GET.get("cursor", ""))
    page = for_you(_user(request), timezone.now(), PAGE_SIZE, before=position)
    more_url = f"{request.path}?cursor={page.next.token()}" if page.next else ""
    context = {"signed_in": True, "page": page, "more_url": more_url}
    if getattr(request, "htmx", False) and position is not None:
        return render(request, "web/_for_you_cards.html", context)
    context["follows"] = with_topic_names(following.described_follows(_user(request)))
    return render(request, "web/for_you.html", context)


@require_POST
def follow_view(request: HttpRequest) -> HttpResponse:
    """Follow or unfollow (``action``) a source, story, topic or region (``kind``, ``value``)."""
    fallback = reverse("web:following")
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('account_login')}?next={fallback}")
    user = _user(request)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    try:
        if request.POST.get("action") == "unfollow":
            following.unfollow(user, kind, value)
        else:
            made = following.follow(user, kind, value, timezone.now())
            value = made.value
    except following.FollowError as error:
        if getattr(request, "htmx", False):
            return HttpResponse(str(error), status=422)
        messages.error(request, str(error))
        return HttpResponseRedirect(_next(request, fallback))
    if getattr(request, "htmx", False):
        context = {**follow_state(user, kind, value), "next": _next(request, fallback)}
        return render(request, "web/_follow_button.html", context)
    return HttpResponseRedirect(_next(request, fallback))


@require_POST
def mute_view(request: HttpRequest) -> HttpResponse:
    """Mute or unmute (``action``) a source (``source``, its slug)."""
    fallback = reverse("web:following")
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('account_login')}?next={fallback}")
    user = _user(request)
    slug = request.POST.get("source", "")
    try:
        if request.POST.get("action") == "unmute":
            following.unmute(user, slug)
        else:
            following.mute(user, slug)
    except following.FollowError as error:
        if getattr(request, "htmx", False):
            return HttpResponse(str(error), status=422)
        messages.error(request, str(error))
        return HttpResponseRedirect(_next(request, fallback))
    if getattr(request, "htmx", False):
        context = {**mute_state(user, slug), "next": _next(request, fallback)}
        return render(request, "web/_mute_button.html", context)
    return HttpResponseRedirect(_next(request, fallback))


@never_cache
@login_required
def following_page(request: HttpRequest) -> HttpResponse:
    """Follows and mutes with remove buttons, a form to follow a topic or region, the feeds."""
    user = _user(request)
    entries = with_topic_names(following.described_follows(user))
    feed_tokens = [t for t in tokens.tokens_of(user) if t.scope == TokenScope.FEED]
    context = {
        "groups": [
            (label, [e for e in entries if e.follow.kind == kind])
            for kind, label in GROUP_HEADINGS.items()
        ],
        "follow_count": len(entries),
        "mutes": following.mutes_of(user),
        "feed_tokens": feed_tokens,
        "new_feed_url": request.session.pop(FEED_URL_KEY, ""),
        "kinds": [(FollowKind.TOPIC, gettext("Topic")), (FollowKind.REGION, gettext("Place"))],
    }
    return render(request, "web/following.html", context)


@require_POST
@login_required
def feed_token_view(request: HttpRequest) -> HttpResponse:
    """Make a new private feed address (the old one stops working), or revoke it."""
    user = _user(request)
    for token in tokens.tokens_of(user):
        if token.scope == TokenScope.FEED:
            tokens.revoke_token(user, token.pk)
    if request.POST.get("action") != "revoke":
        issued = tokens.issue_token(
            user, timezone.now(), scope=TokenScope.FEED, name="For you feed"
        )
        path = reverse("web:for-you-feed", args=[issued.secret])
        request.session[FEED_URL_KEY] = request.build_absolute_uri(path)
    return HttpResponseRedirect(reverse("web:following") + "#private-feed")


@never_cache
@login_required
def opml_view(request: HttpRequest) -> HttpResponse:
    """The feeds of the reader's followed sources, as OPML for another feed reader."""
    feeds = following.followed_feeds(_user(request))
    response = HttpResponse(export_opml(feeds), content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdesk-following.opml"'
    return response


class ForYouFeed(ArticleItems, ConditionalFeed[Article, User]):
    """RSS of a reader's "For you", at an address with a private token (404 for a wrong one)."""

    description = "Articles picked for you from what you follow and read."

    def get_object(self, request: HttpRequest, token: str) -> User:
        user = tokens.user_for_token(token, TokenScope.FEED, timezone.now())
        if not isinstance(user, User):
            raise Http404("No such feed")
        return user

    def title(self, obj: User) -> str:
        return f"newsdesk: for {obj.get_username()}"

    def link(self) -> str:
        return reverse("web:for-you")

    def items(self, obj: User) -> list[Article]:
        return with_topics(for_you(obj, timezone.now(), FEED_SIZE).articles)

    def item_title(self, item: Article) -> str:
        return item.title or item.url

    def item_description(self, item: Article) -> str:
        return f"{item.source.name}: {item.description}"

    def item_link(self, item: Article) -> str:
        return article_path(item)

    def item_pubdate(self, item: Article) -> datetime | None:
        return item.published_at


for_you_feed = never_cache(ForYouFeed())
