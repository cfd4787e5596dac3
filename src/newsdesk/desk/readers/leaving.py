"""A reader leaves: their account and their data are deleted; their comments keep their place.

``delete_account`` is the one way an account goes, whether the reader asks (``leave``, with
their password, from /me/ or the API) or an admin deletes it in the admin. In one transaction
the reader's comments become "[deleted]" placeholders (status ``deleted``, the text cleared: it
is personal data), so replies by others keep their place in the thread; then the user is
deleted, and with it everything that hangs from it (the Reader profile, follows, mutes, saved
articles, read marks, the e-mail digest's settings and sends, webhooks with their deliveries,
tokens, reports). Sessions of a deleted user no longer sign anyone in.

The last admin cannot be deleted: someone has to be left to run the site.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from newsdesk.comments.models import Comment, CommentStatus
from newsdesk.desk.readers import signin_limits
from newsdesk.desk.readers.profiles import ProfileError
from newsdesk.readers.models import Role

log = logging.getLogger(__name__)
# Wrong passwords are counted like failed sign-ins, so a stolen session or token cannot be used
# to guess the password here.
DOOR = "leave"


class WrongPasswordError(ProfileError):
    """The password given to delete an account is not the account's."""


class TooManyTriesError(ProfileError):
    """Too many wrong passwords lately; the form is closed for a few minutes."""


def _admins() -> Q:
    return Q(is_active=True) & (Q(is_superuser=True) | Q(reader__role=Role.ADMIN))


def refuse_last_admin(users: Iterable[User]) -> None:
    """Raise ProfileError if deleting these accounts would leave the site with no admin."""
    leaving = {user.pk for user in users}
    admins = get_user_model().objects.filter(_admins()).values_list("pk", flat=True)
    admin_ids = set(admins)
    if admin_ids & leaving and not admin_ids - leaving:
        raise ProfileError(
            "The last admin account cannot be deleted: make another account an admin first."
        )


@transaction.atomic
def delete_account(user: User, now: datetime) -> int:
    """Delete the account and its data; its comments stay as "[deleted]". Returns how many
    comments were cleared."""
    refuse_last_admin([user])
    cleared = (
        Comment.objects.filter(author_id=user.pk)
        .exclude(status=CommentStatus.DELETED)
        .update(status=CommentStatus.DELETED, body="", status_reason="")
    )
    # Deleted comments of earlier keep no text either; the address digest goes with the rest.
    Comment.objects.filter(author_id=user.pk).update(body="", ip_hash="")
    # The comments' author becomes None (SET_NULL); everything else of the user's is deleted.
    get_user_model().objects.filter(pk=user.pk).delete()
    log.info("Account %s deleted at %s (%d comments cleared)", user.pk, now.isoformat(), cleared)
    return cleared


def leave(user: User, password: str, now: datetime, address: str = "") -> int:
    """The reader deletes their own account, confirming with their current password."""
    email = user.email or user.get_username()
    if signin_limits.refused(DOOR, email, address):
        raise TooManyTriesError(gettext("Too many wrong passwords; try again in a few minutes."))
    if not password or not user.check_password(password):
        signin_limits.count_failure(DOOR, email, address)
        raise WrongPasswordError(gettext("That is not your password."))
    return delete_account(user, now)
