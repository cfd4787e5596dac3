"""Routes of the reader web app: comments (their own prefix, apart from article and story pages)."""

from django.urls import URLPattern, path

from newsdesk.web import comments

urlpatterns: list[URLPattern] = [
    path("comments/story/<int:story_id>/", comments.story_thread, name="comments-story"),
    path("comments/<int:comment_id>/reply/", comments.reply, name="comment-reply"),
    path("comments/<int:comment_id>/edit/", comments.edit, name="comment-edit"),
    path("comments/<int:comment_id>/delete/", comments.delete, name="comment-delete"),
    path("comments/<int:comment_id>/report/", comments.report, name="comment-report"),
]
