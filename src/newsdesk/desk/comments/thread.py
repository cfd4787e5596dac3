"""A story's thread as a reader sees it: a tree of entries, each with what the viewer may do.

Visible comments are shown to everyone. A held or hidden comment is shown only to its author
(with a note saying why others do not see it) and to moderators. A deleted comment, or one the
viewer may not see, keeps its place as "[deleted]" / "[removed]" only when replies under it are
shown; otherwise it is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from newsdesk.comments.models import Comment, CommentReport, CommentStatus
from newsdesk.desk.comments.posting import EDIT_WINDOW
from newsdesk.desk.comments.render import render_body
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.desk.readers.profiles import is_moderator, reader_of
from newsdesk.desk.stories.reading import article_story, resolve_story
from newsdesk.stories.models import Story

User = AbstractBaseUser | AnonymousUser
THREAD_LIMIT = 2000
NOTES: dict[str, str | Promise] = {
    CommentStatus.HELD: gettext_lazy(
        "Held for moderation: only you and the moderators can see it."
    ),
    CommentStatus.HIDDEN: gettext_lazy(
        "Hidden by a moderator: only you and the moderators can see it."
    ),
}
MODERATOR_NOTES: dict[str, str | Promise] = {
    CommentStatus.HELD: gettext_lazy("Held"),
    CommentStatus.HIDDEN: gettext_lazy("Hidden"),
}


@dataclass
class ThreadEntry:
    comment: Comment
    depth: int
    html: SafeString | None  # None for a placeholder
    placeholder: str = ""  # "[deleted]" or "[removed]"
    note: str = ""
    can_reply: bool = False
    can_edit: bool = False
    can_delete: bool = False
    can_report: bool = False
    can_moderate: bool = False
    replies: list[ThreadEntry] = field(default_factory=list)


@dataclass
class Thread:
    story: Story
    entries: list[ThreadEntry]  # top-level comments, oldest first, replies inside
    count: int  # comments shown with their text
    signed_in: bool
    may_post: bool
    banned: bool
    moderator: bool

    def flat(self) -> list[ThreadEntry]:
        """Every entry in reading order (a comment, then its replies)."""
        return _walk(self.entries)


def story_of_comment(comment_id: int) -> int | None:
    """The story whose thread the comment is in, or None."""
    return Comment.objects.filter(pk=comment_id).values_list("story_id", flat=True).first()


def entry_of(comment_id: int, viewer: User, now: datetime) -> ThreadEntry | None:
    """One comment as the viewer sees it in its thread (None if they may not see it)."""
    story_id = story_of_comment(comment_id)
    found = thread(story_id, viewer, now) if story_id is not None else None
    if found is None:
        return None
    return next((e for e in found.flat() if e.comment.pk == comment_id), None)


def thread_of_article(article_id: int, viewer: User, now: datetime) -> Thread | None:
    """The thread of the article's story; None while the article has no story."""
    story = article_story(article_id)
    return thread_of_story(story, viewer, now) if story is not None else None


def thread(story_id: int, viewer: User, now: datetime) -> Thread | None:
    """The story's thread (a merged story's address gives the thread of the one it joined)."""
    story = resolve_story(story_id)
    return thread_of_story(story, viewer, now) if story is not None else None


def _story_comments(story_id: int) -> QuerySet[Comment]:
    """The comments of a story and of the stories merged into it, oldest first."""
    merged = Story.objects.filter(merged_into_id=story_id).values("id")
    return (
        Comment.objects.filter(Q(story_id=story_id) | Q(story_id__in=merged))
        .select_related("author", "author__reader")
        .order_by("created_at", "id")[:THREAD_LIMIT]
    )


_STORY_COMMENTS = PreparedQuery[Comment](_story_comments, story_id=int)


def thread_of_story(story: Story, viewer: User, now: datetime) -> Thread:
    """The thread of a live story: its comments and those of the stories merged into it."""
    reader = reader_of(viewer)
    moderator = is_moderator(viewer)
    comments = _STORY_COMMENTS.run(story_id=story.pk)
    reported: set[int] = set()
    if reader is not None:
        reported = set(
            CommentReport.objects.filter(
                reporter_id=viewer.pk, comment_id__in=[c.pk for c in comments]
            ).values_list("comment_id", flat=True)
        )
    children: dict[int | None, list[Comment]] = defaultdict(list)
    known = {c.pk for c in comments}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in known else None
        children[parent].append(comment)
    view = _Viewer(viewer, moderator, bool(reader and reader.banned), reported, now)
    entries = view.build(children, None, 0)
    count = sum(1 for entry in _walk(entries) if entry.html is not None)
    return Thread(
        story=story,
        entries=entries,
        count=count,
        signed_in=reader is not None,
        may_post=reader is not None and not reader.banned,
        banned=bool(reader and reader.banned),
        moderator=moderator,
    )


def _walk(entries: list[ThreadEntry]) -> list[ThreadEntry]:
    out = []
    for entry in entries:
        out.append(entry)
        out.extend(_walk(entry.replies))
    return out


@dataclass
class _Viewer:
    user: User
    moderator: bool
    banned: bool
    reported: set[int]
    now: datetime

    def build(
        self, children: dict[int | None, list[Comment]], parent: int | None, depth: int
    ) -> list[ThreadEntry]:
        entries = []
        for comment in children.get(parent, []):
            replies = self.build(children, comment.pk, depth + 1)
            entry = self.entry(comment, depth, replies)
            if entry is not None:
                entries.append(entry)
        return entries

    def entry(self, comment: Comment, depth: int, replies: list[ThreadEntry]) -> ThreadEntry | None:
        own = self.user.is_authenticated and comment.author_id == self.user.pk
        status = comment.status
        if status == CommentStatus.DELETED or (
            status != CommentStatus.VISIBLE and not (own or self.moderator)
        ):
            if not replies:
                return None
            deleted = status == CommentStatus.DELETED
            placeholder = gettext("[deleted]") if deleted else gettext("[removed]")
            return ThreadEntry(comment, depth, None, placeholder=placeholder, replies=replies)
        signed_in = self.user.is_authenticated and not self.banned
        note = ""
        if status != CommentStatus.VISIBLE:
            note = str(NOTES[status] if own else MODERATOR_NOTES[status])
            if self.moderator and comment.status_reason:
                note += f" ({comment.status_reason})"
        return ThreadEntry(
            comment,
            depth,
            render_body(comment.body),
            note=note,
            can_reply=signed_in and status == CommentStatus.VISIBLE,
            can_edit=own
            and not self.banned
            and status != CommentStatus.HIDDEN
            and self.now - comment.created_at <= EDIT_WINDOW,
            can_delete=own or self.moderator,
            can_report=signed_in
            and not own
            and status == CommentStatus.VISIBLE
            and comment.pk not in self.reported,
            can_moderate=self.moderator,
            replies=replies,
        )
