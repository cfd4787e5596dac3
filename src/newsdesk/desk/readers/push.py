"""Web Push for readers: the site's key pair, a reader's browsers and settings, and ``notify``,
the door every kind of notification goes through (decision 58).

- ``site_keys``: the site's VAPID key pair, made on first use and kept in the database (one row;
  when two processes make it at once, the first one written wins and both use it).
- ``subscribe`` / ``unsubscribe``: a browser's subscription as ``PushManager.subscribe`` gave it.
  The endpoint passes the same address checks as a feed's or a webhook's (it is where the
  worker will POST), and the keys must be a P-256 point and a 16-byte secret.
- ``settings_of`` / ``save_settings``: which kinds are on, quiet hours, the daily cap.
- ``notify(user, article, reason)``: a rule that matched an article tells its reader; the
  scanner of followed stories, topics and places (``push_scan``) calls ``queue_notice`` the same
  way. A notice is kept only when its kind is on and the reader has a browser subscribed; in
  quiet hours it waits for their end. The daily cap is applied when a notice is released
  (``push_deliveries``), so a notice held overnight counts on the day it goes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from newsdesk.articles.models import Article
from newsdesk.desk.readers.digest_plans import zone_of
from newsdesk.desk.readers.webhooks import vet_url
from newsdesk.errors import FetchError, InvalidURLError, NewsdeskError
from newsdesk.pipeline.fetch.guard import Resolver
from newsdesk.pipeline.push import PushError, SiteKeys, Subscription, check_subscription
from newsdesk.pipeline.push import new_site_keys as make_site_keys
from newsdesk.readers.models import Reader
from newsdesk.readers.push import (
    NoticeStatus,
    PushKey,
    PushKind,
    PushNotice,
    PushSettings,
    PushSubscription,
)

SITE_KEY = "site"
SUBSCRIPTIONS_PER_READER = 10
MAX_CAP = 100
KIND_FIELDS = {
    PushKind.STORY: "stories",
    PushKind.TOPIC: "topics",
    PushKind.PLACE: "places",
    PushKind.RULE: "rules",
}


class PushSettingsError(NewsdeskError):
    """Settings or a subscription that cannot be kept."""


@dataclass(frozen=True)
class SettingsChoice:
    stories: bool
    topics: bool
    places: bool
    rules: bool
    quiet_start: int
    quiet_end: int
    daily_cap: int


def site_keys(now: datetime) -> SiteKeys:
    """The site's VAPID key pair, made (and kept) the first time it is asked for."""
    row = PushKey.objects.filter(name=SITE_KEY).first()
    if row is None:
        fresh = make_site_keys()
        try:
            with transaction.atomic():
                row = PushKey.objects.create(
                    name=SITE_KEY,
                    private_pem=fresh.private_pem,
                    public_key=fresh.public_key,
                    created_at=now,
                )
        except IntegrityError:  # another process made it first: use theirs
            row = PushKey.objects.get(name=SITE_KEY)
    return SiteKeys(private_pem=row.private_pem, public_key=row.public_key)


def subscribe(
    user: User,
    subscription: Subscription,
    now: datetime,
    *,
    device: str = "",
    resolver: Resolver | None = None,
) -> PushSubscription:
    """Keep the browser's subscription for ``user`` (and their settings, on by default)."""
    try:
        check_subscription(subscription)
        endpoint = vet_url(subscription.endpoint, resolver)
    except PushError as e:
        raise PushSettingsError(str(e)) from e
    except (InvalidURLError, FetchError) as e:
        raise PushSettingsError(f"This push endpoint cannot be used: {e}") from e
    mine = PushSubscription.objects.filter(user=user).exclude(endpoint=endpoint)
    if mine.count() >= SUBSCRIPTIONS_PER_READER:
        raise PushSettingsError(
            f"A reader can subscribe {SUBSCRIPTIONS_PER_READER} browsers at most."
        )
    row, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={
            "user": user,
            "p256dh": subscription.p256dh,
            "auth": subscription.auth,
            "device": device[:80],
            "created_at": now,
        },
    )
    settings_of(user, now, create=True)
    return row


def unsubscribe(user: User, endpoint: str) -> bool:
    """Forget the reader's browser at ``endpoint``; whether there was one."""
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return bool(deleted)


def subscriptions_of(user: User) -> list[PushSubscription]:
    return list(PushSubscription.objects.filter(user=user).order_by("created_at", "id"))


def settings_of(user: User, now: datetime, *, create: bool = False) -> PushSettings:
    """The reader's settings (every kind on, quiet from 22:00 to 07:00, ten a day, until they
    choose); kept in the database only when ``create`` is set."""
    found = PushSettings.objects.filter(user=user).first()
    if found is not None:
        return found
    fresh = PushSettings(user=user, scanned_until=now)
    if create:
        try:
            with transaction.atomic():
                fresh.save(force_insert=True)
        except IntegrityError:
            return PushSettings.objects.get(user=user)
    return fresh


def save_settings(user: User, choice: SettingsChoice, now: datetime) -> PushSettings:
    if not (0 <= choice.quiet_start <= 23 and 0 <= choice.quiet_end <= 23):
        raise PushSettingsError("Quiet hours start and end at an hour from 0 to 23.")
    if not 0 <= choice.daily_cap <= MAX_CAP:
        raise PushSettingsError(f"The daily cap is 0 to {MAX_CAP} notifications.")
    row = settings_of(user, now, create=True)
    row.stories = choice.stories
    row.topics = choice.topics
    row.places = choice.places
    row.rules = choice.rules
    row.quiet_start = choice.quiet_start
    row.quiet_end = choice.quiet_end
    row.daily_cap = choice.daily_cap
    row.save()
    return row


def kind_on(row: PushSettings, kind: PushKind) -> bool:
    return bool(getattr(row, KIND_FIELDS[kind]))


def quiet_until(row: PushSettings, user: User, now: datetime) -> datetime | None:
    """The end of the quiet hours ``now`` falls in (in the reader's time zone), or None when
    it is not quiet. Quiet from ``quiet_start``:00 to ``quiet_end``:00; equal hours: never."""
    start, end = row.quiet_start, row.quiet_end
    if start == end:
        return None
    zone = zone_of(user)
    local = now.astimezone(zone)
    hour = local.hour
    quiet = start <= hour < end if start < end else hour >= start or hour < end
    if not quiet:
        return None
    day = local.date() if hour < end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(end), tzinfo=zone)


def day_start(user: User, now: datetime) -> datetime:
    """Midnight of the reader's current day, in their time zone."""
    zone = zone_of(user)
    return datetime.combine(now.astimezone(zone).date(), time(0), tzinfo=zone)


def notify(user: User, article: Article, reason: str, now: datetime) -> PushNotice | None:
    """Tell ``user`` of ``article`` because of ``reason`` (a rule's name, as the reader gave
    it): the hook rules call when their action is to notify. None when nothing is queued (the
    kind is off, no browser is subscribed, or the article was told already)."""
    with translation.override(reader_language(user)):
        body = gettext("Your rule “%(rule)s”") % {"rule": reason} if reason else ""
    return queue_notice(
        user,
        PushKind.RULE,
        subject=f"article:{article.pk}",
        title=article.title,
        body=(body + " · " if body else "") + article.source.name,
        url=reverse("web:article-short", args=[article.pk]),
        now=now,
        reason=reason,
    )


def notify_rule_catches(article_id: int, now: datetime) -> int:
    """Queue a notification for each reader whose ``notify`` rule catches the article (a
    site-wide rule names no reader: it tells nobody). Returns how many were queued."""
    from newsdesk.desk.readers.rule_editing import rules_matching  # rules are rarely to notify

    article = Article.objects.select_related("source").filter(pk=article_id).first()
    if article is None:
        return 0
    queued = 0
    for user_id, rule in rules_matching(article, now):
        user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
        if user is not None and notify(user, article, rule.name, now) is not None:
            queued += 1
    return queued


def queue_notice(
    user: User,
    kind: PushKind,
    *,
    subject: str,
    title: str,
    body: str,
    url: str,
    now: datetime,
    reason: str = "",
) -> PushNotice | None:
    """Keep one notice for ``user`` if its kind is on and they have a browser subscribed; in
    their quiet hours it waits for the end. A subject told before is not told again."""
    row = PushSettings.objects.filter(user=user).first()
    if row is None or not kind_on(row, kind) or not user.is_active:
        return None
    if not PushSubscription.objects.filter(user=user).exists():
        return None
    send_after = quiet_until(row, user, now) or now
    try:
        with transaction.atomic():
            return PushNotice.objects.create(
                user=user,
                kind=kind,
                subject=subject[:200],
                title=title[:200] or gettext("News"),
                body=body,
                url=url[:500],
                reason=reason[:200],
                status=NoticeStatus.WAITING,
                send_after=send_after,
                created_at=now,
            )
    except IntegrityError:  # told already
        return None


def recent_notices(user: User, limit: int = 5) -> list[PushNotice]:
    return list(PushNotice.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


def reader_language(user: User) -> str:
    """The first of the reader's languages the site speaks, else the site's own."""
    codes = Reader.objects.filter(user=user).values_list("languages", flat=True).first() or []
    spoken = {code for code, _ in settings.LANGUAGES}
    for code in codes:
        base = str(code).split("-")[0].lower()
        if base in spoken:
            return base
    return str(settings.LANGUAGE_CODE)
