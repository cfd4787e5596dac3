"""The comment section of the article and story pages, and its actions.

Every action is a plain POST form (with its CSRF token) that works without JavaScript: it
redirects back to the page it came from, at ``#comments``, with a message when something was
refused. With htmx the same forms post in place (``HX-Request``) and the answer is the thread
fragment alone, message included, swapped over the old one.

A signed-in reader's thread shows what only they may see (their held comments, their buttons),
so pages with a comment section are never kept in the page cache for signed-in readers
(``keep_private``) and the fragment is never cached at all. Visitors' pages stay cacheable: they
show only what everyone sees.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from newsdesk.desk import comments
from newsdesk.desk.comments import CommentError
from newsdesk.desk.stories.reading import resolve_story
from newsdesk.stories.models import Story
from newsdesk.web.links import story_path

MESSAGE_TAG = "comments"


def section_context(request: HttpRequest, story: Story | None) -> dict[str, object]:
    """What ``web/_comments.html`` needs on a page: the thread of the live ``story`` (None
    before an article has a story)."""
    now = timezone.now()
    found = comments.thread_of_story(story, request.user, now) if story is not None else None
    return {
        "thread": found,
        "page_url": request.path,
        "max_length": comments.MAX_LENGTH,
    }


def keep_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page with a signed-in reader's thread is made for them alone: never cached."""
    if request.user.is_authenticated:
        add_never_cache_headers(response)
    return response


def _page_url(request: HttpRequest, story_id: int) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted.split("#", 1)[0]
    story = resolve_story(story_id)
    return story_path(story) if story is not None else reverse("web:home")


def _fragment(
    request: HttpRequest, story_id: int, notice: str = "", error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "thread": comments.thread(story_id, request.user, timezone.now()),
        "page_url": _page_url(request, story_id),
        "max_length": comments.MAX_LENGTH,
        "notice": notice,
        "error": error,
        "draft": request.POST.get("body", "") if error else "",
    }
    response = render(request, "web/_comments.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    add_never_cache_headers(response)
    return response


def _answer(request: HttpRequest, story_id: int, notice: str = "", error: str = "") -> HttpResponse:
    """The fragment for htmx; otherwise back to the page, with a message."""
    if getattr(request, "htmx", False):
        # htmx swaps only 2xx answers by default, so a refusal is a 200 with its message.
        return _fragment(request, story_id, notice=notice, error=error)
    if error:
        messages.error(request, error, extra_tags=MESSAGE_TAG)
    elif notice:
        messages.success(request, notice, extra_tags=MESSAGE_TAG)
    return HttpResponseRedirect(_page_url(request, story_id) + "#comments")


def _client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _posted_notice(comment: object) -> str:
    if getattr(comment, "status", "") == "held":
        return gettext(
            "Your comment is held for a moderator to look at; until then only you can see it."
        )
    return gettext("Your comment is posted.")


@never_cache
@require_http_methods(["GET", "POST"])
def story_thread(request: HttpRequest, story_id: int) -> HttpResponse:
    """GET: the thread fragment. POST: a new comment on the story."""
    if request.method == "GET":
        if resolve_story(story_id) is None:
            raise Http404("No such story")
        return _fragment(request, story_id)
    try:
        posted = comments.post_comment(
            request.user,
            story_id,
            request.POST.get("body", ""),
            timezone.now(),
            ip=_client_address(request),
        )
    except CommentError as error:
        if resolve_story(story_id) is None:
            raise Http404("No such story") from error
        return _answer(request, story_id, error=str(error))
    return _answer(request, posted.story_id, notice=_posted_notice(posted))


def _story_of(comment_id: int) -> int:
    story_id = comments.story_of_comment(comment_id)
    if story_id is None:
        raise Http404("No such comment")
    return story_id


@require_POST
def reply(request: HttpRequest, comment_id: int) -> HttpResponse:
    story_id = _story_of(comment_id)
    try:
        posted = comments.post_comment(
            request.user,
            story_id,
            request.POST.get("body", ""),
            timezone.now(),
            ip=_client_address(request),
            parent_id=comment_id,
        )
    except CommentError as error:
        return _answer(request, story_id, error=str(error))
    return _answer(request, story_id, notice=_posted_notice(posted))


@require_POST
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    story_id = _story_of(comment_id)
    try:
        edited = comments.edit_comment(
            request.user, comment_id, request.POST.get("body", ""), timezone.now()
        )
    except CommentError as error:
        return _answer(request, story_id, error=str(error))
    notice = gettext("Your comment is updated.")
    if edited.status == "held":
        notice = _posted_notice(edited)
    return _answer(request, story_id, notice=notice)


@require_POST
def delete(request: HttpRequest, comment_id: int) -> HttpResponse:
    story_id = _story_of(comment_id)
    try:
        comments.delete_comment(request.user, comment_id, timezone.now())
    except CommentError as error:
        return _answer(request, story_id, error=str(error))
    return _answer(request, story_id, notice=gettext("The comment is deleted."))


@require_POST
def report(request: HttpRequest, comment_id: int) -> HttpResponse:
    story_id = _story_of(comment_id)
    try:
        comments.report_comment(
            request.user, comment_id, request.POST.get("reason", ""), timezone.now()
        )
    except CommentError as error:
        return _answer(request, story_id, error=str(error))
    return _answer(request, story_id, notice=gettext("Thank you: the moderators will take a look."))
