"""A reader's profile and role, and bans.

The role decides Django's flags: a moderator is staff (the admin's moderation queue), an admin is
staff and superuser. ``set_role`` is the one place that writes them, so the two never disagree.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import available_timezones

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Group, Permission, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from newsdesk.desk.readers.digest_plans import reschedule
from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import Reader, Role

MODERATORS_GROUP = "moderators"
# What a moderator may do in the admin: the comments and the blocked words, nothing else.
MODERATOR_PERMISSIONS = (
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "view_commentreport"),
    ("comments", "delete_commentreport"),
    ("comments", "view_blockedword"),
    ("comments", "add_blockedword"),
    ("comments", "change_blockedword"),
    ("comments", "delete_blockedword"),
    ("readers", "view_reader"),
    ("readers", "change_reader"),
)


class ProfileError(NewsdeskError):
    """A profile change that cannot be made (an unknown time zone, say)."""


def reader_of(user: AbstractBaseUser | AnonymousUser) -> Reader | None:
    """The profile of a signed-in user (made on first use), None for anonymous visitors."""
    if not user.is_authenticated:
        return None
    reader, _ = Reader.objects.get_or_create(user_id=user.pk)
    return reader


def role_of(user: AbstractBaseUser | AnonymousUser) -> str | None:
    reader = reader_of(user)
    return reader.role if reader else None


def is_moderator(user: AbstractBaseUser | AnonymousUser) -> bool:
    return role_of(user) in (Role.MODERATOR, Role.ADMIN)


@transaction.atomic
def set_role(user: User, role: str) -> Reader:
    """Give the user a role and the Django flags and group that go with it."""
    if role not in Role.values:
        raise ProfileError(f"Unknown role {role!r}; roles are {', '.join(Role.values)}")
    reader, _ = Reader.objects.get_or_create(user=user)
    reader.role = role
    reader.save(update_fields=["role"])
    group = moderators_group()
    user.is_staff = role in (Role.MODERATOR, Role.ADMIN)
    user.is_superuser = role == Role.ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])
    if role == Role.MODERATOR:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return reader


@transaction.atomic
def create_account(email: str, password: str, role: str = Role.READER) -> User:
    """A new account signed in by e-mail (``newsdesk createadmin`` makes the first admin)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as e:
        raise ProfileError(f"Not an e-mail address: {email!r}") from e
    users = get_user_model()
    if users.objects.filter(email__iexact=email).exists():
        raise ProfileError(f"{email} already has an account")
    user = users(username=email[:150], email=email)
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise ProfileError(" ".join(e.messages)) from e
    user.set_password(password)
    user.save()
    set_role(user, role)
    return user


def moderators_group() -> Group:
    group, created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    if created or not group.permissions.exists():
        for app_label, codename in MODERATOR_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)
    return group


def update_profile(user: User, *, region: str, languages: list[str], time_zone: str) -> Reader:
    if time_zone not in available_timezones():
        raise ProfileError(f"Unknown time zone {time_zone!r}")
    reader, _ = Reader.objects.get_or_create(user=user)
    reader.region = region.strip()[:100]
    reader.languages = [code.strip().lower()[:16] for code in languages if code.strip()][:10]
    moved = reader.time_zone != time_zone
    reader.time_zone = time_zone
    reader.save(update_fields=["region", "languages", "time_zone"])
    if moved:  # the digest's hour is the reader's own, in the new zone
        reschedule(user, timezone.now())
    return reader


def ban(user: User, now: datetime, reason: str = "") -> Reader:
    """Stop a reader from commenting (their reading is untouched)."""
    reader, _ = Reader.objects.get_or_create(user=user)
    reader.banned_at = now
    reader.ban_reason = reason[:500]
    reader.save(update_fields=["banned_at", "ban_reason"])
    return reader


def unban(user: User) -> Reader:
    reader, _ = Reader.objects.get_or_create(user=user)
    reader.banned_at = None
    reader.ban_reason = ""
    reader.save(update_fields=["banned_at", "ban_reason"])
    return reader
