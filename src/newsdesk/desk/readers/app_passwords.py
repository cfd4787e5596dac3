"""The password a reader gives feed-reader apps (Google Reader and Fever protocols).

Apart from the account password on purpose: an app keeps it on a phone, and the Fever protocol
needs ``md5("email:password")`` stored as it is. The reader sets it in the profile and can clear
it, which signs every app out.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User

from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import Reader

MIN_LENGTH = 10


class AppPasswordError(NewsdeskError):
    """An app password that cannot be used (too short)."""


def fever_key(email: str, password: str) -> str:
    """The Fever api_key the apps compute: md5 of "email:password" (the protocol's choice)."""
    return hashlib.md5(f"{email}:{password}".encode(), usedforsecurity=False).hexdigest()


def set_app_password(user: User, password: str) -> Reader:
    if len(password) < MIN_LENGTH:
        raise AppPasswordError(f"An app password needs at least {MIN_LENGTH} characters")
    email = getattr(user, "email", "") or user.get_username()
    reader, _ = Reader.objects.get_or_create(user=user)
    reader.app_password = make_password(password)
    reader.fever_key = fever_key(email.lower(), password)
    reader.save(update_fields=["app_password", "fever_key"])
    return reader


def clear_app_password(user: User) -> None:
    Reader.objects.filter(user=user).update(app_password="", fever_key="")


def user_for_app_login(email: str, password: str) -> User | None:
    """The active user whose e-mail and app password these are (Google Reader ClientLogin).

    When no reader has that address (or an app password), the password is hashed all the same,
    as Django's ModelBackend does, so the time taken does not tell whether the address is known.
    """
    reader = (
        Reader.objects.select_related("user")
        .filter(user__email__iexact=email.strip(), user__is_active=True)
        .exclude(app_password="")
        .first()
    )
    if reader is None:
        make_password(password)
        return None
    if not check_password(password, reader.app_password):
        return None
    return reader.user


def user_for_fever_key(api_key: str) -> User | None:
    key = api_key.strip().lower()
    if len(key) != 32:
        return None
    reader = (
        Reader.objects.select_related("user").filter(fever_key=key, user__is_active=True).first()
    )
    return reader.user if reader else None
