"""Display names: how a reader is shown to others (comments, the API), never their e-mail.

A reader chooses a display name on the profile page or with ``PATCH /me``. It is checked like a
comment (control and format characters, bidirectional overrides among them, are refused, and
the moderators' blocked words), and more: 2 to 40 characters once trimmed and NFKC-normalised,
letters, digits, spaces and ``. - _ '`` only, at least one letter, no "@" (no e-mail address),
not one of the reserved names (``desk/data/reserved-names.txt``: the site's and its staff's),
and unique without regard to case. A reader who has not chosen one is shown as "Reader <number>",
which says nothing about the account.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from newsdesk.desk.comments.checks import blocked_words_in
from newsdesk.errors import NewsdeskError
from newsdesk.readers.models import Reader

NAME_MIN, NAME_MAX = 2, 40
_ALLOWED_PUNCTUATION = set(" .-_'")
_SQUEEZE = re.compile(r"[\s._'-]+")


class DisplayNameError(NewsdeskError):
    """A display name that cannot be taken; the message says why."""


def public_name(user: AbstractBaseUser | None) -> str:
    """The name others see for a reader: the chosen display name, else "Reader <number>"."""
    if user is None:
        return gettext("[deleted]")
    reader = getattr(user, "reader", None)
    if isinstance(reader, Reader) and reader.display_name:
        return reader.display_name
    return gettext("Reader %(number)d") % {"number": user.pk}


def clean_display_name(name: str) -> str:
    """The stored form of a display name; raises DisplayNameError with the reason."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        raise DisplayNameError(gettext("A display name cannot hold control characters."))
    text = " ".join(text.split())
    if not NAME_MIN <= len(text) <= NAME_MAX:
        raise DisplayNameError(
            gettext("A display name has %(low)d to %(high)d characters.")
            % {"low": NAME_MIN, "high": NAME_MAX}
        )
    if "@" in text:
        raise DisplayNameError(gettext("A display name cannot be an e-mail address."))
    if not all(ch.isalnum() or ch in _ALLOWED_PUNCTUATION or _is_mark(ch) for ch in text):
        raise DisplayNameError(
            gettext("Use letters, digits, spaces and . - _ ' only in a display name.")
        )
    if not any(ch.isalpha() for ch in text):
        raise DisplayNameError(gettext("A display name needs at least one letter."))
    if _squeezed(text) in reserved_names() or blocked_words_in(text):
        raise DisplayNameError(gettext("This display name cannot be used; choose another."))
    return text


@transaction.atomic
def set_display_name(user: User, name: str) -> Reader:
    """Choose a display name ("" to go back to "Reader <number>"); unique without case."""
    reader, _ = Reader.objects.get_or_create(user=user)
    cleaned = clean_display_name(name) if str(name or "").strip() else ""
    key = cleaned.casefold()
    taken = Reader.objects.filter(display_key=key).exclude(pk=reader.pk)
    if cleaned and taken.exists():
        raise DisplayNameError(gettext("This display name is taken; choose another."))
    reader.display_name, reader.display_key = cleaned, key
    try:
        with transaction.atomic():
            reader.save(update_fields=["display_name", "display_key"])
    except IntegrityError as e:  # taken by another reader at the same moment
        raise DisplayNameError(gettext("This display name is taken; choose another.")) from e
    return reader


@cache
def reserved_names() -> frozenset[str]:
    text = resources.files("newsdesk.desk").joinpath("data/reserved-names.txt").read_text()
    lines = (line.strip() for line in text.splitlines())
    return frozenset(_squeezed(line) for line in lines if line and not line.startswith("#"))


def _squeezed(name: str) -> str:
    return _SQUEEZE.sub("", name.casefold())


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")
