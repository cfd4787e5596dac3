"""The spam and abuse checks a comment goes through before it is kept.

- ``clean_body``: control characters removed, ends stripped, length 1..MAX_LENGTH.
- ``check_rate``: per reader and per address, counted in the comments table itself, so the
  limits hold across processes and machines.
- ``check_duplicate``: the same text by the same reader within a day is refused.
- ``reasons_to_hold``: a link flood, a blocked word, shouting or a run of one character keep the
  comment back for a moderator (its author still sees it, with a note).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext

from newsdesk.comments.models import BlockedWord, Comment, CommentStatus
from newsdesk.desk.comments.errors import (
    CommentError,
    CommentRateLimitedError,
    DuplicateCommentError,
)

MAX_LENGTH = 5000
MAX_LINKS = 3
DUPLICATE_WINDOW = timedelta(days=1)
# (how many, in what time) for one reader, and for one address (shared by a household or office).
READER_LIMITS = ((5, timedelta(minutes=1)), (30, timedelta(hours=1)))
ADDRESS_LIMITS = ((10, timedelta(minutes=1)), (60, timedelta(hours=1)))
SHOUTING_MIN_LETTERS = 20
SHOUTING_SHARE = 0.7
REPEATED_RUN = 10
HELD_BY_CHECKS = "Held automatically: "

LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
REPEATED = re.compile(rf"(\S)\1{{{REPEATED_RUN - 1},}}")
# Keep tabs, line breaks and the joiners some scripts need; drop other control or format
# characters (bidirectional overrides among them).
KEPT_CONTROLS = {"\n", "\t", "\u200c", "\u200d"}


def clean_body(body: str) -> str:
    """The text as it will be kept: line ends unified, control characters gone, ends stripped."""
    text = (body or "").replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(
        ch for ch in text if ch in KEPT_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    text = text.strip()
    if not text:
        raise CommentError(gettext("Write something before posting."))
    if len(text) > MAX_LENGTH:
        raise CommentError(
            gettext("Comments can be at most %(limit)s characters; this one has %(length)s.")
            % {"limit": f"{MAX_LENGTH:,}", "length": f"{len(text):,}"}
        )
    return text


def clean_reason(reason: str, limit: int = 200) -> str:
    """A report's or a decision's reason: one line of text without control characters."""
    text = "".join(ch for ch in (reason or "") if unicodedata.category(ch) not in ("Cc", "Cf"))
    return " ".join(text.split())[:limit]


def ip_hash(ip: str) -> str:
    """A keyed hash of an address: enough to count per address, useless to recover it."""
    if not ip:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip.strip().encode(), hashlib.sha256).hexdigest()


def check_rate(user: AbstractBaseUser, address: str, now: datetime) -> None:
    for limit, window in READER_LIMITS:
        recent = Comment.objects.filter(author_id=user.pk, created_at__gt=now - window).count()
        if recent >= limit:
            raise CommentRateLimitedError(_slow_down(limit, window))
    if not address:
        return
    for limit, window in ADDRESS_LIMITS:
        recent = Comment.objects.filter(ip_hash=address, created_at__gt=now - window).count()
        if recent >= limit:
            raise CommentRateLimitedError(_slow_down(limit, window))


def _slow_down(limit: int, window: timedelta) -> str:
    if window <= timedelta(minutes=1):
        text = gettext(
            "You can post %(limit)d comments in a minute. Please wait a little and try again."
        )
    else:
        text = gettext(
            "You can post %(limit)d comments in an hour. Please wait a little and try again."
        )
    return text % {"limit": limit}


def check_duplicate(
    user: AbstractBaseUser, body: str, now: datetime, leave_out: int | None = None
) -> None:
    same = Comment.objects.filter(
        author_id=user.pk, body=body, created_at__gt=now - DUPLICATE_WINDOW
    ).exclude(status=CommentStatus.DELETED)
    if leave_out is not None:
        same = same.exclude(pk=leave_out)
    if same.exists():
        raise DuplicateCommentError(gettext("You already posted this comment."))


def reasons_to_hold(body: str) -> list[str]:
    """Why the comment should wait for a moderator; empty when it may be shown at once."""
    reasons = []
    links = len(LINK.findall(body))
    if links > MAX_LINKS:
        reasons.append(f"{links} links")
    blocked = blocked_words_in(body)
    if blocked:
        reasons.append("blocked words: " + ", ".join(blocked))
    if is_shouting(body):
        reasons.append("written in capitals")
    if REPEATED.search(body):
        reasons.append("one character repeated")
    return reasons


def hold_reason(reasons: list[str]) -> str:
    return (HELD_BY_CHECKS + "; ".join(reasons))[:200]


def blocked_words_in(body: str) -> list[str]:
    """Blocked words or phrases in the text, matched as whole words in any case."""
    found = []
    for word in BlockedWord.objects.values_list("word", flat=True):
        word = word.strip()
        if word and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", body, re.IGNORECASE):
            found.append(word)
    return found


def is_shouting(body: str) -> bool:
    letters = [ch for ch in LINK.sub("", body) if ch.isalpha()]
    if len(letters) < SHOUTING_MIN_LETTERS:
        return False
    capitals = sum(1 for ch in letters if ch.isupper())
    return capitals / len(letters) > SHOUTING_SHARE
