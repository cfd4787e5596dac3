"""The /api/v1/comments routes: the public thread, a reader's own actions, moderators' decisions,
and the error body for every refusal."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.comments.models import Comment, CommentStatus
from newsdesk.desk import comments
from newsdesk.desk.readers.profiles import set_role
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import Reader
from newsdesk.stories.models import Story

pytestmark = pytest.mark.django_db


class Api:
    """A JSON client; with a name, every call carries that reader's bearer token."""

    def __init__(self, name: str = "", role: str = "") -> None:
        self.user = User.objects.create_user(name, password="x") if name else None
        if self.user is not None and role:
            set_role(self.user, role)
        self.headers: dict[str, str] = {}
        if self.user is not None:
            secret = issue_token(self.user, timezone.now()).secret
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        self.client = Client()

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        response = self.client.generic(
            method,
            f"/api/v1/comments{path}",
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            **self.headers,  # type: ignore[arg-type]
        )
        data = json.loads(response.content) if response.content else None
        return response.status_code, data


@pytest.fixture
def story() -> Story:
    return Story.objects.create(headline="Ferry to the east bank", changed_at=timezone.now())


def error_of(data: Any) -> tuple[int, str]:
    return data["error"]["status"], data["error"]["code"]


def test_post_reply_and_read_the_thread(story: Story) -> None:
    ana, ben = Api("ana"), Api("ben")
    status, first = ana.call("POST", "", {"story": story.pk, "body": "See https://a.test/x"})
    assert status == 201
    assert ana.user is not None  # shown by number until a display name is chosen
    assert first["author"] == f"Reader {ana.user.pk}"
    assert first["status"] == "visible" and first["depth"] == 0
    assert 'rel="nofollow ugc noopener"' in first["html"] and first["can_edit"]
    status, reply = ben.call(
        "POST", "", {"story": story.pk, "body": "Thanks", "parent": first["id"]}
    )
    assert status == 201 and reply["parent"] == first["id"] and reply["depth"] == 1
    status, thread = Api().call("GET", f"?story={story.pk}")
    assert status == 200 and thread["story"] == story.pk and thread["count"] == 2
    assert [c["id"] for c in thread["comments"]] == [first["id"], reply["id"]]
    assert not any(c["can_reply"] or c["can_report"] for c in thread["comments"])
    status, seen_by_ben = ben.call("GET", f"?story={story.pk}")
    assert seen_by_ben["comments"][0]["can_report"] and not seen_by_ben["comments"][0]["can_edit"]


def test_visitors_cannot_post_and_bad_input_is_refused(story: Story) -> None:
    status, data = Api().call("POST", "", {"story": story.pk, "body": "Hello"})
    assert status == 401 and error_of(data) == (401, "not_signed_in")
    ana = Api("ana")
    status, data = ana.call("POST", "", {"story": story.pk, "body": "   "})
    assert status == 422 and error_of(data) == (422, "invalid")
    assert "Write something" in data["error"]["message"]
    status, data = ana.call("POST", "", {"story": 999_999, "body": "Hello"})
    assert status == 404 and error_of(data) == (404, "not_found")
    status, data = ana.call("POST", "", {"body": "No story"})
    assert status == 422
    status, data = Api().call("GET", "?story=999999")
    assert status == 404


def test_duplicates_and_rate_limits(story: Story) -> None:
    ana = Api("ana")
    assert ana.call("POST", "", {"story": story.pk, "body": "Once"})[0] == 201
    status, data = ana.call("POST", "", {"story": story.pk, "body": "Once"})
    assert status == 409 and data["error"]["code"] == "duplicate"
    for i in range(4):
        assert ana.call("POST", "", {"story": story.pk, "body": f"Number {i}"})[0] == 201
    status, data = ana.call("POST", "", {"story": story.pk, "body": "Sixth"})
    assert status == 429 and error_of(data) == (429, "rate_limited")


def test_edit_delete_and_ownership(story: Story) -> None:
    ana, ben = Api("ana"), Api("ben")
    _, posted = ana.call("POST", "", {"story": story.pk, "body": "Teh ferry"})
    status, edited = ana.call("PATCH", f"/{posted['id']}", {"body": "The ferry"})
    assert status == 200 and edited["body"] == "The ferry" and edited["edited_at"]
    status, data = ben.call("PATCH", f"/{posted['id']}", {"body": "Mine now"})
    assert status == 403 and error_of(data) == (403, "forbidden")
    assert ben.call("DELETE", f"/{posted['id']}")[0] == 403
    assert ana.call("PATCH", "/987654", {"body": "x"})[0] == 404
    status, _ = ana.call("DELETE", f"/{posted['id']}")
    assert status == 204
    assert Comment.objects.get(pk=posted["id"]).status == CommentStatus.DELETED
    assert Api().call("GET", f"?story={story.pk}")[1]["comments"] == []


def test_reports_and_the_hold_threshold(story: Story) -> None:
    ana = Api("ana")
    _, posted = ana.call("POST", "", {"story": story.pk, "body": "Divisive"})
    assert ana.call("POST", f"/{posted['id']}/report", {"reason": "mine"})[0] == 422
    readers = [Api(f"reader{i}") for i in range(comments.REPORTS_TO_HOLD)]
    status, first = readers[0].call("POST", f"/{posted['id']}/report", {"reason": "rude"})
    assert status == 201 and first == {"comment": posted["id"], "held": False}
    status, _ = readers[0].call("POST", f"/{posted['id']}/report", {"reason": "again"})
    assert status == 409
    for other in readers[1:]:
        status, last = other.call("POST", f"/{posted['id']}/report", {})
    assert last["held"] is True
    thread = Api().call("GET", f"?story={story.pk}")[1]
    assert thread["comments"] == []
    own = ana.call("GET", f"?story={story.pk}")[1]["comments"][0]
    assert own["status"] == "held" and "Held for moderation" in own["note"]


def test_moderation_routes_are_for_moderators(story: Story) -> None:
    ana, ben, mod = Api("ana"), Api("ben"), Api("mod", role="moderator")
    _, posted = ana.call("POST", "", {"story": story.pk, "body": "Borderline"})
    for action in ("hide", "restore", "ban-author"):
        status, data = ben.call("POST", f"/{posted['id']}/{action}", {})
        assert status == 403 and error_of(data) == (403, "forbidden")
        assert Api().call("POST", f"/{posted['id']}/{action}", {})[0] == 401
    status, hidden = mod.call("POST", f"/{posted['id']}/hide", {"reason": "off topic"})
    assert status == 200 and hidden["status"] == "hidden" and "off topic" in hidden["note"]
    assert ben.call("GET", f"?story={story.pk}")[1]["count"] == 0
    status, restored = mod.call("POST", f"/{posted['id']}/restore", {})
    assert status == 200 and restored["status"] == "visible"
    status, banned = mod.call("POST", f"/{posted['id']}/ban-author", {"reason": "spam"})
    assert status == 200 and banned["status"] == "hidden"
    assert ana.user is not None and Reader.objects.get(user=ana.user).banned
    status, data = ana.call("POST", "", {"story": story.pk, "body": "Let me back"})
    assert status == 403
    assert mod.call("POST", "/987654/hide", {})[0] == 404


def test_thread_answers_are_never_cached(story: Story) -> None:
    response = Client().get(f"/api/v1/comments?story={story.pk}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
