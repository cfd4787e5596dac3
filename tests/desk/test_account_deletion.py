"""Deleting an account: the reader's data goes, their comments stay in the threads as
"[deleted]" placeholders with the replies of others intact, tokens stop working, the password is
asked and wrong ones are limited, and the last admin cannot be deleted."""

from __future__ import annotations

from datetime import datetime
from itertools import count

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus
from newsdesk.comments.models import Comment, CommentReport, CommentStatus
from newsdesk.desk import comments
from newsdesk.desk.comments import CommentError
from newsdesk.desk.readers import following, history, leaving, saved
from newsdesk.desk.readers.app_passwords import set_app_password, user_for_app_login
from newsdesk.desk.readers.profiles import ProfileError, set_role
from newsdesk.desk.readers.tokens import issue_token, user_for_token
from newsdesk.readers.models import (
    ApiToken,
    Follow,
    FollowKind,
    Mute,
    Reader,
    ReadMark,
    SavedArticle,
    TokenScope,
)
from newsdesk.sources.models import Source
from newsdesk.stories.models import Story
from newsdesk.web import cards

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough pass phrase"
_names = count(1)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    cache.clear()  # the wrong-password counts live there


@pytest.fixture
def now() -> datetime:
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def story() -> Story:
    return Story.objects.create(headline="Ferry to the east bank", changed_at=timezone.now())


@pytest.fixture
def source() -> Source:
    return Source.objects.create(
        name="River Post", slug="river-post", home_url="https://river.test/", domain="river.test"
    )


@pytest.fixture
def article(source: Source, now: datetime) -> Article:
    return Article.objects.create(
        url="https://river.test/ferry",
        url_hash="0" * 32,
        source=source,
        title="Ferry reaches the east bank",
        published_at=now,
        text="The ferry now stops at the east bank.",
        status=ArticleStatus.READY,
    )


def account(name: str = "", role: str = "reader") -> User:
    name = name or f"reader{next(_names)}"
    user = User.objects.create_user(name, email=f"{name}@example.test", password=PASSWORD)
    set_role(user, role)
    return user


def post(
    user: User, story: Story, body: str, now: datetime, parent: Comment | None = None
) -> Comment:
    parent_id = parent.pk if parent else None
    return comments.post_comment(user, story.pk, body, now, ip="203.0.113.9", parent_id=parent_id)


def test_comments_stay_as_placeholders_and_replies_by_others_are_intact(
    story: Story, now: datetime
) -> None:
    ana, ben = account("ana"), account("ben")
    first = post(ana, story, "The new stops are welcome.", now)
    reply = post(ben, story, "Agreed, about time.", now, parent=first)
    answer = post(ana, story, "And the timetable is good too.", now, parent=reply)
    lone = post(ana, story, "A comment nobody answered.", now)

    cleared = leaving.delete_account(ana, now)

    assert cleared == 3
    assert not User.objects.filter(username="ana").exists()
    for gone in (first, answer, lone):
        gone.refresh_from_db()
        assert gone.author_id is None
        assert gone.status == CommentStatus.DELETED
        assert gone.body == "" and gone.ip_hash == ""
    reply.refresh_from_db()
    assert reply.body == "Agreed, about time." and reply.status == CommentStatus.VISIBLE
    assert reply.parent_id == first.pk and reply.author_id == ben.pk

    seen = comments.thread(story.pk, AnonymousUser(), now)
    assert seen is not None
    [top] = seen.entries  # the lone comment had no replies: it is left out
    assert top.comment.pk == first.pk and top.placeholder == "[deleted]" and top.html is None
    [kept] = top.replies
    assert kept.comment.pk == reply.pk and "Agreed, about time." in str(kept.html)
    assert [entry.placeholder for entry in kept.replies] == []  # the answer had no replies
    assert seen.count == 1


def test_the_readers_personal_rows_are_gone(
    story: Story, source: Source, article: Article, now: datetime
) -> None:
    ana, ben = account("ana"), account("ben")
    following.follow(ana, FollowKind.TOPIC, "harbour", now)
    following.follow(ben, FollowKind.TOPIC, "harbour", now)
    following.mute(ana, source.slug)
    saved.save(ana, article.pk, now)
    history.mark_read(ana, article.pk, now)
    issue_token(ana, now, name="phone")
    others = post(ben, story, "Nobody asked me.", now)
    comments.report_comment(ana, others.pk, "rude", now)

    leaving.delete_account(ana, now)

    for model in (Reader, Follow, Mute, SavedArticle, ReadMark, ApiToken):
        assert not model.objects.filter(user_id=ana.pk).exists(), model.__name__
    assert not CommentReport.objects.filter(reporter_id=ana.pk).exists()
    assert Follow.objects.filter(user=ben).count() == 1
    assert Reader.objects.filter(user=ben).exists()


def test_tokens_app_passwords_and_sessions_stop_working(now: datetime) -> None:
    ana = account("ana")
    api_secret = issue_token(ana, now, name="phone").secret
    feed_secret = issue_token(ana, now, scope=TokenScope.FEED).secret
    set_app_password(ana, "an app password for tests")
    assert user_for_token(api_secret, TokenScope.API, now) == ana
    client = Client()
    client.force_login(ana)
    assert client.get("/me/").status_code == 200

    leaving.delete_account(ana, now)

    assert user_for_token(api_secret, TokenScope.API, now) is None
    assert user_for_token(feed_secret, TokenScope.FEED, now) is None
    assert user_for_app_login("ana@example.test", "an app password for tests") is None
    assert client.get("/me/").status_code == 302  # the old session signs nobody in


def test_the_last_admin_cannot_be_deleted(now: datetime) -> None:
    boss = account("boss", role="admin")
    with pytest.raises(ProfileError, match="last admin"):
        leaving.delete_account(boss, now)
    assert User.objects.filter(pk=boss.pk).exists()
    deputy = account("deputy", role="admin")
    leaving.delete_account(boss, now)
    assert not User.objects.filter(pk=boss.pk).exists()
    with pytest.raises(ProfileError, match="last admin"):
        leaving.delete_account(deputy, now)


def test_refuse_last_admin_looks_at_the_whole_selection() -> None:
    boss, deputy, ana = account("boss", "admin"), account("deputy", "admin"), account("ana")
    leaving.refuse_last_admin([boss, ana])  # deputy stays
    with pytest.raises(ProfileError):
        leaving.refuse_last_admin([boss, deputy])
    leaving.refuse_last_admin([ana])


def test_leaving_asks_for_the_password_and_limits_wrong_ones(story: Story, now: datetime) -> None:
    ana = account("ana")
    post(ana, story, "Hello from the east bank.", now)
    with pytest.raises(leaving.WrongPasswordError):
        leaving.leave(ana, "not it", now, address="203.0.113.9")
    with pytest.raises(leaving.WrongPasswordError):
        leaving.leave(ana, "", now, address="203.0.113.9")
    assert User.objects.filter(pk=ana.pk).exists()
    assert Comment.objects.get(story=story).body == "Hello from the east bank."
    for _ in range(3):
        with pytest.raises(leaving.WrongPasswordError):
            leaving.leave(ana, "still not it", now, address="203.0.113.9")
    with pytest.raises(leaving.TooManyTriesError):
        leaving.leave(ana, PASSWORD, now, address="203.0.113.9")
    assert User.objects.filter(pk=ana.pk).exists()
    cache.clear()
    assert leaving.leave(ana, PASSWORD, now, address="203.0.113.9") == 1
    assert not User.objects.filter(pk=ana.pk).exists()


def test_a_deleted_authors_comment_cannot_be_banned_or_restored(
    story: Story, now: datetime
) -> None:
    ana, mod = account("ana"), account("mod", role="moderator")
    first = post(ana, story, "Spam spam spam.", now)
    leaving.delete_account(ana, now)
    with pytest.raises(CommentError, match="deleted their account"):
        comments.ban_author(mod, first.pk, "spam", now)
    with pytest.raises(CommentError):
        comments.restore_comment(mod, first.pk, "", now)
    with pytest.raises(CommentError):
        comments.hide_comment(mod, first.pk, "", now)
    first.refresh_from_db()
    assert first.status == CommentStatus.DELETED and first.author_id is None
    assert list(comments.moderation_queue()) == []


def test_a_shown_comment_without_an_author_reads_as_deleted(story: Story, now: datetime) -> None:
    """Comments of deleted accounts are cleared, but one restored from a backup (or written by
    hand) with no author must still show, as "[deleted]", in the page and the API."""
    ben = account("ben")
    orphan = Comment.objects.create(
        story=story, author=None, body="From the archive.", created_at=now
    )
    post(ben, story, "An answer.", now, parent=orphan)
    seen = comments.thread(story.pk, AnonymousUser(), now)
    assert seen is not None
    [entry] = seen.entries
    html = cards.render("web/_comment.html", {"entries": [entry]})
    assert '<span class="comment-author">[deleted]</span>' in html
    assert 'aria-label="Comment by [deleted]"' in html and "From the archive." in html
    listed = Client().get(f"/api/v1/comments?story={story.pk}").json()["comments"]
    assert [(c["author"], c["body"]) for c in listed] == [
        (None, "From the archive."),
        (f"Reader {ben.pk}", "An answer."),
    ]
