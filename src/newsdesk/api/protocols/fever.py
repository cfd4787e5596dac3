"""The Fever API (version 3), as feed-reader apps call it: ``POST /api/fever/?api&items`` with
the form field ``api_key = md5("email:app password")``.

Every answer carries ``api_version`` 3, ``auth`` (1, or 0 for a wrong key, still with status 200
as the apps expect) and ``last_refreshed_on_time``. The query names what to read (``groups``,
``feeds``, ``favicons``, ``items``, ``links``, ``unread_item_ids``, ``saved_item_ids``) and
``mark`` writes: an item read, unread, saved or unsaved; a feed or a group read up to a time.

Feeds are the reader's followed sources (feed id = source id); groups are the reader's folders
(group id = folder id; a source may be in several, one in none is in no group; group 0 is
everything); items are their articles (item id = article id), 50 per call, by id.
Saved items are the reading list and read items the reading history, shared with the site.
The endpoint is CSRF-exempt and never uses the session: apps are not browsers.

Wrong keys are counted per client address, with the failed app-password sign-ins of the Google
Reader API (``signin_limits``, one door for one password). Past the limit every key is refused
until the window passes, the right one too, and so is a right key whose account is locked by
failed sign-ins: HTTP 429 with ``Retry-After`` and the body of a refused key (decision 33).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from newsdesk.articles.models import Article
from newsdesk.desk import reading
from newsdesk.desk.body_images import with_body_images
from newsdesk.desk.readers import folders, history, saved, signin_limits, subscriptions
from newsdesk.desk.readers.app_passwords import user_for_fever_key
from newsdesk.desk.readers.rules import screen_query
from newsdesk.desk.readers.subscriptions import Articles

API_VERSION = 3
FAVICON_ID = 1
# A transparent one-pixel GIF: every feed shares this icon.
BLANK_GIF = "image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
ITEMS_PER_CALL = 50


def _params(request: HttpRequest) -> QueryDict:
    merged = request.GET.copy()
    for key, values in request.POST.lists():
        merged.setlist(key, values)
    return merged


def _number(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def _unix(when: datetime | None) -> int:
    return int(when.timestamp()) if when else 0


def _ids(values: list[int]) -> str:
    return ",".join(str(pk) for pk in values)


def _refused() -> JsonResponse:
    """The answer past the limit: a refused key, with the status and header that say when."""
    response = JsonResponse({"api_version": API_VERSION, "auth": 0}, status=429)
    response["Retry-After"] = str(signin_limits.WINDOW_SECONDS)
    return response


def _signed_in(key: str, address: str) -> User | JsonResponse | None:
    """The key's account; the refusal past the limit; or None for a wrong key (counted)."""
    door = signin_limits.READER_APPS
    if signin_limits.refused(door, None, address):
        return _refused()
    user = user_for_fever_key(key) if re.fullmatch(r"[0-9a-fA-F]{32}", key) else None
    if not isinstance(user, User):
        signin_limits.count_failure(door, None, address)
        return None
    if signin_limits.refused(door, user.email or user.get_username(), address):
        return _refused()
    return user


@csrf_exempt
@never_cache
def endpoint(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    body: dict[str, Any] = {"api_version": API_VERSION, "auth": 0}
    key = params.get("api_key", "").strip()
    if not key:
        return JsonResponse(body)
    user = _signed_in(key, request.META.get("REMOTE_ADDR", ""))
    if isinstance(user, JsonResponse):
        return user
    if user is None or "api" not in params:
        return JsonResponse(body)
    articles = subscriptions.subscribed_articles(user)
    newest = articles.order_by().aggregate(newest=Max("when"))["newest"]
    body.update(auth=1, last_refreshed_on_time=_unix(newest or timezone.now()))
    if "mark" in params:
        body.update(_mark(user, params, articles))
    if "groups" in params:
        body["groups"] = [{"id": f.pk, "title": f.name} for f in folders.folders_of(user)]
        body["feeds_groups"] = _feeds_groups(user)
    if "feeds" in params:
        body["feeds"] = _feeds(user)
        body["feeds_groups"] = _feeds_groups(user)
    if "favicons" in params:
        body["favicons"] = [{"id": FAVICON_ID, "data": BLANK_GIF}]
    if "items" in params:
        body.update(_items(request, user, params, articles))
    if "links" in params:
        body["links"] = []
    if "unread_item_ids" in params:
        body["unread_item_ids"] = _unread_ids(user, articles)
    if "saved_item_ids" in params:
        body["saved_item_ids"] = _saved_ids(user)
    return JsonResponse(body)


def _feeds(user: User) -> list[dict[str, Any]]:
    newest = {pk: when for pk, (_, when) in subscriptions.unread_counts(user).items() if when}
    return [
        {
            "id": sub.source.pk,
            "favicon_id": FAVICON_ID,
            "title": sub.title,
            "url": sub.feed_url,
            "site_url": sub.html_url,
            "is_spark": 0,
            "last_updated_on_time": _unix(newest.get(sub.source.pk)),
        }
        for sub in subscriptions.subscriptions(user)
    ]


def _feeds_groups(user: User) -> list[dict[str, Any]]:
    """Each folder with its followed sources (a folder with none is left out, as Fever does)."""
    followed = {sub.source.pk for sub in subscriptions.subscriptions(user)}
    groups = []
    for folder in folders.folders_of(user):
        ids = [source.pk for source in folder.sources.all() if source.pk in followed]
        if ids:
            groups.append({"group_id": folder.pk, "feed_ids": _ids(sorted(ids))})
    return groups


def _items(
    request: HttpRequest, user: User, params: QueryDict, articles: Articles
) -> dict[str, Any]:
    total = articles.count()
    with_ids = params.get("with_ids", "")
    since_id, max_id = _number(params.get("since_id")), _number(params.get("max_id"))
    if with_ids:
        wanted = [pk for pk in map(_number, with_ids.split(",")[:ITEMS_PER_CALL]) if pk]
        chosen = subscriptions.readable_articles(user).filter(pk__in=wanted).order_by("id")
    elif max_id is not None:
        chosen = articles.filter(pk__lt=max_id).order_by("-id")
    else:
        chosen = articles.filter(pk__gt=since_id or 0).order_by("id")
    chosen = screen_query(user, chosen)  # the reader's rules: hidden items never come
    rows = with_body_images(list(chosen[:ITEMS_PER_CALL]))
    ids = [a.pk for a in rows]
    starred, read = saved.saved_ids(user, ids), history.read_ids(user, ids)
    absolute = request.build_absolute_uri
    items = [_item(a, a.pk in starred, a.pk in read, absolute) for a in rows]
    return {"total_items": total, "items": items}


def _item(
    article: Article, is_saved: bool, is_read: bool, absolute: Callable[[str], str]
) -> dict[str, Any]:
    """One item; the images of its body are the site's copies, by full address."""
    body = reading.readable_body(article, absolute)
    html = body.html if body.mode == reading.BodyMode.FULL else ""
    if not html and body.excerpt:
        html = f"<p>{escape(body.excerpt)}</p>"
    return {
        "id": article.pk,
        "feed_id": article.source_id,
        "title": article.title,
        "author": article.byline,
        "html": html,
        "url": reading.web_url(article.url),
        "is_saved": int(is_saved),
        "is_read": int(is_read),
        "created_on_time": _unix(subscriptions.when_of(article)),
    }


def _unread_ids(user: User, articles: Articles) -> str:
    unread = subscriptions.unread_shown(articles, user).order_by("id").values_list("id", flat=True)
    return _ids(list(unread))


def _saved_ids(user: User) -> str:
    return _ids(sorted(saved.saved_ids(user)))


def _mark(user: User, params: QueryDict, articles: Articles) -> dict[str, Any]:
    """Apply one ``mark`` write; the answer carries the changed id list, as the apps expect."""
    kind, action, target = params.get("mark"), params.get("as"), _number(params.get("id"))
    now = timezone.now()
    if target is None:
        return {}
    if kind == "item":
        readable = subscriptions.readable_articles(user).filter(pk=target).exists()
        if not readable:
            return {}
        if action == "read":
            history.mark_many_read(user, [target], now)
        elif action == "unread":
            history.mark_many_unread(user, [target])
        elif action == "saved":
            saved.save_many(user, [target], now)
        elif action == "unsaved":
            saved.unsave(user, target)
        if action in {"saved", "unsaved"}:
            return {"saved_item_ids": _saved_ids(user)}
        return {"unread_item_ids": _unread_ids(user, articles)}
    if action != "read" or kind not in {"feed", "group"}:
        return {}
    chosen = articles
    if kind == "feed":
        chosen = chosen.filter(source_id=target)
    elif target != 0:
        folder = folders.folder_by_id(user, target)
        if folder is None:
            return {}
        chosen = chosen.filter(source__in=folder.sources.all())
    before = _number(params.get("before"))
    if before is not None and before < 10**11:
        chosen = chosen.filter(when__lte=datetime.fromtimestamp(before, tz=UTC))
    ids = list(subscriptions.unread(chosen, user).values_list("id", flat=True)[:50_000])
    history.mark_many_read(user, ids, now)
    return {"unread_item_ids": _unread_ids(user, articles)}
