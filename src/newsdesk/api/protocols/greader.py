"""The Google Reader API, the subset feed-reader apps use (as FreshRSS and Miniflux serve it).

Sign-in: ``POST accounts/ClientLogin`` with ``Email`` and ``Passwd`` (the reader's app password)
answers ``SID=…\\nLSID=…\\nAuth=…``; the apps then send ``Authorization: GoogleLogin auth=<Auth>``
(or ``Authorization: Bearer <Auth>``, as apps written for OAuth do). The Auth value is an access
token of scope ``reader_app``. Requests never use the session or the CSRF cookie, and answers
are never cached (they are per reader, the page cache keys on the URL).

What the apps see: subscriptions are the followed sources, labels (``user/-/label/<name>``) the
reader's folders; items are the articles of those sources; "starred" is the reading list and
"read" the reading history, so a change in an app shows on the site and the other way round.
Item ids are article ids, given in the short decimal form in id lists and the long form
``tag:google.com,2005:reader/item/<16 hex>`` in contents; both forms are accepted everywhere.
Lists run newest first (``r=o``: oldest first) and continue with an opaque ``c`` (the time and
id of the last item, so nothing repeats). This module signs in and serves the streams; the
subscriptions and labels are in ``greader_subscriptions``, the Atom form of the streams (older
apps read ``/reader/atom/<stream>``) in ``greader_atom``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from newsdesk.articles.models import Article, Enclosure
from newsdesk.desk import episodes, reading
from newsdesk.desk.body_images import with_body_images
from newsdesk.desk.readers import folders, history, saved, signin_limits, subscriptions
from newsdesk.desk.readers.app_passwords import user_for_app_login
from newsdesk.desk.readers.rules import screen_articles
from newsdesk.desk.readers.subscriptions import Articles
from newsdesk.desk.readers.tokens import forget_expired_tokens, issue_token, user_for_token
from newsdesk.readers.models import TokenScope

LONG_PREFIX = "tag:google.com,2005:reader/item/"
READING_LIST = "user/-/state/com.google/reading-list"
STARRED = "user/-/state/com.google/starred"
READ = "user/-/state/com.google/read"
KEPT_UNREAD = "user/-/state/com.google/kept-unread"
LABEL_PREFIX = "user/-/label/"
DEFAULT_COUNT = 20
MAX_IDS = 10_000
MAX_ITEMS = 1_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_USER_STATE = re.compile(r"^user/\d+/")
_CONTINUATION = re.compile(r"^(\d{1,17})-(\d{1,18})$")
_AUTHORIZATION = re.compile(r"^(?:GoogleLogin\s+auth=|Bearer\s+)(\S+)$", re.IGNORECASE)

View = Callable[..., HttpResponse]


class ProtocolError(Exception):
    """A request the protocol answers with an error status and a short text."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _params(request: HttpRequest) -> QueryDict:
    """Query and form parameters together (apps put POST parameters in either)."""
    merged = request.GET.copy()
    for key, values in request.POST.lists():
        merged.setlist(key, merged.getlist(key) + values)
    return merged


def _token_of(request: HttpRequest) -> str:
    """The token of ``Authorization: GoogleLogin auth=<token>`` or ``Bearer <token>``."""
    header = request.headers.get("Authorization", "")
    match = _AUTHORIZATION.match(header.strip())
    return match.group(1) if match else ""


def action_token(user: User) -> str:
    """The token apps send back as ``T`` on writes: stable per reader, 57 characters."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"greader-action:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:57]


def protocol_view(method: str = "GET") -> Callable[[View], View]:
    """An app endpoint: token auth, no CSRF, never cached, errors as short texts."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if method == "POST" and request.method != "POST":
                return HttpResponse("Method not allowed", status=405, content_type="text/plain")
            user = user_for_token(_token_of(request), TokenScope.READER_APP, timezone.now())
            if not isinstance(user, User):
                return HttpResponse("Unauthorized!", status=401, content_type="text/plain")
            params = _params(request)
            given = params.get("T", "")
            if request.method == "POST" and given and given != action_token(user):
                response = HttpResponse("Unauthorized!", status=401, content_type="text/plain")
                response["X-Reader-Google-Bad-Token"] = "true"
                return response
            try:
                return view(request, user, params, *args, **kwargs)
            except ProtocolError as error:
                return HttpResponse(str(error), status=error.status, content_type="text/plain")

        return csrf_exempt(never_cache(wrapper))

    return decorate


@csrf_exempt
@never_cache
def client_login(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    email, password = params.get("Email", ""), params.get("Passwd", "")
    address = request.META.get("REMOTE_ADDR", "")
    if signin_limits.refused("reader-app", email, address):
        return HttpResponse("Error=TooManyAttempts\n", status=429, content_type="text/plain")
    clean = "\x00" not in email + password and 0 < len(email) <= 254
    user = user_for_app_login(email, password) if clean else None
    if user is None:
        signin_limits.count_failure("reader-app", email, address)
        return HttpResponse("Error=BadAuthentication\n", status=401, content_type="text/plain")
    now = timezone.now()
    forget_expired_tokens(user, now)  # each sign-in of an app makes a token: keep the live ones
    secret = issue_token(user, now, scope=TokenScope.READER_APP, name="Reader app")
    body = f"SID={secret.secret}\nLSID=null\nAuth={secret.secret}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@protocol_view()
def token(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    return HttpResponse(action_token(user), content_type="text/plain")


@protocol_view()
def user_info(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    return JsonResponse(
        {
            "userId": str(user.pk),
            "userName": user.get_username(),
            "userProfileId": str(user.pk),
            "userEmail": getattr(user, "email", ""),
        }
    )


def _usec(when: datetime) -> int:
    return (when - _EPOCH) // timedelta(microseconds=1)


def _from_usec(value: int) -> datetime:
    return _EPOCH + timedelta(microseconds=value)


def label_id(name: str) -> str:
    return f"{LABEL_PREFIX}{name}"


def label_name(stream: str) -> str | None:
    """The folder name of a label stream (``user/-/label/<name>``, any user), else None."""
    normal = normal_stream(stream)
    return normal.removeprefix(LABEL_PREFIX) if normal.startswith(LABEL_PREFIX) else None


def feed_url(stream: str) -> str:
    return stream.removeprefix("feed/").strip()


@protocol_view()
def unread_count(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    """Unread articles per subscription, per label and in all (as Google Reader counted them)."""
    counts = subscriptions.unread_counts(user)
    rows = []
    total, newest_all = 0, 0
    for sub in subscriptions.subscriptions(user):
        count, newest = counts.get(sub.source.pk, (0, None))
        newest_usec = _usec(newest) if newest else 0
        total += count
        newest_all = max(newest_all, newest_usec)
        rows.append(_count_row(f"feed/{sub.feed_url}", count, newest_usec))
    for folder in folders.folders_of(user):
        members = [counts.get(source.pk, (0, None)) for source in folder.sources.all()]
        newest_in = max((_usec(when) for _, when in members if when), default=0)
        rows.append(_count_row(label_id(folder.name), sum(n for n, _ in members), newest_in))
    rows.append(_count_row(READING_LIST, total, newest_all))
    return JsonResponse({"max": total, "unreadcounts": rows})


def _count_row(stream: str, count: int, newest_usec: int) -> dict[str, Any]:
    return {"id": stream, "count": count, "newestItemTimestampUsec": str(newest_usec)}


def normal_stream(stream: str) -> str:
    """``user/1234/state/...`` (a numeric user id) means the same as ``user/-/state/...``."""
    return _USER_STATE.sub("user/-/", stream.strip())


def _stream(user: User, stream_id: str) -> Articles:
    stream = normal_stream(stream_id) or READING_LIST
    if stream == READING_LIST:
        return subscriptions.subscribed_articles(user)
    if stream == STARRED:
        return subscriptions.saved_articles_stream(user)
    if stream == READ:
        return subscriptions.read_articles_stream(user)
    if stream.startswith(LABEL_PREFIX):
        return subscriptions.label_articles(user, stream.removeprefix(LABEL_PREFIX))
    if stream.startswith("feed/"):
        url = feed_url(stream)
        source = subscriptions.source_of_feed(url) or subscriptions.own_newsletter(user, url)
        articles = subscriptions.subscribed_articles(user)
        return articles.filter(source=source) if source else articles.none()
    raise ProtocolError(400, f"Unknown stream {stream_id!r}")


def _seconds(params: QueryDict, name: str) -> datetime | None:
    value = params.get(name, "")
    if not value.isdigit() or len(value) > 11:
        return None
    return _EPOCH + timedelta(seconds=int(value))


def selected(user: User, params: QueryDict, stream_id: str) -> Articles:
    """A stream with the filters the apps send: xt/it (states), ot/nt (times), r, c."""
    articles = _stream(user, stream_id)
    for target in map(normal_stream, params.getlist("xt")):
        if target == READ:
            articles = subscriptions.unread(articles, user)
        elif target == STARRED:
            articles = articles.exclude(pk__in=saved.saved_article_ids(user))
    for target in map(normal_stream, params.getlist("it")):
        if target == READ:
            articles = articles.filter(pk__in=history.read_article_ids(user))
        elif target == STARRED:
            articles = articles.filter(pk__in=saved.saved_article_ids(user))
    newer, older = _seconds(params, "ot"), _seconds(params, "nt")
    if newer is not None:
        articles = articles.filter(when__gte=newer)
    if older is not None:
        articles = articles.filter(when__lt=older)
    oldest_first = params.get("r") == "o"
    if oldest_first:
        articles = articles.order_by("when", "id")
    match = _CONTINUATION.match(params.get("c", ""))
    if match:
        when, pk = _from_usec(int(match.group(1))), int(match.group(2))
        if oldest_first:
            articles = articles.filter(Q(when__gt=when) | Q(when=when, pk__gt=pk))
        else:
            articles = articles.filter(Q(when__lt=when) | Q(when=when, pk__lt=pk))
    return articles


def count_of(params: QueryDict, most: int) -> int:
    value = params.get("n", "")
    return min(max(int(value), 1), most) if value.isdigit() and len(value) < 9 else DEFAULT_COUNT


def page(articles: Articles, count: int, user: User) -> tuple[list[Article], str]:
    """A page of the stream as the reader's rules let it through; the continuation comes from
    the rows read, so what the rules hide is skipped, never what follows it."""
    rows = list(articles[: count + 1])
    shown = screen_articles(user, rows[:count])
    if len(rows) <= count:
        return shown, ""
    last = rows[count - 1]
    return shown, f"{_usec(subscriptions.when_of(last))}-{last.pk}"


@protocol_view()
def stream_item_ids(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    rows, continuation = page(
        selected(user, params, params.get("s", READING_LIST))
        .select_related(None)
        .only("id", "published_at", "created_at"),
        count_of(params, MAX_IDS),
        user,
    )
    refs = [
        {
            "id": str(a.pk),
            "directStreamIds": [],
            "timestampUsec": str(_usec(subscriptions.when_of(a))),
        }
        for a in rows
    ]
    body: dict[str, Any] = {"itemRefs": refs}
    if continuation:
        body["continuation"] = continuation
    return JsonResponse(body)


def parse_item_id(value: str) -> int | None:
    """An article id from the long form, 16 hex digits, or the short decimal form."""
    text = value.strip()
    try:
        if text.startswith(LONG_PREFIX):
            return int(text.removeprefix(LONG_PREFIX), 16)
        if text.lstrip("-").isdigit():
            number = int(text)
            return number if number >= 0 else number + (1 << 64)
        if re.fullmatch(r"[0-9a-fA-F]{16}", text):
            return int(text, 16)
    except ValueError:
        return None
    return None


def long_id(article_id: int) -> str:
    return f"{LONG_PREFIX}{article_id:016x}"


def items_of(request: HttpRequest, user: User, articles: list[Article]) -> list[dict[str, Any]]:
    """The items of the JSON streams: states and labels as categories, the reader's titles;
    images in their contents are the site's copies, by full address."""
    ids = [a.pk for a in articles]
    with_body_images(articles)
    starred, read = saved.saved_ids(user, ids), history.read_ids(user, ids)
    files = episodes.enclosures_of(ids)
    titles = subscriptions.subscription_titles(user)
    labels = folders.folder_names_by_source(user)
    feed_urls: dict[int, str] = {}
    items = []
    for article in articles:
        source = article.source
        if source.pk not in feed_urls:
            feed_urls[source.pk] = subscriptions.feed_url_of(source)
        when = subscriptions.when_of(article)
        body = reading.readable_body(article, request.build_absolute_uri)
        content = body.html if body.mode == reading.BodyMode.FULL else ""
        if not content and body.excerpt:
            content = f"<p>{escape(body.excerpt)}</p>"
        filed = getattr(article, "rule_verdict", None)  # folders a rule put it in
        categories = [READING_LIST, *map(label_id, labels.get(source.pk, []))]
        categories += [label_id(name) for name in (filed.folders if filed else ())]
        if article.pk in read:
            categories.append(READ)
        if article.pk in starred:
            categories.append(STARRED)
        link = reading.web_url(article.url)
        item: dict[str, Any] = {
            "id": long_id(article.pk),
            "crawlTimeMsec": str(_usec(article.created_at) // 1000),
            "timestampUsec": str(_usec(when)),
            "published": int(when.timestamp()),
            "updated": int(article.updated_at.timestamp()),
            "title": article.title,
            "author": article.byline,
            "canonical": [{"href": link}],
            "alternate": [{"href": link, "type": "text/html"}],
            "summary": {"direction": "ltr", "content": content},
            "categories": categories,
            "origin": {
                "streamId": f"feed/{feed_urls[source.pk]}",
                "title": titles.get(source.slug) or source.name,
                "htmlUrl": source.home_url,
            },
        }
        if body.mode != reading.BodyMode.LINK and article.pk in files:
            item["enclosure"] = enclosure_list(files[article.pk])
        items.append(item)
    return items


def enclosure_list(files: list[Enclosure]) -> list[dict[str, str]]:
    """An episode's files as Google Reader listed enclosures: ``href``, ``type`` and, when
    known, ``length`` (a string of bytes, as it wrote it)."""
    listed = []
    for file in files:
        row = {"href": file.url, "type": file.media_type}
        if file.length:
            row["length"] = str(file.length)
        listed.append(row)
    return listed


def requested(user: User, params: QueryDict) -> list[Article]:
    """The readable articles named by the ``i`` parameters, in the order asked."""
    ids = map(parse_item_id, params.getlist("i"))
    wanted = [pk for pk in ids if pk is not None and 0 < pk <= saved.MAX_ID]
    if len(wanted) > MAX_ITEMS:
        raise ProtocolError(400, f"At most {MAX_ITEMS} items at once")
    found = subscriptions.readable_articles(user).in_bulk(wanted)
    return [found[pk] for pk in dict.fromkeys(wanted) if pk in found]


@protocol_view()
def stream_items_contents(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    items = items_of(request, user, requested(user, params))
    body = {"id": READING_LIST, "updated": int(timezone.now().timestamp()), "items": items}
    return JsonResponse(body)


@protocol_view()
def stream_contents(
    request: HttpRequest, user: User, params: QueryDict, stream_id: str = ""
) -> HttpResponse:
    stream = stream_id or params.get("s", READING_LIST)
    rows, continuation = page(selected(user, params, stream), count_of(params, MAX_ITEMS), user)
    body: dict[str, Any] = {
        "id": normal_stream(stream),
        "updated": int(timezone.now().timestamp()),
        "items": items_of(request, user, rows),
    }
    if continuation:
        body["continuation"] = continuation
    return JsonResponse(body)


@protocol_view("POST")
def edit_tag(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    ids = [a.pk for a in requested(user, params)]
    now = timezone.now()
    added = set(map(normal_stream, params.getlist("a")))
    removed = set(map(normal_stream, params.getlist("r")))
    if READ in added:
        history.mark_many_read(user, ids, now)
    if READ in removed or KEPT_UNREAD in added:
        history.mark_many_unread(user, ids)
    if STARRED in added:
        saved.save_many(user, ids, now)
    if STARRED in removed:
        for pk in ids:
            saved.unsave(user, pk)
    return HttpResponse("OK", content_type="text/plain")


@protocol_view("POST")
def mark_all_as_read(request: HttpRequest, user: User, params: QueryDict) -> HttpResponse:
    articles = subscriptions.unread(_stream(user, params.get("s", READING_LIST)), user)
    stamp = params.get("ts", "")
    if stamp.isdigit() and len(stamp) <= 17:
        articles = articles.filter(when__lte=_from_usec(int(stamp)))
    ids = list(articles.values_list("id", flat=True)[:50_000])
    history.mark_many_read(user, ids, timezone.now())
    return HttpResponse("OK", content_type="text/plain")
