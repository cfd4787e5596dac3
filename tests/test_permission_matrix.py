"""The permission matrix: every JSON API route, every page action, the feed-reader protocols and
the admin's actions, tried by five callers: anonymous, reader (the owner of what is acted on),
other (another reader), moderator and admin.

Each row of ``MATRIX`` names a route, what to send, the answer each caller gets, in the order
``(anonymous, reader, other, moderator, admin)``, and optionally:

- ``state``: the owner's thing the row touches, read before and after the call; it must change
  for the callers in ``changed_by`` and stay exactly as it was for everyone else;
- ``check``: what the caller may see in the answer (another reader's lists are empty of the
  reader's things).

``test_every_route_has_a_row`` fails when a route has no row, so a new route needs one. The rows
are tried by ``tests.support.matrix``; the callers and their data are in
``tests.support.principals`` (made once for the module, each test in a savepoint of its own).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, Enclosure
from newsdesk.comments.models import BlockedWord, Comment, CommentReport
from newsdesk.desk.readers import folders
from newsdesk.desk.readers.digest_plans import PlanChoice, set_plan
from newsdesk.readers.digests import DigestPlan
from newsdesk.readers.models import (
    ApiToken,
    Folder,
    Follow,
    Mute,
    Reader,
    ReadMark,
    SavedArticle,
)
from newsdesk.readers.push import PushSettings, PushSubscription
from newsdesk.readers.rules import Rule
from newsdesk.readers.webhooks import Webhook
from newsdesk.sources.models import (
    Feed,
    HubSubscription,
    MailAddress,
    Source,
    WebSubPush,
    WebSubState,
    WebSubSubscription,
)
from newsdesk.stories.models import Placement, Story
from tests.support.matrix import (
    BACK,
    TO_ADMIN_SIGN_IN,
    TO_SIGN_IN,
    Check,
    Expected,
    Response,
    Row,
    State,
    action,
    admin_operations,
    api,
    api_operations,
    app,
    changelist,
    page,
    protocol_routes,
    row,
    run,
    web_routes,
)
from tests.support.principals import ACCOUNT_PASSWORD, PRINCIPALS, Principal, World, build_world
from tests.support.push import browser_keys

pytestmark = pytest.mark.django_db

SIGNED_IN = ("reader", "other", "moderator", "admin")
OWNER = ("reader",)
MODERATORS = ("moderator", "admin")
OWNER_AND_MODERATORS = ("reader", "moderator", "admin")
ADMINS = ("admin",)

# --- What the owner has, read before and after each call -------------------------------------


def reader_of(world: World) -> User:
    return world.user("reader")


def tokens_of_reader(world: World) -> list[int]:
    return sorted(ApiToken.objects.filter(user=reader_of(world)).values_list("pk", flat=True))


def follows_of_reader(world: World) -> list[tuple[str, str]]:
    return sorted(Follow.objects.filter(user=reader_of(world)).values_list("kind", "value"))


def folders_of_reader(world: World) -> list[tuple[str, list[int]]]:
    return [
        (folder.name, sorted(source.pk for source in folder.sources.all()))
        for folder in folders.folders_of(reader_of(world))
    ]


FOLDER_ID = 4242  # each test is rolled back, so the reader's folder can have a fixed id


def reader_has_a_folder(world: World) -> None:
    """The reader's folder "Harbour" with the followed source in it."""
    Folder.objects.create(pk=FOLDER_ID, user=reader_of(world), name="Harbour")
    folders.add_to_folder(reader_of(world), "Harbour", world.followed_source, timezone.now())


class OPMLUpload:
    """An OPML file with the reader's followed feed in a folder, read afresh for each caller."""

    name = "feeds.opml"
    content_type = "text/x-opml"

    def read(self) -> bytes:
        return b"""<opml version="2.0"><body><outline text="Harbour">
          <outline type="rss" text="River Post" xmlUrl="https://river-post.test/feed.xml"/>
        </outline></body></opml>"""


def mutes_of_reader(world: World) -> list[int]:
    return sorted(Mute.objects.filter(user=reader_of(world)).values_list("source_id", flat=True))


def saved_of_reader(world: World) -> list[int]:
    rows = SavedArticle.objects.filter(user=reader_of(world))
    return sorted(rows.values_list("article_id", flat=True))


def reads_of_reader(world: World) -> list[int]:
    return sorted(
        ReadMark.objects.filter(user=reader_of(world)).values_list("article_id", flat=True)
    )


def file_followed_source(world: World) -> None:
    """The reader keeps the followed source in a folder "News" (a Google Reader label)."""
    folders.add_to_folder(reader_of(world), "News", world.followed_source, timezone.now())


def profile_of_reader(world: World) -> object:
    reader = Reader.objects.get(user=reader_of(world))
    return (reader.region, reader.languages, reader.time_zone, reader.app_password)


def digest_of_reader(world: World) -> object:
    plan = DigestPlan.objects.filter(user=reader_of(world)).first()
    return (plan.frequency, plan.hour, plan.next_due_at) if plan else None


def reader_gets_digests(world: World) -> None:
    set_plan(reader_of(world), PlanChoice("daily", 7, 0, "en"), timezone.now())


WEBSUB_KEY = "matrix-callback"


def websub_of_feed(world: World) -> object:
    subscription = WebSubSubscription.objects.filter(callback_key=WEBSUB_KEY).first()
    if subscription is None:
        return None
    return (subscription.state, subscription.push_count, WebSubPush.objects.count())


def feed_awaits_verification(world: World) -> None:
    """The reader's followed feed has asked its hub for a subscription, not yet verified."""
    now = timezone.now()
    WebSubSubscription.objects.create(
        feed=world.feed,
        hub="https://hub.example.test/",
        topic=world.feed.url,
        callback_key=WEBSUB_KEY,
        secret="matrix-secret",
        requested_at=now,
        next_action_at=now + timedelta(minutes=10),
    )


def feed_is_subscribed(world: World) -> None:
    """The followed feed's subscription is live: its hub may push (signed) content."""
    now = timezone.now()
    feed_awaits_verification(world)
    WebSubSubscription.objects.filter(callback_key=WEBSUB_KEY).update(
        state=WebSubState.ACTIVE, requested_at=None, lease_ends_at=now + timedelta(days=1)
    )


HOOK_ID = 4343  # each test is rolled back, so the reader's webhook can have a fixed id


def webhooks_of_reader(world: World) -> object:
    hooks = Webhook.objects.filter(user=reader_of(world)).order_by("pk")
    return [(hook.url, hook.paused_at, hook.deliveries.count()) for hook in hooks]


def reader_has_a_paused_webhook(world: World) -> None:
    now = timezone.now()
    Webhook.objects.create(
        pk=HOOK_ID,
        user=reader_of(world),
        url="https://8.8.8.8/hook",
        secret="whsec_matrix",
        events=["story.new"],
        scanned_until=now,
        created_at=now,
        paused_at=now,
    )


NEWSLETTER_ID = 4545  # the reader's newsletter issue, private to them (decision 67)


def address_of_reader(world: World) -> object:
    found = MailAddress.objects.filter(user=reader_of(world)).first()
    return found.local_part if found else None


def reader_has_a_newsletter(world: World) -> None:
    reader = reader_of(world)
    MailAddress.objects.create(user=reader, local_part="news-matrixreader")
    source = Source.objects.create(
        name="Harbour Weekly",
        slug="newsletter-matrix",
        private_to=reader,
        newsletter_key="weekly.harbour.example",
    )
    Article.everything.create(
        pk=NEWSLETTER_ID,
        url="mid:matrix@harbour.example",
        url_hash="newsletter-matrix",
        source=source,
        private_to=reader,
        title="Harbour Weekly 12",
        text="The crane arrived.",
        html="<p>The crane arrived.</p>",
        status=ArticleStatus.READY,
        published_at=timezone.now(),
    )


def address_of_spare_source(world: World) -> object:
    found = MailAddress.objects.filter(source=world.spare_source).first()
    return found.local_part if found else None


def spare_source_has_an_address(world: World) -> None:
    MailAddress.objects.create(source=world.spare_source, local_part="source-matrixspare")


PUSH_ENDPOINT = "https://8.8.8.8/push/matrix"  # a public address: no name to resolve
PUSH_KEYS = browser_keys()


def push_of_reader(world: World) -> object:
    row = PushSettings.objects.filter(user=reader_of(world)).first()
    browsers = PushSubscription.objects.filter(user=reader_of(world))
    settings = (row.topics, row.quiet_start, row.daily_cap) if row else None
    return settings, sorted(browsers.values_list("endpoint", flat=True))


def reader_has_a_push_subscription(world: World) -> None:
    PushSubscription.objects.create(
        user=reader_of(world),
        endpoint=PUSH_ENDPOINT,
        p256dh=PUSH_KEYS["p256dh"],
        auth=PUSH_KEYS["auth"],
        created_at=timezone.now(),
    )


API_RULE = {"name": "No ferries", "terms": ["ferry"], "action": "hide"}
RULE_ID = 4444  # each test is rolled back, so the reader's rule can have a fixed id
RULE = {"name": "No ferries", "terms": "ferry", "field": "both", "action": "hide", "enabled": "on"}


def rules_of_reader(world: World) -> object:
    rules = Rule.objects.filter(user=reader_of(world)).order_by("pk")
    return [(rule.name, rule.terms, rule.action, rule.enabled) for rule in rules]


def article_has_a_file(world: World) -> None:
    """The article is an episode: it has a sound file (the player's place is kept for it)."""
    Enclosure.objects.get_or_create(
        article=world.article,
        rank=0,
        defaults={"url": "https://cdn.example.test/episode.mp3", "media_type": "audio/mpeg"},
    )


def hub_subscriptions(world: World) -> object:
    return sorted(HubSubscription.objects.values_list("topic", "callback", "active"))


def reader_has_a_rule(world: World) -> None:
    Rule.objects.create(pk=RULE_ID, user=reader_of(world), terms=["harbour"], action="highlight")


def standing_of(name: str) -> State:
    """An account's role, flags and ban."""

    def read(world: World) -> object:
        user = User.objects.get(pk=world.user(name).pk)
        reader = Reader.objects.get(user=user)
        return (reader.role, user.is_staff, user.is_superuser, reader.banned_at)

    return read


def comment_state(attribute: str) -> State:
    def read(world: World) -> object:
        comment = Comment.objects.get(pk=getattr(world, attribute).pk)
        return (comment.status, comment.body, comment.report_count)

    return read


def comments_on_story(world: World) -> object:
    return Comment.objects.filter(story=world.story).count()


def story_merged_into(world: World) -> object:
    return Story.objects.get(pk=world.story.pk).merged_into_id


def story_of_second_article(world: World) -> object:
    return Placement.objects.get(article=world.second_article).story_id


def exists(model: Any, attribute: str) -> State:
    return lambda world: model.objects.filter(pk=getattr(world, attribute).pk).exists()


def account_exists(name: str) -> State:
    return lambda world: User.objects.filter(pk=world.user(name).pk).exists()


def accounts(world: World) -> object:
    """Every account there is (a deletion changes it, whoever's it was)."""
    return sorted(User.objects.values_list("pk", flat=True))


def feed_due(world: World) -> object:
    return Feed.objects.get(pk=world.feed.pk).next_check_at


def ban_reader_first(world: World) -> None:
    Reader.objects.filter(user=reader_of(world)).update(banned_at=world.comment.created_at)


# --- What each caller may see -----------------------------------------------------------------


def body(response: Response) -> Any:
    return json.loads(response.content)


def own_email(world: World, who: Principal, response: Response) -> None:
    assert body(response)["email"] == who.user.email  # type: ignore[union-attr]


def owner_only(found: Callable[[World, Any], bool]) -> Check:
    """The reader's thing is in the answer for the reader and for nobody else."""

    def check(world: World, who: Principal, response: Response) -> None:
        content = body(response) if "json" in response["Content-Type"] else response
        assert found(world, content) == (who.name == "reader"), who.name

    return check


def ids_in(items: list[dict[str, Any]], key: str = "id") -> set[Any]:
    return {item[key] for item in items}


def results(content: Any) -> list[dict[str, Any]]:
    return content["results"] if isinstance(content, dict) else content


def article_ids(content: Any) -> set[int]:
    return {item["article"]["id"] for item in results(content)}


def text(response: Any) -> str:
    return response.content.decode() if hasattr(response, "content") else str(response)


def held_comment_seen(world: World, who: Principal, response: Response) -> None:
    shown = ids_in(body(response)["comments"])
    assert world.comment.pk in shown
    assert (world.held_comment.pk in shown) == (who.name in OWNER_AND_MODERATORS), who.name


def only_the_device_list(world: World, who: Principal, response: Response) -> None:
    got = {entry["article"]["id"] for entry in body(response)}
    wanted = {world.second_article.pk}
    assert got == (wanted | {world.article.pk} if who.name == "reader" else wanted)


def new_token_is_the_readers(world: World, who: Principal, response: Response) -> None:
    assert ApiToken.objects.get(pk=body(response)["id"]).user_id == reader_of(world).pk


def own_user_info(world: World, who: Principal, response: Response) -> None:
    assert body(response)["userEmail"] == who.user.email  # type: ignore[union-attr]


def fever_answer(world: World, who: Principal, response: Response) -> None:
    data = body(response)
    assert data["auth"] == (0 if who.name == "anonymous" else 1)
    if who.signed_in:
        saved_ids = data["saved_item_ids"].split(",") if data["saved_item_ids"] else []
        assert (str(world.article.pk) in saved_ids) == (who.name == "reader"), who.name
        feed_ids = {feed["id"] for feed in data["feeds"]}
        assert (world.followed_source.pk in feed_ids) == (who.name == "reader"), who.name
        item_ids = {item["id"] for item in data["items"]}
        assert (world.article.pk in item_ids) == (who.name == "reader"), who.name


def feed_of_reader(world: World, who: Principal, response: Response) -> None:
    assert "newsdesk: for reader" in text(response)


readers_token_listed = owner_only(lambda w, c: w.spare_token_id in ids_in(c))
readers_follow_listed = owner_only(lambda w, c: w.topic_follow.pk in ids_in(c))
readers_mute_listed = owner_only(
    lambda w, c: w.muted_source.slug in {m["source"]["slug"] for m in c}
)
readers_article_listed = owner_only(lambda w, c: w.article.pk in article_ids(c))
readers_subscription = owner_only(
    lambda w, c: f"feed/{w.feed.url}" in ids_in(c.get("subscriptions", c.get("unreadcounts")))
)
readers_item_ids = owner_only(lambda w, c: str(w.article.pk) in ids_in(c["itemRefs"]))
readers_items = owner_only(
    lambda w, c: any(i["id"].endswith(f"{w.article.pk:016x}") for i in c["items"])
)
token_prefix_on_page = owner_only(
    lambda w, c: ApiToken.objects.get(pk=w.spare_token_id).prefix in text(c)
)
topic_on_page = owner_only(lambda w, c: "harbour" in text(c))
feed_in_opml = owner_only(lambda w, c: w.feed.url in text(c))
readers_folder_listed = owner_only(lambda w, c: "Harbour" in {folder["name"] for folder in c})

readers_atom_items = owner_only(lambda w, c: f"reader/item/{w.article.pk:016x}<" in text(c))

OWN_DATA = (401, 200, 200, 200, 200)  # each signed-in caller's own data; visitors get 401
PUBLIC = (200, 200, 200, 200, 200)
NOT_YOURS = (401, 204, 404, 404, 404)  # the reader's row by id: others find nothing there
FORM = (TO_SIGN_IN, BACK, BACK, BACK, BACK)  # a signed-in reader's own form
COMMENT_FORM = (BACK, BACK, BACK, BACK, BACK)  # refusals come back with a message
APP = (401, 200, 200, 200, 200)
ADMIN_ONLY = (TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, 403, BACK)
MODERATION = (TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, BACK, BACK)
ROLE_CHANGE = MODERATION  # moderators see the list, but the action is not offered to them
STAFF_LIST = (TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, 200, 200)
ADMIN_LIST = (TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, 403, 200)
STORY_CORRECTION = (403, 403, 403, 403, BACK)
V1 = "/api/v1"
G0 = "reader/api/0"
STARRED = "user/-/state/com.google/starred"
LABEL_REFUSED = (401, 200, 404, 404, 404)  # only the reader has the label
IMPORTED_OPML = (
    '<opml version="2.0"><body><outline text="News">'
    '<outline type="rss" text="Imported" xmlUrl="https://imported.example.test/feed.xml"/>'
    "</outline></body></opml>"
)

API_ROWS = [
    api("GET", f"{V1}/stories", PUBLIC),
    api("GET", f"{V1}/stories/{{story_id}}", PUBLIC),
    api("GET", f"{V1}/stories/{{story_id}}/related", PUBLIC),
    api("GET", f"{V1}/blindspots", PUBLIC),
    api("GET", f"{V1}/accuracy", PUBLIC),
    api("GET", f"{V1}/articles", PUBLIC),
    api("GET", f"{V1}/articles/{{article_id}}", PUBLIC),
    api("GET", f"{V1}/sources", PUBLIC),
    api("GET", f"{V1}/sources/{{slug}}", PUBLIC),
    api("GET", f"{V1}/sources/{{slug}}/articles", PUBLIC),
    api("GET", f"{V1}/regions", PUBLIC, path=f"{V1}/regions?q=Kharkiv"),
    api("GET", f"{V1}/regions/{{slug}}", PUBLIC, path=f"{V1}/regions/kharkiv"),
    api("GET", f"{V1}/regions/{{slug}}/stories", PUBLIC, path=f"{V1}/regions/kharkiv/stories"),
    api("GET", f"{V1}/topics", PUBLIC),
    api("GET", f"{V1}/topics/{{slug}}/stories", PUBLIC, path=f"{V1}/topics/business/stories"),
    api("GET", f"{V1}/editions", PUBLIC),
    api("GET", f"{V1}/search", PUBLIC, path=f"{V1}/search?q=ferry"),
    api("GET", f"{V1}/search/topics/{{term}}", PUBLIC, path=f"{V1}/search/topics/ferry"),
    api("POST", f"{V1}/ai/articles/{{article_id}}", PUBLIC, data={"task": "line"}),
    api("POST", f"{V1}/ai/stories/{{story_id}}/brief", PUBLIC, data={}),
    api("GET", f"{V1}/ai/summaries/{{summary_id}}", PUBLIC),
    # Without a language model (the matrix's setting) translation is refused alike for all.
    api(
        "POST",
        f"{V1}/ai/articles/{{article_id}}/translation",
        (503, 503, 503, 503, 503),
        data={"to": "de"},
    ),
    api(
        "POST",
        f"{V1}/ai/summaries/{{summary_id}}/translation",
        (503, 503, 503, 503, 503),
        data={"to": "de"},
    ),
    api("GET", f"{V1}/ai/translations/{{summary_id}}", (404, 404, 404, 404, 404)),
    api(
        "GET",
        f"{V1}/comments",
        PUBLIC,
        path=f"{V1}/comments?story={{story_id}}",
        check=held_comment_seen,
    ),
    api(
        "POST",
        f"{V1}/comments",
        (401, 201, 201, 201, 201),
        data={"story": "{story_id}", "body": "Good news for the east bank."},
        state=comments_on_story,
        changed_by=SIGNED_IN,
    ),
    api(
        "PATCH",
        f"{V1}/comments/{{comment_id}}",
        (401, 200, 403, 403, 403),
        data={"body": "The ferry will help the whole city."},
        state=comment_state("comment"),
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/comments/{{comment_id}}",
        (401, 204, 403, 204, 204),
        state=comment_state("comment"),
        changed_by=OWNER_AND_MODERATORS,
    ),
    api(
        "POST",
        f"{V1}/comments/{{comment_id}}/report",
        (401, 422, 409, 201, 201),  # not one's own; other reported it already
        data={"reason": "rude"},
        state=comment_state("comment"),
        changed_by=MODERATORS,
    ),
    api(
        "POST",
        f"{V1}/comments/{{comment_id}}/hide",
        (401, 403, 403, 200, 200),
        data={},
        state=comment_state("comment"),
        changed_by=MODERATORS,
    ),
    api(
        "POST",
        f"{V1}/comments/{{comment_id}}/restore",
        (401, 403, 403, 200, 200),
        path=f"{V1}/comments/{{held_comment_id}}/restore",
        data={},
        state=comment_state("held_comment"),
        changed_by=MODERATORS,
    ),
    api(
        "POST",
        f"{V1}/comments/{{comment_id}}/ban-author",
        (401, 403, 403, 200, 200),
        data={},
        state=standing_of("reader"),
        changed_by=MODERATORS,
    ),
    api(
        "POST",
        f"{V1}/comments/{{comment_id}}/ban-author",
        (401, 403, 403, 422, 403),  # nobody bans a moderator here; not oneself either
        path=f"{V1}/comments/{{moderators_comment_id}}/ban-author",
        data={},
        state=standing_of("moderator"),
        case="a moderator's comment",
    ),
    api("GET", f"{V1}/me", OWN_DATA, check=own_email),
    api(
        "PATCH",
        f"{V1}/me",
        OWN_DATA,
        data={"region": "Lyon"},
        state=profile_of_reader,
        changed_by=OWNER,
        check=own_email,
    ),
    api(
        "DELETE",
        f"{V1}/me",
        (401, 204, 403, 403, 403),  # the reader's password deletes only the reader's account
        data={"password": ACCOUNT_PASSWORD},
        state=accounts,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/tokens", OWN_DATA, check=readers_token_listed),
    api(
        "POST",
        f"{V1}/me/tokens",
        (401, 201, 201, 201, 201),
        data={"name": "phone"},
        state=tokens_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/tokens/{{token_id}}",
        NOT_YOURS,
        state=tokens_of_reader,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/follows", OWN_DATA, check=readers_follow_listed),
    api(
        "POST",
        f"{V1}/me/follows",
        (401, 201, 201, 201, 201),
        data={"kind": "topic", "value": "ferries"},
        state=follows_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/follows/{{follow_id}}",
        NOT_YOURS,
        state=follows_of_reader,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/mutes", OWN_DATA, check=readers_mute_listed),
    api(
        "POST",
        f"{V1}/me/mutes",
        (401, 201, 201, 201, 201),
        data={"source": "{slug}"},
        state=mutes_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/mutes/{{source_slug}}",
        NOT_YOURS,
        path=f"{V1}/me/mutes/{{muted_slug}}",
        state=mutes_of_reader,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/saved", OWN_DATA, check=readers_article_listed),
    api(
        "PUT",
        f"{V1}/me/saved/{{article_id}}",
        OWN_DATA,
        path=f"{V1}/me/saved/{{second_article_id}}",
        state=saved_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/saved/{{article_id}}",
        NOT_YOURS,
        state=saved_of_reader,
        changed_by=OWNER,
    ),
    api(
        "POST",
        f"{V1}/me/saved/sync",
        OWN_DATA,
        data={"article_ids": ["{second_article_id}"]},
        state=saved_of_reader,
        changed_by=OWNER,
        check=only_the_device_list,
    ),
    api("GET", f"{V1}/me/history", OWN_DATA, check=readers_article_listed),
    api(
        "PUT",
        f"{V1}/me/read/{{article_id}}",
        OWN_DATA,
        path=f"{V1}/me/read/{{second_article_id}}",
        state=reads_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/read/{{article_id}}",
        NOT_YOURS,
        state=reads_of_reader,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/for-you", OWN_DATA),
    api("GET", f"{V1}/me/playback/{{article_id}}", OWN_DATA, prepare=article_has_a_file),
    api(
        "PUT",
        f"{V1}/me/playback/{{article_id}}",
        OWN_DATA,
        prepare=article_has_a_file,
        data={"position": 42.5},
    ),
    api(
        "GET",
        f"{V1}/me/folders",
        OWN_DATA,
        prepare=reader_has_a_folder,
        check=readers_folder_listed,
    ),
    api(
        "POST",
        f"{V1}/me/folders",
        (401, 201, 201, 201, 201),
        data={"name": "Ferries"},
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    api(
        "PATCH",
        f"{V1}/me/folders/{{folder_id}}",
        (401, 200, 404, 404, 404),
        path=f"{V1}/me/folders/{FOLDER_ID}",
        data={"name": "Harbour news"},
        prepare=reader_has_a_folder,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/folders/{{folder_id}}",
        NOT_YOURS,
        path=f"{V1}/me/folders/{FOLDER_ID}",
        prepare=reader_has_a_folder,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    api(
        "GET",
        f"{V1}/me/newsletters",
        OWN_DATA,
        prepare=reader_has_a_newsletter,
        check=owner_only(lambda w, c: NEWSLETTER_ID in [a["id"] for a in c["latest"]]),
    ),
    api(
        "GET",
        f"{V1}/me/newsletters/{{article_id}}",
        (401, 200, 404, 404, 404),  # the reader's issue: others, admins too, find nothing
        path=f"{V1}/me/newsletters/{NEWSLETTER_ID}",
        prepare=reader_has_a_newsletter,
    ),
    api(
        "POST",
        f"{V1}/me/newsletters/rotate",
        OWN_DATA,  # each caller rotates their own; the reader's address changes only for them
        prepare=reader_has_a_newsletter,
        state=address_of_reader,
        changed_by=OWNER,
    ),
    api("GET", f"{V1}/me/rules", OWN_DATA, prepare=reader_has_a_rule),
    api(
        "POST",
        f"{V1}/me/rules",
        (401, 201, 201, 201, 201),
        data=API_RULE,
        state=rules_of_reader,
        changed_by=OWNER,
    ),
    api("POST", f"{V1}/me/rules/preview", OWN_DATA, data=API_RULE),
    api(
        "GET",
        f"{V1}/me/rules/{{rule_id}}",
        (401, 200, 404, 404, 404),
        path=f"{V1}/me/rules/{RULE_ID}",
        prepare=reader_has_a_rule,
    ),
    api(
        "GET",
        f"{V1}/me/rules/{{rule_id}}/caught",
        (401, 200, 404, 404, 404),
        path=f"{V1}/me/rules/{RULE_ID}/caught",
        prepare=reader_has_a_rule,
    ),
    api(
        "PUT",
        f"{V1}/me/rules/{{rule_id}}",
        (401, 200, 404, 404, 404),
        path=f"{V1}/me/rules/{RULE_ID}",
        data=API_RULE,
        prepare=reader_has_a_rule,
        state=rules_of_reader,
        changed_by=OWNER,
    ),
    api(
        "DELETE",
        f"{V1}/me/rules/{{rule_id}}",
        NOT_YOURS,
        path=f"{V1}/me/rules/{RULE_ID}",
        prepare=reader_has_a_rule,
        state=rules_of_reader,
        changed_by=OWNER,
    ),
    api(
        "PUT",
        f"{V1}/me/sources/{{source_slug}}/folders",
        OWN_DATA,  # each caller files the source in folders of their own
        path=f"{V1}/me/sources/{{slug}}/folders",
        data={"folders": ["Harbour news"]},
        prepare=reader_has_a_folder,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    api(
        "POST",
        f"{V1}/auth/token",
        (201, 201, 201, 201, 201),  # the reader's password signs in as the reader, for anyone
        data={"email": "reader@example.test", "password": ACCOUNT_PASSWORD},
        check=new_token_is_the_readers,
    ),
]

PAGE_ROWS = [
    page("GET", "profile", "/me/", (TO_SIGN_IN, 200, 200, 200, 200), check=token_prefix_on_page),
    page(
        "POST",
        "profile-save",
        "/me/profile/",
        FORM,
        data={"region": "Lyon", "languages": "fr", "time_zone": "Europe/Paris"},
        state=profile_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "token-create",
        "/me/tokens/",
        FORM,
        data={"name": "laptop", "scope": "api"},
        state=tokens_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "token-revoke",
        "/me/tokens/{token_id}/revoke/",
        FORM,
        state=tokens_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "app-password-set",
        "/me/app-password/",
        FORM,
        data={"password": "a brand new app password"},
        state=profile_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "app-password-clear",
        "/me/app-password/clear/",
        FORM,
        state=profile_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "digest-save",
        "/me/digest/",
        FORM,
        data={"frequency": "weekly", "hour": "18", "weekday": "4", "language": "de"},
        state=digest_of_reader,
        changed_by=OWNER,
    ),
    page("GET", "digest-preview", "/me/digest/preview/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page("GET", "rules", "/me/rules/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page("POST", "rules", "/me/rules/", FORM, data=RULE, state=rules_of_reader, changed_by=OWNER),
    page("POST", "rule-preview", "/me/rules/preview/", (TO_SIGN_IN, 200, 200, 200, 200), data=RULE),
    # No language model on the test site: the plain-words box is not there for anyone.
    page(
        "POST",
        "rule-words",
        "/me/rules/words/",
        (TO_SIGN_IN, 404, 404, 404, 404),
        data={"wish": "no ferries"},
    ),
    page(
        "GET",
        "rule",
        f"/me/rules/{RULE_ID}/",
        (TO_SIGN_IN, 200, 404, 404, 404),  # only its owner finds the reader's rule
        prepare=reader_has_a_rule,
    ),
    page(
        "POST",
        "rule",
        f"/me/rules/{RULE_ID}/",
        (TO_SIGN_IN, BACK, 404, 404, 404),
        data=RULE,
        prepare=reader_has_a_rule,
        state=rules_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "rule-delete",
        f"/me/rules/{RULE_ID}/delete/",
        (TO_SIGN_IN, BACK, 404, 404, 404),
        prepare=reader_has_a_rule,
        state=rules_of_reader,
        changed_by=OWNER,
    ),
    page("GET", "webhooks", "/me/webhooks/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page("GET", "notifications", "/me/notifications/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page("GET", "diet", "/me/diet/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page("GET", "blindspots", "/blindspots/", (200, 200, 200, 200, 200)),
    page("GET", "accuracy", "/accuracy/", (200, 200, 200, 200, 200)),
    page("GET", "newsletters", "/me/newsletters/", (TO_SIGN_IN, 200, 200, 200, 200)),
    page(
        "POST",
        "newsletter-rotate",
        "/me/newsletters/rotate/",
        FORM,  # each caller rotates their own address; the reader's changes only for them
        prepare=reader_has_a_newsletter,
        state=address_of_reader,
        changed_by=OWNER,
    ),
    page(
        "GET",
        "article-short",
        f"/article/{NEWSLETTER_ID}/",
        (404, 200, 404, 404, 404),  # a newsletter issue: its reader's alone, even for admins
        prepare=reader_has_a_newsletter,
        case="newsletter",
    ),
    page(
        "POST",
        "notifications",
        "/me/notifications/",
        FORM,
        data={"topics": "on", "quiet_start": "23", "quiet_end": "6", "daily_cap": "3"},
        state=push_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "push-subscribe",
        "/me/notifications/subscribe/",
        (TO_SIGN_IN, 201, 201, 201, 201),  # each caller subscribes a browser of their own
        data={"endpoint": PUSH_ENDPOINT, **PUSH_KEYS},
        state=push_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "push-unsubscribe",
        "/me/notifications/unsubscribe/",
        (TO_SIGN_IN, 200, 200, 200, 200),  # only the owner's call finds the browser
        data={"endpoint": PUSH_ENDPOINT},
        prepare=reader_has_a_push_subscription,
        state=push_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "webhooks",
        "/me/webhooks/",
        (TO_SIGN_IN, 200, 200, 200, 200),  # the answer shows the new secret once
        data={"url": "https://8.8.8.8/hook"},
        state=webhooks_of_reader,
        changed_by=OWNER,
    ),
    *(
        page(
            "POST",
            name,
            f"/me/webhooks/{HOOK_ID}/{action}/",
            (TO_SIGN_IN, BACK, 404, 404, 404),  # only its owner finds the reader's hook
            prepare=reader_has_a_paused_webhook,
            state=webhooks_of_reader,
            changed_by=OWNER,
        )
        for name, action in (
            ("webhook-delete", "delete"),
            ("webhook-resume", "resume"),
            ("webhook-test", "test"),
        )
    ),
    page(
        "GET",
        "digest-unsubscribe",
        "/digest/unsubscribe/{digest_token}/",
        PUBLIC,  # a page that asks; nothing changes
        prepare=reader_gets_digests,
        state=digest_of_reader,
    ),
    page(
        "POST",
        "digest-unsubscribe",
        "/digest/unsubscribe/{digest_token}/",
        PUBLIC,  # the address is the key: a mail client posts it with no session (RFC 8058)
        prepare=reader_gets_digests,
        state=digest_of_reader,
        changed_by=PRINCIPALS,
    ),
    page(
        "POST",
        "digest-unsubscribe",
        "/digest/unsubscribe/1.0:not-a-signature/",
        (404, 404, 404, 404, 404),
        prepare=reader_gets_digests,
        state=digest_of_reader,
        case="a forged token",
    ),
    page(
        "GET",
        "websub-callback",
        f"/websub/{WEBSUB_KEY}/?hub.mode=subscribe&hub.topic={{feed_url}}&hub.challenge=c4"
        "&hub.lease_seconds=86400",
        PUBLIC,  # a hub verifying the request newsdesk sent: its challenge is echoed
        prepare=feed_awaits_verification,
        state=websub_of_feed,
        changed_by=PRINCIPALS,
    ),
    page(
        "GET",
        "websub-callback",
        f"/websub/{WEBSUB_KEY}/?hub.mode=subscribe&hub.topic=https://elsewhere.test/&hub.challenge=c4",
        (404, 404, 404, 404, 404),
        prepare=feed_awaits_verification,
        state=websub_of_feed,
        case="a topic not subscribed",
    ),
    page(
        "POST",
        "websub-callback",
        f"/websub/{WEBSUB_KEY}/",
        (403, 403, 403, 403, 403),  # only a body signed with the subscription's secret counts
        data={"unsigned": "push"},
        prepare=feed_is_subscribed,
        state=websub_of_feed,
    ),
    page(
        "POST",
        "websub-hub",
        "/websub/hub",
        (404, 404, 404, 404, 404),  # the hub runs only at a public origin (none here)
        data={"hub.mode": "subscribe", "hub.topic": "http://testserver/feed.xml"},
        state=hub_subscriptions,
        case="a site without a public origin",
    ),
    page(
        "POST",
        "account-delete",
        "/me/delete/",
        (TO_SIGN_IN, BACK, 200, 200, 200),  # others' own accounts: not their password (an error)
        data={"password": ACCOUNT_PASSWORD},
        state=accounts,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "comments-story",
        "/comments/story/{story_id}/",
        COMMENT_FORM,
        data={"body": "Good news for the east bank."},
        state=comments_on_story,
        changed_by=SIGNED_IN,
    ),
    page(
        "POST",
        "comment-reply",
        "/comments/{comment_id}/reply/",
        COMMENT_FORM,
        data={"body": "Agreed, and for the west bank too."},
        state=comments_on_story,
        changed_by=SIGNED_IN,
    ),
    page(
        "POST",
        "comment-edit",
        "/comments/{comment_id}/edit/",
        COMMENT_FORM,
        data={"body": "The ferry will help the whole city."},
        state=comment_state("comment"),
        changed_by=OWNER,
    ),
    page(
        "POST",
        "comment-delete",
        "/comments/{comment_id}/delete/",
        COMMENT_FORM,
        state=comment_state("comment"),
        changed_by=OWNER_AND_MODERATORS,
    ),
    page(
        "POST",
        "comment-report",
        "/comments/{comment_id}/report/",
        COMMENT_FORM,
        data={"reason": "rude"},
        state=comment_state("comment"),
        changed_by=MODERATORS,  # not one's own; other reported it already
    ),
    page("GET", "for-you", "/for-you/", PUBLIC),
    page(
        "POST",
        "local",
        "/local/",
        (BACK, BACK, BACK, BACK, BACK),  # a visitor's place goes to a cookie, a reader's profile
        data={"q": "Kharkiv"},
        state=profile_of_reader,
        changed_by=OWNER,
    ),
    page(
        "GET", "following", "/me/following/", (TO_SIGN_IN, 200, 200, 200, 200), check=topic_on_page
    ),
    page(
        "POST",
        "follow",
        "/me/follow/",
        FORM,
        data={"kind": "source", "value": "{slug}", "action": "unfollow"},
        state=follows_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "mute",
        "/me/mute/",
        FORM,
        data={"source": "{muted_slug}", "action": "unmute"},
        state=mutes_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "feed-token",
        "/me/feed-token/",
        FORM,
        data={"action": "revoke"},
        state=tokens_of_reader,
        changed_by=OWNER,
    ),
    page("GET", "opml", "/me/opml/", (TO_SIGN_IN, 200, 200, 200, 200), check=feed_in_opml),
    page(
        "POST",
        "opml-import",
        "/me/opml/import/",
        FORM,
        data={"opml": OPMLUpload()},
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "folders",
        "/me/folders/",
        FORM,
        data={"action": "rename", "name": "Harbour", "new_name": "Harbour news"},
        prepare=reader_has_a_folder,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    page(
        "POST",
        "folder-move",
        "/me/folders/move/",
        FORM,
        data={"source": "{slug}", "from": "Harbour", "to": ""},
        prepare=reader_has_a_folder,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    page(
        "GET",
        "for-you-feed",
        "/feeds/for-you/{feed_secret}.xml",
        PUBLIC,  # the address is the secret: whoever has it reads the reader's feed
        check=feed_of_reader,
    ),
    page(
        "GET",
        "for-you-feed",
        "/feeds/for-you/nd_not-a-feed-token.xml",
        (404, 404, 404, 404, 404),
        case="a wrong token",
    ),
    page(
        "POST",
        "story-split",
        "/story/{story_id}/correct/split/{second_article_id}/",
        STORY_CORRECTION,
        state=story_of_second_article,
        changed_by=ADMINS,
    ),
    page(
        "POST",
        "story-merge",
        "/story/{story_id}/correct/merge/",
        STORY_CORRECTION,
        data={"into": "{second_story_id}"},
        state=story_merged_into,
        changed_by=ADMINS,
    ),
    page(
        "POST",
        "set-language",
        "/language/",
        COMMENT_FORM,  # anyone may choose the interface's language; it only sets a cookie
        data={"language": "de", "next": "/"},
    ),
    page(
        "POST",
        "edition-choose",
        "/editions/choose/",
        COMMENT_FORM,  # anyone may choose an edition; it only sets a cookie
        data={"edition": "de-DE"},
    ),
]

APP_ROWS = [
    row(
        "app",
        "POST",
        "greader-login",
        PUBLIC,  # the reader's app password signs in as the reader, for anyone
        path="/api/greader/accounts/ClientLogin",
        data={"Email": "reader@example.test", "Passwd": "an app password for tests"},
    ),
    app("GET", "greader-token", f"{G0}/token", APP),
    app("GET", "greader-user-info", f"{G0}/user-info", APP, check=own_user_info),
    app("GET", "greader-subscriptions", f"{G0}/subscription/list", APP, check=readers_subscription),
    app(
        "POST",
        "greader-subscription-edit",
        f"{G0}/subscription/edit",
        APP,
        data={"ac": "unsubscribe", "s": "feed/{feed_url}"},
        state=follows_of_reader,
        changed_by=OWNER,
    ),
    app(
        "POST",
        "greader-quickadd",
        f"{G0}/subscription/quickadd",
        APP,
        data={"quickadd": "{feed_url}"},
        state=follows_of_reader,  # the reader follows it already: only others gain a follow
    ),
    app("GET", "greader-tags", f"{G0}/tag/list", APP),
    app("GET", "greader-unread-count", f"{G0}/unread-count", APP, check=readers_subscription),
    app(
        "GET",
        "greader-item-ids",
        f"{G0}/stream/items/ids?s={STARRED}",
        APP,
        check=readers_item_ids,
    ),
    app(
        "GET",
        "greader-items",
        f"{G0}/stream/items/contents?i={{article_id}}",
        APP,
        check=readers_items,
    ),
    app("GET", "greader-stream", f"{G0}/stream/contents/?s={STARRED}", APP, check=readers_items),
    app(
        "GET",
        "greader-stream-of",
        f"{G0}/stream/contents/user/{{reader_id}}/state/com.google/starred",
        APP,  # the reader's numeric id in the stream names the caller's own list
        check=readers_items,
    ),
    app(
        "POST",
        "greader-edit-tag",
        f"{G0}/edit-tag",
        APP,
        data={"i": "{article_id}", "r": STARRED},
        state=saved_of_reader,
        changed_by=OWNER,
    ),
    app(
        "POST",
        "greader-mark-all-read",
        f"{G0}/mark-all-as-read",
        APP,
        data={"s": "user/-/state/com.google/reading-list"},
        state=reads_of_reader,
        changed_by=OWNER,
    ),
    app("GET", "greader-export", f"{G0}/subscription/export", APP, check=feed_in_opml),
    app(
        "POST",
        "greader-import",
        f"{G0}/subscription/import",
        APP,
        data={"opml": IMPORTED_OPML},
        state=follows_of_reader,
        changed_by=OWNER,
    ),
    app(
        "POST",
        "greader-rename-tag",
        f"{G0}/rename-tag",
        LABEL_REFUSED,
        data={"s": "user/-/label/News", "dest": "user/-/label/World"},
        prepare=file_followed_source,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    app(
        "POST",
        "greader-disable-tag",
        f"{G0}/disable-tag",
        LABEL_REFUSED,
        data={"s": "user/-/label/News"},
        prepare=file_followed_source,
        state=folders_of_reader,
        changed_by=OWNER,
    ),
    app("GET", "greader-atom", f"reader/atom/?s={STARRED}", APP, check=readers_atom_items),
    app(
        "GET",
        "greader-atom-of",
        "reader/atom/user/{reader_id}/state/com.google/starred",
        APP,
        check=readers_atom_items,
    ),
    row(
        "fever",
        "POST",
        "fever",
        PUBLIC,  # Fever answers 200 with auth 0 to a wrong key
        path="/api/fever/?api&groups&feeds&items&saved_item_ids",
        check=fever_answer,
    ),
    row(
        "fever",
        "POST",
        "fever",
        PUBLIC,
        path="/api/fever/?api",
        data={"mark": "item", "as": "unsaved", "id": "{article_id}"},
        state=saved_of_reader,
        changed_by=OWNER,
        case="unsave the reader's article",
    ),
    row(
        "fever",
        "POST",
        "fever",
        PUBLIC,
        path="/api/fever/?api",
        data={"mark": "group", "as": "read", "id": "0"},
        state=reads_of_reader,
        changed_by=OWNER,
        case="mark everything read",
    ),
]

ADMIN_ROWS = [
    changelist("auth_user", ADMIN_LIST),
    action(
        "auth_user",
        "make_reader",
        ADMIN_ONLY,
        "{moderator_id}",
        state=standing_of("moderator"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "make_moderator",
        ADMIN_ONLY,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "make_admin",
        ADMIN_ONLY,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "ban",
        ADMIN_ONLY,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "unban",
        ADMIN_ONLY,
        "{reader_id}",
        prepare=ban_reader_first,
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "delete_selected",
        ADMIN_ONLY,  # through the same deletion as a reader leaving: the comments stay
        "{other_id}",
        state=account_exists("other"),
        changed_by=ADMINS,
    ),
    action(
        "auth_user",
        "delete_selected",
        (TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, TO_ADMIN_SIGN_IN, 403, 200),
        "{admin_id}",
        state=account_exists("admin"),
        case="the last admin: the confirmation page refuses",
    ),
    changelist("readers_reader", STAFF_LIST),
    action(
        "readers_reader",
        "make_reader",
        ROLE_CHANGE,
        "{moderator_id}",
        state=standing_of("moderator"),
        changed_by=ADMINS,
    ),
    action(
        "readers_reader",
        "make_moderator",
        ROLE_CHANGE,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "readers_reader",
        "make_admin",
        ROLE_CHANGE,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=ADMINS,
    ),
    action(
        "readers_reader",
        "ban",
        MODERATION,
        "{reader_id}",
        state=standing_of("reader"),
        changed_by=MODERATORS,
    ),
    action(
        "readers_reader",
        "ban",
        MODERATION,
        "{admin_id}",
        state=standing_of("admin"),
        changed_by=ADMINS,
        case="an admin's account",
    ),
    action(
        "readers_reader",
        "unban",
        MODERATION,
        "{reader_id}",
        prepare=ban_reader_first,
        state=standing_of("reader"),
        changed_by=MODERATORS,
    ),
    action(
        "readers_reader",
        "delete_selected",
        MODERATION,  # admins only; the action is not offered to moderators
        "{other_id}",
        state=account_exists("other"),
        changed_by=ADMINS,
    ),
    changelist("comments_comment", STAFF_LIST),
    action(
        "comments_comment",
        "hide",
        MODERATION,
        "{comment_id}",
        state=comment_state("comment"),
        changed_by=MODERATORS,
    ),
    action(
        "comments_comment",
        "restore",
        MODERATION,
        "{held_comment_id}",
        state=comment_state("held_comment"),
        changed_by=MODERATORS,
    ),
    action(
        "comments_comment",
        "ban_author",
        MODERATION,
        "{comment_id}",
        state=standing_of("reader"),
        changed_by=MODERATORS,
    ),
    changelist("comments_commentreport", STAFF_LIST),
    action(
        "comments_commentreport",
        "delete_selected",
        MODERATION,
        "{report_id}",
        state=exists(CommentReport, "report"),
        changed_by=MODERATORS,
    ),
    changelist("comments_blockedword", STAFF_LIST),
    action(
        "comments_blockedword",
        "delete_selected",
        MODERATION,
        "{blocked_word_id}",
        state=exists(BlockedWord, "blocked_word"),
        changed_by=MODERATORS,
    ),
    changelist("stories_story", ADMIN_LIST),
    action(
        "stories_story",
        "merge_into_newest",
        ADMIN_ONLY,
        ["{story_id}", "{second_story_id}"],
        state=story_merged_into,
        changed_by=ADMINS,
    ),
    changelist("stories_placement", ADMIN_LIST),
    action(
        "stories_placement",
        "split_out",
        ADMIN_ONLY,
        "{second_placement_id}",
        state=story_of_second_article,
        changed_by=ADMINS,
    ),
    changelist("stories_correction", ADMIN_LIST),
    changelist("sources_source", ADMIN_LIST),
    changelist("readers_rule", ADMIN_LIST),
    action(
        "sources_source",
        "delete_selected",
        ADMIN_ONLY,
        "{spare_source_id}",
        state=exists(Source, "spare_source"),
        changed_by=ADMINS,
    ),
    action(
        "sources_source",
        "make_newsletter_address",
        ADMIN_ONLY,
        "{spare_source_id}",
        state=address_of_spare_source,
        changed_by=ADMINS,
    ),
    action(
        "sources_source",
        "rotate_newsletter_address",
        ADMIN_ONLY,
        "{spare_source_id}",
        prepare=spare_source_has_an_address,
        state=address_of_spare_source,
        changed_by=ADMINS,
    ),
    changelist("sources_feed", ADMIN_LIST),
    action("sources_feed", "check_now", ADMIN_ONLY, "{feed_pk}", state=feed_due, changed_by=ADMINS),
    action("sources_feed", "preview_web_feed", ADMIN_ONLY, "{feed_pk}"),  # reads, changes nothing
    action(
        "sources_feed",
        "delete_selected",
        ADMIN_ONLY,
        "{spare_feed_id}",
        state=exists(Feed, "spare_feed"),
        changed_by=ADMINS,
    ),
]

MATRIX = [*API_ROWS, *PAGE_ROWS, *APP_ROWS, *ADMIN_ROWS]


# Views that answer every method with the same page and never read a form, so they need no POST
# row; ``test_pages_that_ignore_the_method`` posts a form to each (as a reader) to hold them to it.
READS_ANY_METHOD = {
    "web:home": "/",
    "web:article-short": "/article/{article_id}/",
    "web:article": "/article/{article_id}/some-slug/",
    "web:ai-article": "/ai/article/{article_id}/?task=summary",
    "web:ai-story": "/ai/story/{story_id}/",
    "web:ai-summary": "/ai/summary/{summary_id}/",
    "web:story-short": "/story/{story_id}/",
    "web:story": "/story/{story_id}/some-slug/",
    "web:source": "/source/{slug}/",
    "web:search": "/search/?q=ferry",
    "web:saved": "/saved/",
    "web:offline": "/offline/",
    "web:service-worker": "/sw.js",
    "web:manifest": "/manifest.webmanifest",
    "web:robots": "/robots.txt",
    "web:news-sitemap": "/news-sitemap.xml",
    "web:feed": "/feed.xml",
    "web:source-feed": "/source/{slug}/feed.xml",
    "web:for-you": "/for-you/",
    "web:following": "/me/following/",
    "web:opml": "/me/opml/",
    "web:for-you-feed": "/feeds/for-you/{feed_secret}.xml",
    "web:topics": "/topics/",
    "web:topic": "/topic/business/",
    "web:topic-feed": "/topic/business/feed.xml",
    "web:blindspots-feed": "/blindspots/feed.xml",
    "web:editions": "/editions/",
    "web:edition": "/edition/de-DE/",
    "web:edition-yours": "/editions/yours/",
}
# What a form posted to one of them would change if it were read.
A_FORM_OF_EVERYTHING = {
    "body": "A comment from a page that takes none.",
    "action": "unfollow",
    "kind": "source",
    "value": "{slug}",
    "source": "{muted_slug}",
    "into": "{second_story_id}",
    "name": "a token",
    "scope": "api",
    "region": "Lyon",
    "time_zone": "Europe/Paris",
    "password": "a brand new app password",
}
EVERY_TABLE = (
    Comment,
    CommentReport,
    Follow,
    Mute,
    Folder,
    Folder.sources.through,
    SavedArticle,
    ReadMark,
    ApiToken,
    Reader,
    Rule,
)


def fingerprint(world: World) -> object:
    """The rows a reader can change, and the stories' merges."""
    tables = [sorted(model.objects.values_list(*_columns(model))) for model in EVERY_TABLE]
    merges = sorted(Story.objects.values_list("pk", "merged_into_id"))
    return (tables, merges, story_of_second_article(world))


def _columns(model: Any) -> list[str]:
    skip = {"last_used_at"}  # written when a token is used, at most once a minute
    return [f.attname for f in model._meta.concrete_fields if f.attname not in skip]


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The callers and the reader's things, made once; each test runs in a savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """The API's rate limits and the sign-in failure counts live in the cache."""
    cache.clear()
    yield
    cache.clear()


# On PostgreSQL the owner and the admin try every row (decision 41): between them they reach
# every route's whole path, the queries and writes it makes; the other three callers are refused
# or answered by the same code and queries with another id, checked on SQLite.
ON_POSTGRES = ("reader", "admin")


def cases(rows: list[Row]) -> list[Any]:
    return [
        pytest.param(
            entry,
            name,
            id=f"{entry.label} [{name}]",
            marks=() if name in ON_POSTGRES else pytest.mark.same_on_every_backend,
        )
        for entry in rows
        for name in PRINCIPALS
    ]


@pytest.mark.parametrize(("entry", "name"), cases(MATRIX))
def test_permission_matrix(world: World, entry: Row, name: str) -> None:
    run(entry, world, name)


# --- Completeness: every route of the app has a row -----------------------------------------


def web_posts() -> set[tuple[str, str]]:
    """Web routes that accept POST (views open to every method count, unless listed)."""
    return {
        ("POST", name)
        for name, methods in web_routes().items()
        if (methods is None and name not in READS_ANY_METHOD) or (methods and "POST" in methods)
    }


def test_every_route_has_a_row() -> None:
    keys = {(entry.method, entry.route) for entry in MATRIX}
    wanted = api_operations() | web_posts() | admin_operations()
    missing = sorted(wanted - keys)
    assert not missing, f"routes with no row in the permission matrix: {missing}"
    missing_protocol = sorted(protocol_routes() - {entry.route for entry in MATRIX})
    assert not missing_protocol, f"protocol routes with no row: {missing_protocol}"
    assert set(web_routes()) >= set(READS_ANY_METHOD), sorted(
        set(READS_ANY_METHOD) - set(web_routes())
    )


def test_every_row_names_a_real_route() -> None:
    """No row for a route that is gone, and each row's request reaches the route it names."""
    known_pages = set(web_routes())
    operations = api_operations()
    admin_keys = {key for _, key in admin_operations()}
    for entry in MATRIX:
        path = re.sub(r"\{\w+\}", "1", entry.path).split("?")[0]
        if entry.kind == "api":
            assert (entry.method, entry.route) in operations, entry.label
            pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(entry.route))
            assert re.fullmatch(pattern, path), entry.label
        elif entry.kind == "page":
            assert entry.route in known_pages, entry.label
            assert resolve(path).view_name == entry.route, entry.label
        elif entry.kind in ("app", "fever"):
            assert resolve(path).url_name == entry.route, entry.label
        else:
            assert entry.route in admin_keys, entry.label
            assert f"admin:{resolve(path).url_name}" == entry.route.split()[0], entry.label


@pytest.mark.parametrize("name", sorted(READS_ANY_METHOD))
def test_pages_that_ignore_the_method(world: World, name: str) -> None:
    values = world.placeholders()
    path = READS_ANY_METHOD[name].format(**values)
    assert resolve(path.split("?")[0]).view_name == name
    client = world.principals["reader"].page_client()
    read = client.get(path)
    before = fingerprint(world)
    posted = client.post(
        path, {key: value.format(**values) for key, value in A_FORM_OF_EVERYTHING.items()}
    )
    assert posted.status_code == read.status_code < 400, (
        name,
        read.status_code,
        posted.status_code,
    )
    assert fingerprint(world) == before, name


def test_the_matrix_covers_five_callers() -> None:
    assert PRINCIPALS == ("anonymous", "reader", "other", "moderator", "admin")
    assert all(len(entry.expect) == len(PRINCIPALS) for entry in MATRIX)
    assert all(set(entry.changed_by) <= set(PRINCIPALS) for entry in MATRIX)


def test_the_callers_tried_on_postgres_reach_every_rows_path() -> None:
    """What a row changes, and any answer that is not a refusal, comes to the owner or the admin
    too: else the row's path would run on SQLite only (``ON_POSTGRES``)."""

    def served(expected: Expected) -> bool:
        return expected == BACK or (isinstance(expected, int) and 200 <= expected < 300)

    for entry in MATRIX:
        if entry.changed_by:
            assert set(entry.changed_by) & set(ON_POSTGRES), entry.label
        if any(served(entry.expected(name)) for name in PRINCIPALS):
            assert any(served(entry.expected(name)) for name in ON_POSTGRES), entry.label


# --- The session path of the API, and CSRF ---------------------------------------------------

SESSION_SAMPLE = [
    entry
    for entry in API_ROWS
    if (entry.method, entry.route)
    in {
        ("GET", f"{V1}/me"),
        ("GET", f"{V1}/me/tokens"),
        ("DELETE", f"{V1}/me/tokens/{{token_id}}"),
        ("GET", f"{V1}/me/saved"),
        ("DELETE", f"{V1}/me/saved/{{article_id}}"),
        ("PATCH", f"{V1}/comments/{{comment_id}}"),
        ("POST", f"{V1}/comments/{{comment_id}}/hide"),
    }
]


@pytest.mark.parametrize(("entry", "name"), cases(SESSION_SAMPLE))
def test_the_session_gets_what_the_token_gets(world: World, entry: Row, name: str) -> None:
    run(entry, world, name, session=True)


def _csrf_client(world: World, name: str) -> tuple[Client, str]:
    """A browser that enforces CSRF, signed in, with the token its pages carry."""
    client = world.principals[name].page_client(enforce_csrf_checks=True)
    html = client.get("/me/").content.decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    return client, found.group(1)


def test_api_session_writes_need_the_csrf_token(world: World) -> None:
    client, token = _csrf_client(world, "reader")
    before = tokens_of_reader(world)
    made = client.post(f"{V1}/me/tokens", {"name": "x"}, content_type="application/json")
    assert made.status_code == 403
    removed = client.delete(f"{V1}/me/saved/{world.article.pk}")
    assert removed.status_code == 403
    assert tokens_of_reader(world) == before and saved_of_reader(world) == [world.article.pk]
    made = client.post(
        f"{V1}/me/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert made.status_code == 201 and body(made)["id"] in tokens_of_reader(world)
    removed = client.delete(f"{V1}/me/saved/{world.article.pk}", HTTP_X_CSRFTOKEN=token)
    assert removed.status_code == 204 and saved_of_reader(world) == []


def test_a_bearer_token_needs_no_csrf_token(world: World) -> None:
    reader = world.principals["reader"]
    client = reader.api_client(enforce_csrf_checks=True)
    made = client.post(f"{V1}/me/tokens", {"name": "x"}, content_type="application/json")
    assert made.status_code == 201


def test_page_forms_need_the_csrf_token(world: World) -> None:
    client, token = _csrf_client(world, "reader")
    before = tokens_of_reader(world)
    assert client.post("/me/tokens/", {"name": "x", "scope": "api"}).status_code == 403
    assert tokens_of_reader(world) == before
    answer = client.post("/me/tokens/", {"name": "x", "scope": "api", "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and len(tokens_of_reader(world)) == len(before) + 1


def test_admin_actions_need_the_csrf_token(world: World) -> None:
    client, token = _csrf_client(world, "admin")
    reader = world.user("reader")
    data = {"action": "make_admin", "index": "0", "_selected_action": str(reader.pk)}
    assert client.post("/admin/auth/user/", data).status_code == 403
    assert Reader.objects.get(user=reader).role == "reader"
    answer = client.post("/admin/auth/user/", {**data, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302 and Reader.objects.get(user=reader).role == "admin"
