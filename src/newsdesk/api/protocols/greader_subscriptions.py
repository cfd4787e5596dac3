"""Subscriptions and labels of the Google Reader API (see ``greader`` for sign-in and streams).

- ``subscription/list``: each subscription with the reader's title, its labels as categories,
  the feed's site and an icon (the source's logo, else the site's ``/favicon.ico``).
- ``subscription/edit``: ``ac=subscribe|unsubscribe|edit`` for each ``s=feed/<url>``; ``t=`` is the
  reader's own title (empty: the source's name), ``a=user/-/label/X`` puts the subscription in
  the folder X (made when needed) and ``r=user/-/label/X`` takes it out. Subscribing to an
  address newsdesk does not know fetches it first, as ``quickadd`` does.
- ``subscription/quickadd``: a feed or site address; answers ``numResults`` 1 and the stream,
  or 0 and the error.
- ``subscription/export`` and ``subscription/import``: OPML with labels as folders.
- ``tag/list``, ``rename-tag`` (``s=`` or ``t=``, and ``dest=``), ``disable-tag`` (the folder
  goes, its feeds stay subscribed).

Errors are the protocol's: a short text with 400 (bad input) or 404 (no such feed or label).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone

from newsdesk.api.protocols.greader import (
    STARRED,
    ProtocolError,
    feed_url,
    label_id,
    label_name,
    protocol_view,
)
from newsdesk.desk.readers import folders, subscriptions
from newsdesk.desk.readers.following import FollowError
from newsdesk.desk.readers.opml import export_for_reader, import_for_reader
from newsdesk.desk.runtime import get_fetcher
from newsdesk.errors import NewsdeskError, OPMLError
from newsdesk.sources.models import Source

log = logging.getLogger(__name__)
OK = "OK"
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _ok() -> HttpResponse:
    return HttpResponse(OK, content_type="text/plain")


@protocol_view()
def subscription_list(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    labels = folders.folder_names_by_source(user)
    subs = [
        {
            "id": f"feed/{sub.feed_url}",
            "title": sub.title,
            "categories": [
                {"id": label_id(name), "label": name, "type": "folder"}
                for name in labels.get(sub.source.pk, [])
            ],
            "url": sub.feed_url,
            "htmlUrl": sub.html_url,
            "iconUrl": request.build_absolute_uri(sub.icon_url) if sub.icon_url else "",
        }
        for sub in subscriptions.subscriptions(user)
    ]
    return JsonResponse({"subscriptions": subs})


def _labels(streams: list[str]) -> list[str]:
    names = (label_name(stream) for stream in streams)
    return [name for name in names if name is not None]


@protocol_view("POST")
def subscription_edit(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    action = params.get("ac", "")
    streams = params.getlist("s")
    if action not in {"subscribe", "unsubscribe", "edit"} or not streams:
        raise ProtocolError(400, "Give ac=subscribe|unsubscribe|edit and s=feed/<url>")
    titles = params.getlist("t")
    added, removed = _labels(params.getlist("a")), _labels(params.getlist("r"))
    now = timezone.now()
    for index, stream in enumerate(streams):
        url = feed_url(stream)
        if action == "unsubscribe":
            subscriptions.unsubscribe_feed(user, url)
            continue
        source = _subscribed(user, url, now) if action == "subscribe" else _existing(user, url)
        title = titles[index] if index < len(titles) else None
        _edit(user, source, title, added, removed, now)
    return _ok()


def _subscribed(user: User, url: str, now: datetime) -> Source:
    try:
        return subscriptions.subscribe_feed(user, url, now, get_fetcher()).source
    except NewsdeskError as error:
        raise ProtocolError(404, str(error)) from error


def _existing(user: User, url: str) -> Source:
    source = subscriptions.subscribed_source(user, url)
    if source is None:
        raise ProtocolError(404, "No such subscription")
    return source


def _edit(
    user: User,
    source: Source,
    title: str | None,
    added: list[str],
    removed: list[str],
    now: datetime,
) -> None:
    try:
        if title is not None:
            subscriptions.rename_subscription(user, source, title)
        for name in added:
            folders.add_to_folder(user, name, source, now)
        for name in removed:
            folders.remove_from_folder(user, name, source)
    except FollowError as error:
        raise ProtocolError(400, str(error)) from error


@protocol_view("POST")
def quickadd(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    query = params.get("quickadd", "").strip()
    try:
        sub = subscriptions.subscribe_feed(user, feed_url(query), timezone.now(), get_fetcher())
    except NewsdeskError as error:
        return JsonResponse({"numResults": 0, "query": query, "error": str(error)})
    return JsonResponse(
        {
            "numResults": 1,
            "query": query,
            "streamId": f"feed/{sub.feed_url}",
            "streamName": sub.title,
        }
    )


@protocol_view()
def subscription_export(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    response = HttpResponse(export_for_reader(user), content_type="text/x-opml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="newsdesk-subscriptions.opml"'
    return response


def _opml_of(request: HttpRequest, params: QueryDict) -> bytes:
    """The OPML file: the first file of a form, its ``opml`` field, or the request's body."""
    uploads = [upload for name in request.FILES for upload in request.FILES.getlist(name)]
    if uploads:
        return uploads[0].read()
    if request.content_type in FORMS:
        return params.get("opml", "").encode("utf-8", "surrogatepass")
    return request.body


@protocol_view("POST")
def subscription_import(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    try:
        report = import_for_reader(user, _opml_of(request, params), timezone.now())
    except OPMLError as error:
        raise ProtocolError(400, str(error)) from error
    for address, problem in report.failures:
        log.info("subscription import skipped %s: %s", address[:200], problem)
    return _ok()


@protocol_view()
def tag_list(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    labels = [
        {"id": label_id(folder.name), "type": "folder"} for folder in folders.folders_of(user)
    ]
    return JsonResponse({"tags": [{"id": STARRED}, *labels]})


def _named_label(params: QueryDict) -> str:
    """The label a tag request is about: ``s=user/-/label/X`` or ``t=X``."""
    name = label_name(params.get("s", "")) or params.get("t", "").strip()
    if not name:
        raise ProtocolError(400, "Give s=user/-/label/<name> or t=<name>")
    return name


@protocol_view("POST")
def rename_tag(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    old = _named_label(params)
    dest = params.get("dest", "")
    new = label_name(dest) or dest.strip()
    try:
        renamed = folders.rename_folder(user, old, new)
    except FollowError as error:
        raise ProtocolError(400, str(error)) from error
    if renamed is None:
        raise ProtocolError(404, "No such label")
    return _ok()


@protocol_view("POST")
def disable_tag(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    if not folders.delete_folder(user, _named_label(params)):
        raise ProtocolError(404, "No such label")
    return _ok()
