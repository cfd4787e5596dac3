"""The comment section of the article and story pages: without JavaScript (plain forms that
redirect back with a message), with htmx (the thread fragment in place), CSRF, and hostile text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.comments.models import Comment, CommentStatus
from newsdesk.desk import comments
from newsdesk.desk.readers.profiles import set_role
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Placement, Story
from newsdesk.web.links import article_path, story_path
from tests.web.conftest import MakeArticle

pytestmark = pytest.mark.django_db


def placed(article: Article) -> Story:
    story = Story.objects.create(headline=article.title, changed_at=timezone.now())
    Placement.objects.create(
        article=article, story=story, published_at=article.published_at, placed_at=timezone.now()
    )
    return story


@pytest.fixture
def article(make_article: MakeArticle) -> Article:
    return make_article()


@pytest.fixture
def story(article: Article) -> Story:
    return placed(article)


def signed_in(client: Client, name: str = "ana") -> User:
    user = User.objects.create_user(name, email=f"{name}@example.test", password="x")
    client.force_login(user)
    return user


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_visitors_are_asked_to_sign_in(client: Client, article: Article, story: Story) -> None:
    html = html_of(client, article_path(article))
    assert "No comments yet." in html
    assert "Sign in to comment" in html
    login = re.search(r'href="(/accounts/login/\?next=[^"]+)"', html)
    assert login and "%23comments" in login.group(1) and "%2Farticle%2F" in login.group(1)
    assert 'name="body"' not in html


def test_an_article_without_a_story_says_when_comments_open(
    client: Client, make_article: MakeArticle
) -> None:
    lone = make_article("A report nobody else wrote")
    html = html_of(client, article_path(lone))
    assert "Comments open once this article is grouped into a story." in html


def test_post_and_reply_without_javascript(client: Client, article: Article, story: Story) -> None:
    ana = signed_in(client)
    page = article_path(article)
    response = client.post(
        f"/comments/story/{story.pk}/", {"body": "Good news for commuters", "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page + "#comments"
    posted = Comment.objects.get(author=ana)
    html = html_of(client, page)
    assert "Good news for commuters" in html and "Your comment is posted." in html
    response = client.post(
        f"/comments/{posted.pk}/reply/", {"body": "Replying to myself", "next": page}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=posted)
    assert reply.body == "Replying to myself"
    html = html_of(client, page)
    assert html.index("Good news for commuters") < html.index("Replying to myself")
    assert "Your comment is posted." not in html_of(client, page)  # each message shows once


def test_refusals_come_back_as_a_message(client: Client, article: Article, story: Story) -> None:
    signed_in(client)
    page = article_path(article)
    response = client.post(f"/comments/story/{story.pk}/", {"body": "   ", "next": page})
    assert response.status_code == 302
    assert "Write something before posting." in html_of(client, page)
    response = client.post(
        f"/comments/story/{story.pk}/", {"body": "x", "next": "https://evil.test/"}
    )
    assert response["Location"] == story_path(story) + "#comments"


def test_pages_with_a_readers_thread_are_not_cached(
    client: Client, article: Article, story: Story
) -> None:
    visitor = client.get(article_path(article))
    assert "no-store" not in visitor.get("Cache-Control", "")
    signed_in(client)
    for url in (article_path(article), story_path(story)):
        assert "no-store" in client.get(url)["Cache-Control"]
    fragment = client.get(f"/comments/story/{story.pk}/")
    assert "no-store" in fragment["Cache-Control"]


def test_held_comments_are_for_their_author(client: Client, article: Article, story: Story) -> None:
    ana = signed_in(client)
    client.post(f"/comments/story/{story.pk}/", {"body": "SHOUTING ABOUT THE FERRY ALL DAY"})
    assert Comment.objects.get(author=ana).status == CommentStatus.HELD
    html = html_of(client, article_path(article))
    assert "SHOUTING ABOUT THE FERRY" in html and "Held for moderation" in html
    other = Client()
    signed_in(other, "ben")
    assert "SHOUTING ABOUT THE FERRY" not in html_of(other, article_path(article))
    assert "SHOUTING ABOUT THE FERRY" not in html_of(Client(), article_path(article))


def test_htmx_gets_the_fragment(client: Client, article: Article, story: Story) -> None:
    signed_in(client)
    headers = {"HX-Request": "true"}
    response = client.post(
        f"/comments/story/{story.pk}/",
        {"body": "Posted in place", "next": article_path(article)},
        headers=headers,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="comments-thread" id="comments-thread">')
    assert "<html" not in html and "Posted in place" in html
    assert "Your comment is posted." in html
    assert "no-store" in response["Cache-Control"]
    refused = client.post(
        f"/comments/story/{story.pk}/", {"body": "", "next": article_path(article)}, headers=headers
    )
    assert refused.status_code == 200 and "Write something" in refused.content.decode()
    fragment = client.get(f"/comments/story/{story.pk}/", headers=headers)
    assert "Posted in place" in fragment.content.decode()


def test_edit_delete_and_report(client: Client, article: Article, story: Story) -> None:
    ana = signed_in(client)
    posted = comments.post_comment(ana, story.pk, "Frist comment", timezone.now())
    page = article_path(article)
    client.post(f"/comments/{posted.pk}/edit/", {"body": "First comment", "next": page})
    posted.refresh_from_db()
    assert posted.body == "First comment" and posted.edited_at is not None
    assert "edited" in html_of(client, page)
    ben = Client()
    signed_in(ben, "ben")
    assert "Report comment" in html_of(ben, page)
    response = ben.post(f"/comments/{posted.pk}/report/", {"reason": "spam", "next": page})
    assert response.status_code == 302
    assert posted.reports.count() == 1
    ben.post(f"/comments/{posted.pk}/delete/", {"next": page})
    assert "not your comment" in html_of(ben, page)
    client.post(f"/comments/{posted.pk}/delete/", {"next": page})
    posted.refresh_from_db()
    assert posted.status == CommentStatus.DELETED
    assert "First comment" not in html_of(Client(), page)


def test_csrf_is_enforced(article: Article, story: Story) -> None:
    client = Client(enforce_csrf_checks=True)
    signed_in(client)
    response = client.post(f"/comments/story/{story.pk}/", {"body": "No token"})
    assert response.status_code == 403
    assert not Comment.objects.exists()
    html = html_of(client, article_path(article))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token
    response = client.post(
        f"/comments/story/{story.pk}/", {"body": "With a token", "csrfmiddlewaretoken": token[1]}
    )
    assert response.status_code == 302 and Comment.objects.count() == 1


def test_each_form_of_a_thread_has_the_pages_token_and_a_visitor_none(
    article: Article, story: Story
) -> None:
    """The entries' forms (reply, edit, delete, report) write the page's one CSRF token, as each
    ``{% csrf_token %}`` did; a visitor, shown no form, gets no token and no CSRF cookie."""
    ana = signed_in(Client(), "ana")
    posted = comments.post_comment(ana, story.pk, "A first comment", timezone.now())
    comments.post_comment(ana, story.pk, "A reply", timezone.now(), parent_id=posted.pk)
    reader = Client(enforce_csrf_checks=True)
    signed_in(reader, "ben")
    response = reader.get(article_path(article))
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert len(tokens) >= 5  # the new comment's form, and reply and report under each entry
    assert len(set(tokens)) == 1 and "csrftoken" in response.cookies
    visitor = Client().get(article_path(article))
    assert "A reply" in visitor.content.decode() and "csrfmiddlewaretoken" not in (
        visitor.content.decode()
    )
    assert "csrftoken" not in visitor.cookies


def test_story_page_has_the_same_thread(client: Client, article: Article, story: Story) -> None:
    ana = User.objects.create_user("ana", password="x")
    comments.post_comment(ana, story.pk, "Seen on both pages", timezone.now())
    assert "Seen on both pages" in html_of(client, story_path(story))
    assert "Seen on both pages" in html_of(client, article_path(article))


def test_moderators_see_held_comments_with_a_note(
    client: Client, article: Article, story: Story
) -> None:
    ana = User.objects.create_user("ana", password="x")
    comments.post_comment(ana, story.pk, "BUY WATCHES NOW AT THE BEST PRICES", timezone.now())
    mod = signed_in(client, "mod")
    set_role(mod, "moderator")
    html = html_of(client, article_path(article))
    assert "BUY WATCHES" in html and "Held (Held automatically" in html


HOSTILE = [
    "<script>document.title='pwned'</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a> javascript:alert(2)',
    'https://example.test/"><svg onload=alert(3)>',
]


def test_hostile_comments_are_inert(client: Client, article: Article, story: Story) -> None:
    for i, text in enumerate(HOSTILE):
        author = User.objects.create_user(f"writer{i}", password="x")
        comments.post_comment(author, story.pk, text, timezone.now())
    html = html_of(Client(), article_path(article))
    bodies = re.findall(r'<div class="comment-body">(.*?)</div>', html, re.S)
    assert len(bodies) == len(HOSTILE)
    for body in bodies:
        tags = Tags()
        tags.feed(body)
        assert {tag for tag, _ in tags.found} <= {"p", "br", "a"}, body
        for _, attributes in tags.found:
            assert {name for name, _ in attributes} <= {"href", "rel"}, body
            href = dict(attributes).get("href") or "https://"
            assert href.startswith(("http://", "https://")), body
    assert "&lt;script&gt;" in bodies[0]
    assert 'rel="nofollow ugc noopener"' in bodies[3]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def test_the_admin_is_the_moderation_queue(client: Client, article: Article, story: Story) -> None:
    now = timezone.now()
    authors = [User.objects.create_user(f"author{i}", password="x") for i in range(3)]
    calm = comments.post_comment(authors[0], story.pk, "Calm remark", now)
    reported = comments.post_comment(authors[1], story.pk, "Reported remark", now)
    held = comments.post_comment(authors[2], story.pk, "SHOUTING REMARK FOR THE QUEUE", now)
    comments.report_comment(authors[0], reported.pk, "rude", now)
    reader = signed_in(client, "plain")
    assert client.get("/admin/comments/comment/").status_code == 302  # not staff
    set_role(reader, "moderator")
    listing = client.get("/admin/comments/comment/?queue=needs-look")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Reported remark" in html and "SHOUTING REMARK" in html and "Calm remark" not in html
    assert html.index("Reported remark") < html.index("SHOUTING REMARK")  # most reported first
    response = client.post(
        "/admin/comments/comment/",
        {"action": "hide", "_selected_action": [reported.pk, held.pk], "index": 0},
    )
    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("id", "status"))
    assert statuses == {calm.pk: "visible", reported.pk: "hidden", held.pk: "hidden"}
    assert Comment.objects.get(pk=held.pk).moderated_by == reader
    client.post(
        "/admin/comments/comment/",
        {"action": "ban_author", "_selected_action": [calm.pk], "index": 0},
    )
    assert Reader.objects.get(user=authors[0]).banned
    assert Comment.objects.get(pk=calm.pk).status == CommentStatus.HIDDEN
    assert client.get("/admin/comments/commentreport/").status_code == 200
    assert client.get("/admin/comments/blockedword/add/").status_code == 200
    assert client.get(f"/admin/comments/comment/{calm.pk}/delete/").status_code == 403
