"""Comments on stories: posting, editing, deleting and reporting, the spam and abuse checks,
moderation, and the thread as pages and the API show it.

One thread per story, shared by every copy of the story and every article in it. Readers' text is
kept as written and made safe only when shown (``render``). Every change goes through here.
"""

from newsdesk.desk.comments.errors import (
    CommentError,
    CommentForbiddenError,
    CommentNotFoundError,
    CommentRateLimitedError,
    DuplicateCommentError,
)
from newsdesk.desk.comments.moderation import (
    ban_author,
    hide_comment,
    moderation_queue,
    restore_comment,
)
from newsdesk.desk.comments.posting import (
    EDIT_WINDOW,
    MAX_DEPTH,
    MAX_LENGTH,
    REPORTS_TO_HOLD,
    delete_comment,
    edit_comment,
    post_comment,
    report_comment,
)
from newsdesk.desk.comments.render import render_body
from newsdesk.desk.comments.thread import (
    Thread,
    ThreadEntry,
    entry_of,
    story_of_comment,
    thread,
    thread_of_article,
    thread_of_story,
)

__all__ = [
    "EDIT_WINDOW",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "REPORTS_TO_HOLD",
    "CommentError",
    "CommentForbiddenError",
    "CommentNotFoundError",
    "CommentRateLimitedError",
    "DuplicateCommentError",
    "Thread",
    "ThreadEntry",
    "ban_author",
    "delete_comment",
    "edit_comment",
    "entry_of",
    "hide_comment",
    "moderation_queue",
    "post_comment",
    "render_body",
    "report_comment",
    "restore_comment",
    "story_of_comment",
    "thread",
    "thread_of_article",
    "thread_of_story",
]
