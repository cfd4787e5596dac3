"""The five callers of the permission matrix and the data they act on.

Callers: ``anonymous`` (nobody signed in), ``reader`` (the owner of everything below), ``other``
(another reader), ``moderator`` and ``admin`` (roles given through ``set_role``, as the admin's
actions give them). Each signed-in caller has a JSON API token, a feed-reader app token (Google
Reader protocol) and an app password (its Fever key).

What ``reader`` owns: a comment, a held comment, a spare API token, a private feed token, a
follow of a source and of a topic, a muted source, a saved article and a read mark. ``other``
has a comment of its own (to report) and ``moderator`` one (that cannot be banned).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.comments.models import BlockedWord, Comment, CommentReport, CommentStatus
from newsdesk.desk import ai
from newsdesk.desk.readers import following, history, saved
from newsdesk.desk.readers.app_passwords import fever_key, set_app_password
from newsdesk.desk.readers.digest_plans import unsubscribe_token
from newsdesk.desk.readers.profiles import set_role
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.desk.stories import refresh_story
from newsdesk.readers.models import Follow, FollowKind, Role, TokenScope
from newsdesk.sources.models import Feed, Source
from newsdesk.stories.models import Placement, Story
from newsdesk.summaries.models import Summary

PRINCIPALS = ("anonymous", "reader", "other", "moderator", "admin")
ROLES = {"reader": Role.READER, "other": Role.READER, "moderator": Role.MODERATOR}
APP_PASSWORD = "an app password for tests"
ACCOUNT_PASSWORD = "an account pass phrase"


@dataclass
class Principal:
    name: str
    user: User | None = None
    api_token: str = ""  # Authorization: Bearer …
    app_token: str = ""  # Authorization: GoogleLogin auth=…
    fever_key: str = ""

    @property
    def signed_in(self) -> bool:
        return self.user is not None

    def api_client(self, **options: Any) -> Client:
        """A client that sends this caller's bearer token (none for anonymous)."""
        if self.api_token:
            options["HTTP_AUTHORIZATION"] = f"Bearer {self.api_token}"
        return Client(**options)

    def app_client(self) -> Client:
        """A feed-reader app: the Google Reader token, no session."""
        if self.app_token:
            return Client(HTTP_AUTHORIZATION=f"GoogleLogin auth={self.app_token}")
        return Client()

    def page_client(self, **options: Any) -> Client:
        """A browser signed in with a session (none for anonymous)."""
        client = Client(**options)
        if self.user is not None:
            client.force_login(self.user)
        return client


@dataclass
class World:
    """Everything the matrix acts on, made once per test module."""

    principals: dict[str, Principal]
    followed_source: Source  # followed by reader, has a feed
    muted_source: Source  # muted by reader
    spare_source: Source  # no articles: safe to delete
    feed: Feed  # the followed source's
    spare_feed: Feed  # the spare source's
    article: Article  # saved and read by reader; in story
    second_article: Article  # in story, from the muted source
    lone_article: Article  # the one article of second_story
    story: Story
    second_story: Story
    comment: Comment  # reader's, visible
    held_comment: Comment  # reader's, held for a moderator
    others_comment: Comment  # other's, visible
    moderators_comment: Comment  # moderator's, visible
    report: CommentReport  # other reported reader's comment
    blocked_word: BlockedWord
    spare_token_id: int  # reader's API token to revoke
    feed_secret: str  # reader's private "For you" feed token
    topic_follow: Follow  # reader follows a topic
    summary: Summary
    ids: dict[str, int] = field(default_factory=dict)

    def user(self, name: str) -> User:
        found = self.principals[name].user
        assert found is not None, name
        return found

    def placeholders(self) -> dict[str, Any]:
        """Values for the ``{…}`` parts of the routes in the matrix."""
        return {
            "story_id": self.story.pk,
            "second_story_id": self.second_story.pk,
            "article_id": self.article.pk,
            "second_article_id": self.second_article.pk,
            "lone_article_id": self.lone_article.pk,
            "comment_id": self.comment.pk,
            "held_comment_id": self.held_comment.pk,
            "others_comment_id": self.others_comment.pk,
            "moderators_comment_id": self.moderators_comment.pk,
            "token_id": self.spare_token_id,
            "follow_id": self.topic_follow.pk,
            "summary_id": self.summary.pk,
            "slug": self.followed_source.slug,
            "muted_slug": self.muted_source.slug,
            "feed_url": self.feed.url,
            "feed_secret": self.feed_secret,
            "digest_token": unsubscribe_token(self.user("reader")),
            "reader_id": self.user("reader").pk,
            "other_id": self.user("other").pk,
            "moderator_id": self.user("moderator").pk,
            "admin_id": self.user("admin").pk,
            "report_id": self.report.pk,
            "blocked_word_id": self.blocked_word.pk,
            "second_placement_id": Placement.objects.get(article=self.second_article).pk,
            "spare_source_id": self.spare_source.pk,
            "feed_pk": self.feed.pk,
            "spare_feed_id": self.spare_feed.pk,
        }


def _source(name: str, now: datetime) -> tuple[Source, Feed]:
    slug = name.lower().replace(" ", "-")
    source = Source.objects.create(
        name=name, slug=slug, home_url=f"https://{slug}.test/", domain=f"{slug}.test"
    )
    feed = Feed.objects.create(
        source=source, url=f"https://{slug}.test/feed.xml", next_check_at=now + timedelta(hours=1)
    )
    return source, feed


def _article(source: Source, title: str, now: datetime, hours_ago: float) -> Article:
    slug = title.lower().replace(" ", "-")
    text = (
        f"{title}. The harbour council voted on Tuesday to extend the ferry to three new stops. "
        "Officials said the first boats would run in the spring once the landings are rebuilt."
    )
    url = f"https://{source.slug}.test/news/{slug}"
    return Article.objects.create(
        url=url,
        url_hash=hashlib.sha256(url.encode()).hexdigest()[:32],
        source=source,
        feed=source.feeds.first(),
        title=title,
        published_at=now - timedelta(hours=hours_ago),
        language="en",
        description=f"{title}: the details.",
        text=text,
        html="".join(f"<p>{line}.</p>" for line in text.split(". ")),
        body_origin=BodyOrigin.PAGE,
        status=ArticleStatus.READY,
    )


def _story(articles: list[Article], now: datetime) -> Story:
    story = Story.objects.create(changed_at=now)
    for i, article in enumerate(articles):
        Placement.objects.create(
            article=article,
            story=story,
            score=None if i == 0 else 0.7,
            shared_entities=[] if i == 0 else ["Harbour Council"],
            published_at=article.published_at,
            placed_at=now,
        )
    refresh_story(story, now)
    story.refresh_from_db()
    return story


def _principal(name: str, now: datetime) -> Principal:
    if name == "anonymous":
        return Principal(name)
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password=None
    )
    set_role(user, Role.ADMIN if name == "admin" else ROLES[name])
    set_app_password(user, APP_PASSWORD)
    return Principal(
        name,
        user=user,
        api_token=issue_token(user, now, name=f"{name}'s app").secret,
        app_token=issue_token(user, now, scope=TokenScope.READER_APP, name="Reader app").secret,
        fever_key=fever_key(user.email.lower(), APP_PASSWORD),
    )


def _comment(story: Story, author: User, body: str, now: datetime, **fields: Any) -> Comment:
    return Comment.objects.create(story=story, author=author, body=body, created_at=now, **fields)


def build_world() -> World:
    """Make the callers and the reader's things (called inside a transaction rolled back later)."""
    now = timezone.now()
    principals = {name: _principal(name, now) for name in PRINCIPALS}
    reader = principals["reader"].user
    assert reader is not None
    reader.set_password(ACCOUNT_PASSWORD)
    reader.save(update_fields=["password"])
    followed, feed = _source("River Post", now)
    muted, _ = _source("Quiet Gazette", now)
    spare, spare_feed = _source("Spare Herald", now)
    article = _article(followed, "Ferry reaches the east bank", now, 3)
    second = _article(muted, "East bank ferry approved", now, 2)
    lone = _article(followed, "Bridge repairs start in May", now, 1)
    story, second_story = _story([article, second], now), _story([lone], now)
    following.follow(reader, FollowKind.SOURCE, followed.slug, now)
    topic = following.follow(reader, FollowKind.TOPIC, "harbour", now)
    following.mute(reader, muted.slug)
    saved.save(reader, article.pk, now)
    history.mark_read(reader, article.pk, now)
    other, moderator = principals["other"].user, principals["moderator"].user
    assert other is not None and moderator is not None
    comment = _comment(story, reader, "The ferry will help the east bank a lot.", now)
    held = _comment(
        story,
        reader,
        "A second thought the checks held.",
        now,
        status=CommentStatus.HELD,
        status_reason="Held by the checks",
    )
    others = _comment(story, other, "I take the bus, myself.", now)
    moderators = _comment(story, moderator, "Please keep to the topic.", now)
    report = CommentReport.objects.create(
        comment=comment, reporter=other, reason="off topic", created_at=now
    )
    Comment.objects.filter(pk=comment.pk).update(report_count=1)
    comment.refresh_from_db()
    summary = ai.request_article(article, ai.Request(task="line", reader=f"user:{reader.pk}"))
    return World(
        principals=principals,
        followed_source=followed,
        muted_source=muted,
        spare_source=spare,
        feed=feed,
        spare_feed=spare_feed,
        article=article,
        second_article=second,
        lone_article=lone,
        story=story,
        second_story=second_story,
        comment=comment,
        held_comment=held,
        others_comment=others,
        moderators_comment=moderators,
        report=report,
        blocked_word=BlockedWord.objects.create(word="spamword"),
        spare_token_id=issue_token(reader, now, name="spare").token.pk,
        feed_secret=issue_token(reader, now, scope=TokenScope.FEED, name="For you feed").secret,
        topic_follow=topic,
        summary=summary,
    )
