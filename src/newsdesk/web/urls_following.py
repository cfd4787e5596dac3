"""Routes of the reader web app: following, folders, "For you", the reader's OPML (out and in)
and private feed."""

from django.urls import path

from newsdesk.web import following

urlpatterns = [
    path("for-you/", following.for_you_page, name="for-you"),
    path("me/following/", following.following_page, name="following"),
    path("me/follow/", following.follow_view, name="follow"),
    path("me/mute/", following.mute_view, name="mute"),
    path("me/feed-token/", following.feed_token_view, name="feed-token"),
    path("me/folders/", following.folder_view, name="folders"),
    path("me/folders/move/", following.folder_move_view, name="folder-move"),
    path("me/opml/", following.opml_view, name="opml"),
    path("me/opml/import/", following.opml_import_view, name="opml-import"),
    path("feeds/for-you/<str:token>.xml", following.for_you_feed, name="for-you-feed"),
]
