"""Comments on stories: posting and replies, the checks and limits, edits, deletes, reports,
moderation, the thread each viewer sees, safe rendering, and comments following story merges."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html.parser import HTMLParser
from itertools import count

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from newsdesk.comments.models import BlockedWord, Comment, CommentStatus
from newsdesk.desk import comments
from newsdesk.desk.comments import (
    CommentError,
    CommentForbiddenError,
    CommentNotFoundError,
    CommentRateLimitedError,
    DuplicateCommentError,
)
from newsdesk.desk.readers.profiles import ban, set_role
from newsdesk.desk.stories.upkeep import merge_stories
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Story

pytestmark = pytest.mark.django_db
_names = count(1)


@pytest.fixture
def now() -> datetime:
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def story() -> Story:
    return Story.objects.create(headline="Ferry to the east bank", changed_at=timezone.now())


def reader(name: str = "") -> User:
    return User.objects.create_user(name or f"reader{next(_names)}", password="x")


def moderator() -> User:
    user = reader()
    set_role(user, "moderator")
    return user


def post(user: User, story: Story, body: str, now: datetime, **kw: object) -> Comment:
    return comments.post_comment(user, story.pk, body, now, **kw)  # type: ignore[arg-type]


# Posting


def test_a_reader_posts_and_replies(story: Story, now: datetime) -> None:
    ana, ben = reader("ana"), reader("ben")
    first = post(ana, story, "  The new stops are welcome.  ", now, ip="203.0.113.5")
    reply = post(ben, story, "Agreed, about time.", now, parent_id=first.pk)
    assert first.body == "The new stops are welcome."
    assert first.status == CommentStatus.VISIBLE
    assert reply.parent_id == first.pk and reply.story_id == story.pk
    assert first.ip_hash and "203.0.113.5" not in first.ip_hash and len(first.ip_hash) == 64


def test_visitors_and_banned_readers_cannot_post(story: Story, now: datetime) -> None:
    with pytest.raises(CommentForbiddenError, match="Sign in"):
        comments.post_comment(AnonymousUser(), story.pk, "Hello", now)
    banned = reader()
    ban(banned, now, "spam")
    with pytest.raises(CommentForbiddenError):
        post(banned, story, "Hello", now)


def test_missing_and_merged_stories(story: Story, now: datetime) -> None:
    with pytest.raises(CommentNotFoundError):
        comments.post_comment(reader(), 999_999, "Hello", now)
    absorbed = Story.objects.create(changed_at=now, merged_into=story)
    posted = comments.post_comment(reader(), absorbed.pk, "Where does this go?", now)
    assert posted.story_id == story.pk


def test_body_is_cleaned_and_length_limited(story: Story, now: datetime) -> None:
    user = reader()
    posted = post(user, story, "Line\x00 one\u202e\r\nline two\x07", now)
    assert posted.body == "Line one\nline two"
    for empty in ("", "   \n\t", "\x00\x01"):
        with pytest.raises(CommentError, match="Write something"):
            post(user, story, empty, now)
    with pytest.raises(CommentError, match="at most 5,000"):
        post(user, story, "a b " * 1251, now)
    assert post(user, story, ("word " * 1000).strip(), now).status == CommentStatus.VISIBLE


def test_replies_must_be_in_the_same_thread_and_alive(story: Story, now: datetime) -> None:
    other = Story.objects.create(changed_at=now)
    user = reader()
    elsewhere = post(user, other, "Elsewhere", now)
    with pytest.raises(CommentNotFoundError):
        post(user, story, "Reply", now, parent_id=elsewhere.pk)
    with pytest.raises(CommentNotFoundError):
        post(user, story, "Reply", now, parent_id=123_456)
    gone = post(user, story, "Soon gone", now)
    comments.delete_comment(user, gone.pk, now)
    with pytest.raises(CommentError, match="deleted"):
        post(reader(), story, "Reply", now, parent_id=gone.pk)
    held = post(user, story, "BUY NOW THE BEST WATCHES FOR EVERYONE", now)
    assert held.status == CommentStatus.HELD
    with pytest.raises(CommentNotFoundError):
        post(reader(), story, "Reply to held", now, parent_id=held.pk)


def test_deep_replies_attach_at_the_deepest_level(story: Story, now: datetime) -> None:
    user = reader()
    parent = post(user, story, "Level 0", now)
    chain = [parent]
    for level in range(1, comments.MAX_DEPTH + 3):
        chain.append(post(reader(), story, f"Level {level}", now, parent_id=chain[-1].pk))
    deepest = chain[comments.MAX_DEPTH]
    assert chain[comments.MAX_DEPTH + 1].parent_id == deepest.parent_id
    assert chain[comments.MAX_DEPTH + 2].parent_id == deepest.parent_id
    entries = comments.thread(story.pk, user, now).flat()  # type: ignore[union-attr]
    assert max(entry.depth for entry in entries) == comments.MAX_DEPTH


# Limits


def test_rate_limit_per_reader(story: Story, now: datetime) -> None:
    user = reader()
    for i in range(5):
        post(user, story, f"Comment number {i}", now + timedelta(seconds=i))
    with pytest.raises(CommentRateLimitedError, match="5 comments in a minute"):
        post(user, story, "One too many", now + timedelta(seconds=10))
    later = now + timedelta(minutes=2)
    assert post(user, story, "After a pause", later).pk
    for i in range(24):
        post(user, story, f"Later comment {i}", later + timedelta(minutes=2 + 2 * i))
    with pytest.raises(CommentRateLimitedError, match="30 comments in an hour"):
        post(user, story, "Thirty-first", later + timedelta(minutes=55))


def test_rate_limit_per_address(story: Story, now: datetime) -> None:
    address = "198.51.100.7"
    for i in range(10):
        post(reader(), story, f"From one office {i}", now, ip=address)
    with pytest.raises(CommentRateLimitedError):
        post(reader(), story, "Eleventh from the office", now, ip=address)
    assert post(reader(), story, "From elsewhere", now, ip="198.51.100.8").pk


def test_the_same_text_twice_in_a_day_is_refused(story: Story, now: datetime) -> None:
    user = reader()
    post(user, story, "Great news for the east bank", now)
    with pytest.raises(DuplicateCommentError):
        post(user, story, "Great news for the east bank", now + timedelta(minutes=5))
    assert post(reader(), story, "Great news for the east bank", now).pk  # someone else may
    assert post(user, story, "Great news for the east bank", now + timedelta(days=1, seconds=1))


# Checks that hold


def test_link_flood_is_held(story: Story, now: datetime) -> None:
    user = reader()
    three = "See https://a.test/1 https://a.test/2 and www.a.test/3"
    assert post(user, story, three, now).status == CommentStatus.VISIBLE
    four = post(user, story, three + " https://a.test/4", now)
    assert four.status == CommentStatus.HELD and "4 links" in four.status_reason


def test_blocked_words_are_whole_words_in_any_case(story: Story, now: datetime) -> None:
    BlockedWord.objects.create(word="scam")
    BlockedWord.objects.create(word="cheap pills")
    user = reader()
    assert post(user, story, "What a SCAM this is", now).status == CommentStatus.HELD
    assert post(user, story, "Buy Cheap  Pills? no: cheap pills!", now).status == "held"
    assert post(user, story, "The scampi at the ferry cafe", now).status == CommentStatus.VISIBLE


def test_shouting_and_repeated_characters_are_held(story: Story, now: datetime) -> None:
    user = reader()
    assert post(user, story, "THIS FERRY IS A DISGRACE TO THE CITY", now).status == "held"
    assert post(user, story, "Noooooooooooooo way", now).status == CommentStatus.HELD
    assert post(user, story, "The EU and NATO met in the UK today", now).status == "visible"


# Edit, delete, report


def test_authors_edit_within_the_window(story: Story, now: datetime) -> None:
    user = reader()
    posted = post(user, story, "Teh ferry", now)
    edited = comments.edit_comment(user, posted.pk, "The ferry", now + timedelta(minutes=14))
    assert edited.body == "The ferry" and edited.edited_at == now + timedelta(minutes=14)
    with pytest.raises(CommentForbiddenError):
        comments.edit_comment(reader(), posted.pk, "Not mine", now)
    with pytest.raises(CommentError, match="15 minutes"):
        comments.edit_comment(user, posted.pk, "Too late", now + timedelta(minutes=16))


def test_edits_run_the_checks_again(story: Story, now: datetime) -> None:
    user = reader()
    posted = post(user, story, "A calm remark", now)
    shouted = comments.edit_comment(user, posted.pk, "A CALM REMARK IN CAPITALS NOW", now)
    assert shouted.status == CommentStatus.HELD
    calm = comments.edit_comment(user, posted.pk, "A calm remark again", now)
    assert calm.status == CommentStatus.VISIBLE
    with pytest.raises(CommentError):
        comments.edit_comment(user, posted.pk, "   ", now)


def test_delete_keeps_replies_and_is_for_the_author_or_moderators(
    story: Story, now: datetime
) -> None:
    author, other = reader(), reader()
    parent = post(author, story, "Parent", now)
    reply = post(other, story, "Reply", now, parent_id=parent.pk)
    with pytest.raises(CommentForbiddenError):
        comments.delete_comment(other, parent.pk, now)
    deleted = comments.delete_comment(author, parent.pk, now)
    assert deleted.status == CommentStatus.DELETED and deleted.body == ""
    assert Comment.objects.get(pk=reply.pk).parent_id == parent.pk
    entries = comments.thread(story.pk, AnonymousUser(), now).entries  # type: ignore[union-attr]
    assert entries[0].placeholder == "[deleted]" and entries[0].html is None
    assert entries[0].replies[0].comment.pk == reply.pk
    comments.delete_comment(moderator(), reply.pk, now)
    assert comments.thread(story.pk, AnonymousUser(), now).entries == []  # type: ignore[union-attr]


def test_reports_hold_at_the_threshold(story: Story, now: datetime) -> None:
    author = reader()
    posted = post(author, story, "A divisive remark", now)
    with pytest.raises(CommentError, match="your own"):
        comments.report_comment(author, posted.pk, "", now)
    first = reader()
    comments.report_comment(first, posted.pk, "\x00rude\n\u202e", now)
    assert posted.reports.get().reason == "rude"
    with pytest.raises(DuplicateCommentError):
        comments.report_comment(first, posted.pk, "rude again", now)
    assert comments.report_comment(reader(), posted.pk, "", now).status == "visible"
    held = comments.report_comment(reader(), posted.pk, "spam", now)
    assert held.status == CommentStatus.HELD and held.report_count == comments.REPORTS_TO_HOLD
    with pytest.raises(CommentNotFoundError):
        comments.report_comment(reader(), posted.pk, "", now)
    with pytest.raises(CommentForbiddenError):
        comments.report_comment(AnonymousUser(), posted.pk, "", now)


# Moderation


def test_only_moderators_moderate(story: Story, now: datetime) -> None:
    posted = post(reader(), story, "Something", now)
    for action in (comments.hide_comment, comments.restore_comment, comments.ban_author):
        with pytest.raises(CommentForbiddenError):
            action(reader(), posted.pk, "", now)
        with pytest.raises(CommentForbiddenError):
            action(AnonymousUser(), posted.pk, "", now)
    admin = reader()
    set_role(admin, "admin")
    assert comments.hide_comment(admin, posted.pk, "", now).status == CommentStatus.HIDDEN
    with pytest.raises(CommentNotFoundError):
        comments.hide_comment(admin, 987_654, "", now)


def test_hide_and_restore(story: Story, now: datetime) -> None:
    mod = moderator()
    author = reader()
    posted = post(author, story, "Borderline", now)
    hidden = comments.hide_comment(mod, posted.pk, "off topic", now)
    assert hidden.status == CommentStatus.HIDDEN and hidden.moderated_by == mod
    assert hidden.status_reason == "off topic"
    assert comments.thread(story.pk, reader(), now).count == 0  # type: ignore[union-attr]
    seen_by_author = comments.thread(story.pk, author, now).entries[0]  # type: ignore[union-attr]
    assert "Hidden by a moderator" in seen_by_author.note
    restored = comments.restore_comment(mod, posted.pk, "", now)
    assert restored.status == CommentStatus.VISIBLE and restored.report_count == 0
    assert comments.thread(story.pk, reader(), now).count == 1  # type: ignore[union-attr]


def test_ban_author_hides_their_held_comments(story: Story, now: datetime) -> None:
    mod, spammer = moderator(), reader()
    held = post(spammer, story, "WATCHES WATCHES WATCHES FOR SALE", now)
    visible = post(spammer, story, "A normal remark", now)
    reported = post(spammer, story, "The reported one", now)
    comments.ban_author(mod, reported.pk, "spam", now)
    assert Reader.objects.get(user=spammer).banned
    statuses = dict(Comment.objects.filter(author=spammer).values_list("id", "status"))
    assert statuses == {held.pk: "hidden", visible.pk: "visible", reported.pk: "hidden"}
    with pytest.raises(CommentForbiddenError):
        post(spammer, story, "Still here?", now + timedelta(minutes=5))
    with pytest.raises(CommentForbiddenError):
        comments.ban_author(mod, post(moderator(), story, "Mod", now).pk, "", now)


def test_moderation_queue_most_reported_first(story: Story, now: datetime) -> None:
    calm = post(reader(), story, "Calm and unreported", now)
    once = post(reader(), story, "Reported once", now)
    twice = post(reader(), story, "Reported twice", now)
    held = post(reader(), story, "SHOUTING IN THE THREAD FOR NO REASON", now)
    comments.report_comment(reader(), once.pk, "", now)
    comments.report_comment(reader(), twice.pk, "", now)
    comments.report_comment(reader(), twice.pk, "", now)
    queue = list(comments.moderation_queue())
    assert queue == [twice, once, held]
    assert calm not in queue


# The thread


def test_held_comments_show_only_to_author_and_moderators(story: Story, now: datetime) -> None:
    author = reader()
    held = post(author, story, "CAPITAL LETTERS ALL THE WAY DOWN", now)
    post(reader(), story, "An ordinary comment", now)
    for viewer in (AnonymousUser(), reader()):
        shown = comments.thread(story.pk, viewer, now)
        assert shown is not None and [e.comment.pk for e in shown.entries] != [held.pk]
        assert held.pk not in [e.comment.pk for e in shown.entries]
    own = comments.thread(story.pk, author, now)
    assert own is not None and own.entries[0].comment.pk == held.pk
    assert "Held for moderation" in own.entries[0].note
    assert own.entries[0].can_edit and own.entries[0].can_delete
    assert not own.entries[0].can_report and not own.entries[0].can_reply
    moderated = comments.thread(story.pk, moderator(), now)
    assert moderated is not None and moderated.entries[0].note.startswith("Held")
    assert moderated.entries[0].can_moderate


def test_what_each_viewer_may_do(story: Story, now: datetime) -> None:
    author, other = reader(), reader()
    posted = post(author, story, "Hello", now)
    mine = comments.thread(story.pk, author, now).entries[0]  # type: ignore[union-attr]
    assert (mine.can_edit, mine.can_delete, mine.can_report, mine.can_reply) == (
        True,
        True,
        False,
        True,
    )
    late = comments.thread(story.pk, author, now + timedelta(minutes=20)).entries[0]  # type: ignore[union-attr]
    assert not late.can_edit and late.can_delete
    theirs = comments.thread(story.pk, other, now).entries[0]  # type: ignore[union-attr]
    assert (theirs.can_edit, theirs.can_delete, theirs.can_report) == (False, False, True)
    comments.report_comment(other, posted.pk, "", now)
    reported = comments.thread(story.pk, other, now).entries[0]  # type: ignore[union-attr]
    assert not reported.can_report
    visitor = comments.thread(story.pk, AnonymousUser(), now)
    assert visitor is not None and not visitor.signed_in and not visitor.may_post
    assert not visitor.entries[0].can_reply and not visitor.entries[0].can_report


# Rendering


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1)) javascript:alert(1)",
        '<a href="javascript:alert(1)">x</a>',
        'https://example.test/"onmouseover=alert(1)//<svg/onload=alert(1)>',
    ],
)
def test_hostile_text_is_inert(hostile: str) -> None:
    html = str(comments.render_body(hostile))
    elements = Elements()
    elements.feed(html)
    assert {tag for tag, _ in elements.found} <= {"p", "br", "a"}
    for tag, attributes in elements.found:
        names = {name for name, _ in attributes}
        assert names <= {"href", "rel"}, (tag, attributes)
        href = dict(attributes).get("href")
        assert href is None or href.startswith(("http://", "https://")), href
    assert "<" not in Elements.text_of(html).replace("&lt;", "")


class Elements(HTMLParser):
    """Every start tag of a piece of HTML, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    @staticmethod
    def text_of(html: str) -> str:
        return re.sub(r"</?(p|br|a)\b[^>]*>", "", html)


def test_links_paragraphs_and_escaping() -> None:
    html = str(comments.render_body("See https://example.test/a?b=1&c=2 now.\n\n<b>bold</b>\nnext"))
    assert html.startswith('<p>See <a href="https://example.test/a?b=1&amp;c=2"')
    assert 'rel="nofollow ugc noopener"' in html
    assert "<p>&lt;b&gt;bold&lt;/b&gt;<br>next</p>" in html


# Merges


def test_merging_stories_moves_their_comments(story: Story, now: datetime) -> None:
    other = Story.objects.create(headline="Ferry, again", changed_at=now)
    user = reader()
    kept = post(user, story, "On the story that stays", now)
    moved = post(user, other, "On the story that joins", now)
    merge_stories(other.pk, story.pk, now)
    assert Comment.objects.get(pk=moved.pk).story_id == story.pk
    shown = comments.thread(other.pk, AnonymousUser(), now)
    assert shown is not None and shown.story.pk == story.pk
    assert [e.comment.pk for e in shown.entries] == [kept.pk, moved.pk]
