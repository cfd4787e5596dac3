"""What a comment action can be refused for; every message is written for the reader."""

from __future__ import annotations

from newsdesk.errors import NewsdeskError


class CommentError(NewsdeskError):
    """A comment action that cannot be done (too long, empty, a deleted parent...)."""


class CommentNotFoundError(CommentError):
    """No such comment or story (or none this reader may see)."""


class CommentForbiddenError(CommentError):
    """Not this reader's to do: someone else's comment, a ban, not a moderator."""


class DuplicateCommentError(CommentError):
    """The same text again, or a second report of one comment."""


class CommentRateLimitedError(CommentError):
    """Too many comments in a short time, from one reader or one address."""
