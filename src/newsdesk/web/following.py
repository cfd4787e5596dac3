"""Pages for what a reader follows: "For you", the following page (follows, folders of
sources, mutes), follow and mute buttons, the reader's OPML out and in, and the private
"For you" RSS feed.

Buttons are plain POST forms that redirect back (``next``); when htmx sends them, the answer is
the button alone, swapped in place. Folder forms (make, rename, delete, move a source) and the
OPML import post and come back to the following page with a message; an import's report (what
was added, followed, and what failed and why) is kept in the session for that one page. Every
page here is per reader and never cached; visitors who are not signed in get a page that invites
them to sign in.
"""

from __future__ import annotations

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
from newsdesk.desk.readers import folders, following, tokens
from newsdesk.desk.readers.for_you import Position, for_you
from newsdesk.desk.readers.opml import MAX_BYTES as MAX_OPML_BYTES
from newsdesk.desk.readers.opml import ReaderImport, export_for_reader, import_for_reader
from newsdesk.errors import OPMLError
from newsdesk.readers.models import FollowKind, TokenScope
from newsdesk.web.feeds import ArticleItems, with_topics
from newsdesk.web.syndication import ConditionalFeed
from newsdesk.web.topics import with_topic_names

PAGE_SIZE = 20
FEED_SIZE = 50
FEED_URL_KEY = "following.feed_url"
IMPORT_KEY = "following.opml_import"
FAILURES_SHOWN = 100
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
    reader_folders = folders.folders_of(user)
    context = {
        # Sources are shown in their folders below.
        "groups": [
            (label, [e for e in entries if e.follow.kind == kind])
            for kind, label in GROUP_HEADINGS.items()
            if kind != FollowKind.SOURCE
        ],
        "follow_count": len(entries),
        "folders": reader_folders,
        "folder_names": [folder.name for folder in reader_folders],
        "unfiled": folders.unfiled_sources(user),
        "mutes": following.mutes_of(user),
        "feed_tokens": feed_tokens,
        "new_feed_url": request.session.pop(FEED_URL_KEY, ""),
        "import_report": request.session.pop(IMPORT_KEY, None),
        "kinds": [(FollowKind.TOPIC, gettext("Topic")), (FollowKind.REGION, gettext("Place"))],
    }
    return render(request, "web/following.html", context)


def _back_to_folders() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("web:following") + "#folders")


@require_POST
@login_required
def folder_view(request: HttpRequest) -> HttpResponse:
    """Make (``action=create``), rename (``rename``, to ``new_name``) or delete a folder
    (``name``); deleting keeps its sources followed."""
    user, action = _user(request), request.POST.get("action", "")
    name = request.POST.get("name", "")
    shown = name[: folders.NAME_MAX]
    try:
        if action == "create":
            made = folders.create_folder(user, name)
            messages.success(request, gettext("Folder %(name)s is ready.") % {"name": made.name})
        elif action == "rename":
            renamed = folders.rename_folder(user, name, request.POST.get("new_name", ""))
            if renamed is None:
                raise folders.FolderError(gettext("You have no folder %(name)s") % {"name": shown})
            messages.success(
                request, gettext("The folder is now %(name)s.") % {"name": renamed.name}
            )
        elif action == "delete":
            if not folders.delete_folder(user, name):
                raise folders.FolderError(gettext("You have no folder %(name)s") % {"name": shown})
            messages.success(
                request,
                gettext("Folder %(name)s is deleted; its sources are still followed.")
                % {"name": shown},
            )
        else:
            raise folders.FolderError(gettext("Make, rename or delete a folder"))
    except folders.FolderError as error:
        messages.error(request, str(error))
    return _back_to_folders()


@require_POST
@login_required
def folder_move_view(request: HttpRequest) -> HttpResponse:
    """Move a followed source (``source``, its slug) from folder ``from`` to folder ``to``
    (either may be empty: no folder)."""
    user = _user(request)
    source = following.followed_sources(user).filter(slug=request.POST.get("source", "")).first()
    if source is None:
        messages.error(request, gettext("You do not follow that source"))
        return _back_to_folders()
    old, new = request.POST.get("from", ""), request.POST.get("to", "")
    try:
        folders.move_to_folder(user, source, old, new, timezone.now())
    except following.FollowError as error:  # FolderError among them
        messages.error(request, str(error))
        return _back_to_folders()
    if new:
        moved = gettext("%(source)s is in %(folder)s.")
        messages.success(
            request, moved % {"source": source.name, "folder": new[: folders.NAME_MAX]}
        )
    else:
        messages.success(request, gettext("%(source)s is in no folder.") % {"source": source.name})
    return _back_to_folders()


@require_POST
@login_required
def opml_import_view(request: HttpRequest) -> HttpResponse:
    """Follow the feeds of an uploaded OPML file (``opml``), in its folders."""
    upload = request.FILES.get("opml")
    back = HttpResponseRedirect(reverse("web:following") + "#import")
    if upload is None:
        messages.error(request, gettext("Choose an OPML file to import."))
        return back
    if upload.size is not None and upload.size > MAX_OPML_BYTES:
        too_large = gettext("An OPML file to import has at most %(size)d MB")
        messages.error(request, too_large % {"size": MAX_OPML_BYTES >> 20})
        return back
    try:
        report = import_for_reader(_user(request), upload.read(), timezone.now())
    except OPMLError as error:
        messages.error(
            request, gettext("That file cannot be imported: %(error)s") % {"error": error}
        )
        return back
    request.session[IMPORT_KEY] = _report_for_page(report)
    return back


def _report_for_page(report: ReaderImport) -> dict[str, Any]:
    """What the following page shows of an import (kept in the session until then)."""
    return {
        "added": len(report.added),
        "followed": len(report.followed),
        "already": len(report.already),
        "folders": len(report.folders),
        "failed": len(report.failures),
        "failures": [[url[:300], reason[:300]] for url, reason in report.failures][:FAILURES_SHOWN],
    }


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
    """The feeds of the reader's followed sources in the reader's folders, as OPML for another
    feed reader."""
    text = export_for_reader(_user(request))
    response = HttpResponse(text, content_type="text/x-opml; charset=utf-8")
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


for_you_feed = never_cache(ForYouFeed())
