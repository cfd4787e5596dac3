"""A reader's digest plan: how often, at which hour of their own day, in which language; the
times it falls due; and the signed token of its unsubscribe link.

Times: a plan is due at ``hour``:00 in the reader's time zone (``Reader.time_zone``), every day
or on ``weekday`` (0 is Monday). ``next_due_at`` holds the next such time in UTC; the scheduler
moves it on as it queues a digest. A period is the reader's local date of that time (daily) or
its ISO week (weekly); one digest is sent per period at most (``DigestSend``).

Unsubscribe tokens are the reader's id and the second they joined, signed with the site's
secret key (Django's ``Signer``, salt ``newsdesk.digest.unsubscribe``). They do not expire, as
RFC 8058 expects of a mail's unsubscribe link; a token of a deleted account names no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing

from newsdesk.errors import NewsdeskError
from newsdesk.readers.digests import DigestFrequency, DigestPlan
from newsdesk.readers.models import Reader

UNSUBSCRIBE_SALT = "newsdesk.digest.unsubscribe"
LANGUAGES = ("en", "de", "ar")
WINDOWS = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}


class DigestPlanError(NewsdeskError):
    """A plan that cannot be kept: an unknown frequency, hour, weekday or language."""


@dataclass(frozen=True)
class PlanChoice:
    frequency: str
    hour: int
    weekday: int
    language: str


def plan_of(user: User) -> DigestPlan:
    """The reader's plan (off, in their first site language, until they choose)."""
    plan = DigestPlan.objects.filter(user=user).first()
    if plan is not None:
        return plan
    return DigestPlan(user=user, language=_first_site_language(user))


def set_plan(user: User, choice: PlanChoice, now: datetime) -> DigestPlan:
    """Keep the reader's choice and, unless it is off, when it next falls due."""
    if choice.frequency not in DigestFrequency.values:
        raise DigestPlanError(f"Unknown digest frequency {choice.frequency!r}")
    if not 0 <= choice.hour <= 23 or not 0 <= choice.weekday <= 6:
        raise DigestPlanError("The hour is 0 to 23 and the weekday 0 (Monday) to 6")
    if choice.language not in LANGUAGES:
        raise DigestPlanError(f"Digests are written in {', '.join(LANGUAGES)}")
    plan = plan_of(user)
    plan.frequency = choice.frequency
    plan.hour = choice.hour
    plan.weekday = choice.weekday
    plan.language = choice.language
    plan.next_due_at = None if plan.frequency == DigestFrequency.OFF else next_due(plan, now)
    if plan.frequency != DigestFrequency.OFF:
        plan.unsubscribed_at = None
    plan.save()
    return plan


def reschedule(user: User, now: datetime) -> None:
    """Move the next due time of a plan that is on to the reader's hour in their current zone
    (after they change time zone)."""
    plan = DigestPlan.objects.filter(user=user).exclude(frequency=DigestFrequency.OFF).first()
    if plan is not None:
        DigestPlan.objects.filter(pk=plan.pk).update(next_due_at=next_due(plan, now))


def unsubscribe(token: str, now: datetime) -> User | None:
    """Turn off the digest of the reader the token names; None for a token that names no one."""
    user = user_of_token(token)
    if user is None:
        return None
    DigestPlan.objects.filter(user=user).update(
        frequency=DigestFrequency.OFF, next_due_at=None, unsubscribed_at=now, changed_at=now
    )
    return user


def unsubscribe_token(user: User) -> str:
    joined = int(user.date_joined.timestamp())
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user.pk}.{joined}")


def user_of_token(token: str) -> User | None:
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    user_id, _, joined = value.partition(".")
    user = User.objects.filter(pk=int(user_id)).first() if user_id.isdigit() else None
    if user is None or str(int(user.date_joined.timestamp())) != joined:
        return None
    return user


# --- times --------------------------------------------------------------------------------


def zone_of(user: User) -> ZoneInfo:
    name = Reader.objects.filter(user=user).values_list("time_zone", flat=True).first()
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def next_due(plan: DigestPlan, now: datetime) -> datetime:
    """The first time after ``now`` the plan falls due."""
    zone = zone_of(plan.user)
    today = now.astimezone(zone).date()
    for ahead in range(9):
        at = _at(plan, today + timedelta(days=ahead), zone)
        if at is not None and at > now:
            return at
    raise AssertionError("a plan falls due within eight days")


def last_due(plan: DigestPlan, now: datetime) -> datetime:
    """The latest time up to ``now`` the plan fell due."""
    zone = zone_of(plan.user)
    today = now.astimezone(zone).date()
    for back in range(9):
        at = _at(plan, today - timedelta(days=back), zone)
        if at is not None and at <= now:
            return at
    raise AssertionError("a plan fell due within eight days")


def period_of(plan: DigestPlan, due: datetime) -> str:
    """The period a due time belongs to: its local date, or its ISO week for weekly plans."""
    local = due.astimezone(zone_of(plan.user)).date()
    if plan.frequency == DigestFrequency.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.isoformat()


def window_of(plan: DigestPlan) -> timedelta:
    return WINDOWS.get(DigestFrequency(plan.frequency), WINDOWS[DigestFrequency.DAILY])


def _at(plan: DigestPlan, day: date, zone: ZoneInfo) -> datetime | None:
    if plan.frequency == DigestFrequency.WEEKLY and day.weekday() != plan.weekday:
        return None
    return datetime.combine(day, time(plan.hour), tzinfo=zone)


def _first_site_language(user: User) -> str:
    codes = Reader.objects.filter(user=user).values_list("languages", flat=True).first() or []
    for code in codes:
        base = str(code).split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return str(settings.LANGUAGE_CODE)
