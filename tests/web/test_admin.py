"""The operators' admin: who sees what, and the actions on feeds, stories and readers (deleting
accounts included)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.comments.models import Comment
from newsdesk.desk.readers import profiles
from newsdesk.readers.models import Reader, Role
from newsdesk.sources.models import Feed, FeedStatus, FetchAttempt, FetchOutcome, Source
from newsdesk.stories.models import Correction, CorrectionKind, Placement, Story
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db
OPERATOR_PAGES = [
    "/admin/sources/source/",
    "/admin/sources/feed/",
    "/admin/stories/story/",
    "/admin/stories/placement/",
    "/admin/stories/correction/",
    "/admin/auth/user/",
]


def account(name: str, role: str | None = None) -> User:
    user = User.objects.create_user(name, f"{name}@example.test", "a long enough password")
    if role:
        profiles.set_role(user, role)
    return user


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(account("root", Role.ADMIN))
    return client


@pytest.fixture
def feed(source: Source) -> Feed:
    later = timezone.now() + timedelta(hours=3)
    made = Feed.objects.create(
        source=source,
        url="https://example.test/feed.xml",
        next_check_at=later,
        last_status=503,
        last_error="HTTP 503",
        consecutive_failures=2,
    )
    FetchAttempt.objects.create(
        feed=made,
        started_at=timezone.now(),
        status=503,
        outcome=FetchOutcome.ERROR,
        error="HTTP 503 from the origin",
    )
    return made


def place(article: Article, story: Story) -> Placement:
    return Placement.objects.create(
        article=article,
        story=story,
        published_at=article.published_at,
        placed_at=timezone.now(),
    )


def story_of(*articles: Article) -> Story:
    story = Story.objects.create(
        headline=articles[0].title,
        article_count=len(articles),
        source_count=1,
        last_published_at=max(a.published_at for a in articles if a.published_at),
    )
    for article in articles:
        place(article, story)
    return story


@pytest.mark.parametrize("path", OPERATOR_PAGES)
def test_admin_sees_every_operator_page(admin_client: Client, path: str) -> None:
    response = admin_client.get(path)
    assert response.status_code == 200


@pytest.mark.parametrize("path", OPERATOR_PAGES)
def test_moderator_is_refused_operator_pages(client: Client, path: str) -> None:
    client.force_login(account("mod", Role.MODERATOR))
    assert client.get(path).status_code == 403


def test_moderator_sees_readers_but_no_role_actions(client: Client) -> None:
    client.force_login(account("mod", Role.MODERATOR))
    account("reader")
    page = client.get("/admin/readers/reader/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="ban"' in html and 'value="make_admin"' not in html
    index = client.get("/admin/").content.decode()
    assert "/admin/sources/" not in index and "/admin/auth/user/" not in index


def test_moderator_cannot_make_themselves_admin(client: Client) -> None:
    moderator = account("mod", Role.MODERATOR)
    client.force_login(moderator)
    client.post(
        "/admin/readers/reader/",
        {"action": "make_admin", "_selected_action": [str(moderator.pk)]},
    )
    moderator.refresh_from_db()
    assert not moderator.is_superuser and profiles.role_of(moderator) == Role.MODERATOR


def test_visitors_sign_in_through_the_rate_limited_accounts_form(client: Client) -> None:
    response = client.get("/admin/sources/source/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert b'name="login"' in response.content


def test_readers_are_refused_the_admin(client: Client) -> None:
    client.force_login(account("reader"))
    response = client.get("/admin/sources/source/", follow=True)
    assert response.status_code == 403


def test_sources_list_shows_rights_and_feed_count(admin_client: Client, feed: Feed) -> None:
    html = admin_client.get("/admin/sources/source/").content.decode()
    assert "The Example Times" in html
    assert 'name="form-0-rights"' in html and 'name="form-0-ai_allowed"' in html
    assert '<td class="field-feed_count">1</td>' in html


def test_feed_page_shows_health_and_recent_checks(admin_client: Client, feed: Feed) -> None:
    listing = admin_client.get("/admin/sources/feed/?health=failing").content.decode()
    assert "https://example.test/feed.xml" in listing and "HTTP 503" in listing
    assert admin_client.get("/admin/sources/feed/?health=healthy").context["cl"].result_count == 0
    page = admin_client.get(f"/admin/sources/feed/{feed.pk}/change/").content.decode()
    assert "HTTP 503 from the origin" in page


def test_check_now_makes_active_feeds_due(admin_client: Client, feed: Feed, source: Source) -> None:
    paused = Feed.objects.create(
        source=source,
        url="https://example.test/paused.xml",
        status=FeedStatus.PAUSED,
        next_check_at=timezone.now() + timedelta(days=1),
    )
    before = timezone.now()
    response = admin_client.post(
        "/admin/sources/feed/",
        {"action": "check_now", "_selected_action": [str(feed.pk), str(paused.pk)]},
        follow=True,
    )
    assert b"1 feed due now" in response.content
    feed.refresh_from_db()
    paused.refresh_from_db()
    assert before <= feed.next_check_at <= timezone.now()
    assert paused.next_check_at > timezone.now() + timedelta(hours=23)


def test_merge_selected_into_the_newest(admin_client: Client, make_article: MakeArticle) -> None:
    old = story_of(make_article("Bridge closes", age=timedelta(hours=9)))
    new = story_of(make_article("Bridge closed for repairs", age=timedelta(hours=1)))
    admin_client.post(
        "/admin/stories/story/",
        {"action": "merge_into_newest", "_selected_action": [str(old.pk), str(new.pk)]},
    )
    old.refresh_from_db()
    assert old.merged_into_id == new.pk
    assert Placement.objects.filter(story=new).count() == 2
    correction = Correction.objects.get()
    assert correction.kind == CorrectionKind.MERGE and correction.made_by == "root"
    listing = admin_client.get("/admin/stories/correction/")
    assert listing.status_code == 200 and b"root" in listing.content


def test_split_an_article_into_its_own_story(
    admin_client: Client, make_article: MakeArticle
) -> None:
    first = make_article("Harbour reopens")
    second = make_article("Orchestra season announced")
    story = story_of(first, second)
    page = admin_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "Harbour reopens" in page and "Orchestra season announced" in page
    admin_client.post(
        "/admin/stories/placement/",
        {"action": "split_out", "_selected_action": [str(second.pk)]},
    )
    moved = Placement.objects.get(article=second)
    assert moved.story_id != story.pk and moved.pinned
    assert Placement.objects.get(article=first).story_id == story.pk
    assert Correction.objects.get().kind == CorrectionKind.SPLIT


@pytest.mark.parametrize(
    ("action", "role", "staff", "superuser"),
    [
        ("make_moderator", Role.MODERATOR, True, False),
        ("make_admin", Role.ADMIN, True, True),
        ("make_reader", Role.READER, False, False),
    ],
)
def test_admin_changes_roles_through_the_desk(
    admin_client: Client, action: str, role: str, staff: bool, superuser: bool
) -> None:
    user = account("ana", Role.MODERATOR if role == Role.READER else None)
    admin_client.post("/admin/auth/user/", {"action": action, "_selected_action": [str(user.pk)]})
    user.refresh_from_db()
    assert profiles.role_of(user) == role
    assert (user.is_staff, user.is_superuser) == (staff, superuser)


def test_ban_and_unban_from_the_users_list(admin_client: Client) -> None:
    user = account("ana")
    admin_client.post("/admin/auth/user/", {"action": "ban", "_selected_action": [str(user.pk)]})
    assert Reader.objects.get(user=user).banned
    listing = admin_client.get("/admin/auth/user/").content.decode()
    row = listing.split("ana@example.test", 1)[1].split("</tr>", 1)[0]
    assert '<td class="field-role">Reader</td>' in row
    assert re.search(r'<td class="field-banned"><img src="[^"]*icon-yes', row)
    banned = admin_client.get("/admin/auth/user/?banned=yes").context["cl"].result_list
    assert [u.pk for u in banned] == [user.pk]
    admin_client.post("/admin/auth/user/", {"action": "unban", "_selected_action": [str(user.pk)]})
    assert not Reader.objects.get(user=user).banned


def test_moderator_bans_from_the_readers_list(client: Client) -> None:
    client.force_login(account("mod", Role.MODERATOR))
    user = account("troll")
    profiles.reader_of(user)
    client.post("/admin/readers/reader/", {"action": "ban", "_selected_action": [str(user.pk)]})
    reader = Reader.objects.get(user=user)
    assert reader.banned and reader.ban_reason == "Banned by mod"


def test_role_flags_are_read_only_in_the_user_form(admin_client: Client) -> None:
    user = account("ana")
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page
    assert 'name="username"' in page


def _comment_of(author: User, body: str, parent: Comment | None = None) -> Comment:
    story = parent.story if parent else Story.objects.create(changed_at=timezone.now())
    return Comment.objects.create(
        story=story, parent=parent, author=author, body=body, created_at=timezone.now()
    )


def test_admin_deletes_a_user_and_their_comments_stay_as_deleted(admin_client: Client) -> None:
    ana, ben = account("ana"), account("ben")
    first = _comment_of(ana, "The ferry is late again.")
    reply = _comment_of(ben, "Mine was on time.", parent=first)
    data = {"action": "delete_selected", "_selected_action": [str(ana.pk)]}
    confirm = admin_client.post("/admin/auth/user/", data).content.decode()
    assert "Are you sure" in confirm and "ana" in confirm
    done = admin_client.post("/admin/auth/user/", {**data, "post": "yes"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=ana.pk).exists()
    assert not Reader.objects.filter(user_id=ana.pk).exists()
    first.refresh_from_db()
    assert (first.author_id, first.body, first.status) == (None, "", "deleted")
    reply.refresh_from_db()
    assert reply.body == "Mine was on time." and reply.author_id == ben.pk
    listing = admin_client.get("/admin/comments/comment/?queue=all").content.decode()
    assert "[deleted]" in listing


def test_admin_deletes_from_the_delete_page_and_the_readers_list(admin_client: Client) -> None:
    ana, ben = account("ana"), account("ben")
    _comment_of(ana, "Hello there.")
    profiles.reader_of(ben)
    deleted = admin_client.post(f"/admin/auth/user/{ana.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not User.objects.filter(pk=ana.pk).exists()
    assert Comment.objects.get().status == "deleted"
    data = {"action": "delete_selected", "_selected_action": [str(ben.pk)], "post": "yes"}
    assert admin_client.post("/admin/readers/reader/", data).status_code == 302
    assert not User.objects.filter(pk=ben.pk).exists()  # the whole account, not the profile


def test_the_last_admin_is_refused_on_the_confirmation_page(client: Client) -> None:
    root = account("root", Role.ADMIN)
    client.force_login(root)
    data = {"action": "delete_selected", "_selected_action": [str(root.pk)], "post": "yes"}
    page = client.post("/admin/auth/user/", data)
    assert page.status_code == 200
    assert "The last admin account cannot be deleted" in page.content.decode()
    single = client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"})
    assert single.status_code == 200 and "last admin" in single.content.decode()
    assert User.objects.filter(pk=root.pk).exists()
    deputy = account("deputy", Role.ADMIN)
    assert client.post(f"/admin/auth/user/{deputy.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=deputy.pk).exists()


def test_moderators_cannot_delete_accounts(client: Client) -> None:
    client.force_login(account("mod", Role.MODERATOR))
    ana = account("ana")
    profiles.reader_of(ana)
    data = {"action": "delete_selected", "_selected_action": [str(ana.pk)], "post": "yes"}
    assert client.post("/admin/auth/user/", data).status_code == 403
    listing = client.get("/admin/readers/reader/").content.decode()
    assert "delete_selected" not in listing
    client.post("/admin/readers/reader/", data)  # not offered: "No action selected"
    refused = client.post(f"/admin/readers/reader/{ana.pk}/delete/", {"post": "yes"})
    assert refused.status_code == 403
    assert User.objects.filter(pk=ana.pk).exists()
