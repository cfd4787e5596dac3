"""The reader's own routes: profile, tokens (expiry, revocation), CSRF, password sign-in, and
deleting the account."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from newsdesk.comments.models import Comment
from newsdesk.desk.readers.profiles import set_role
from newsdesk.desk.readers.tokens import issue_token
from newsdesk.readers.models import ApiToken, Reader, Role
from newsdesk.stories.models import Story
from tests.api.conftest import ApiReader, body, error_of, make_reader

pytestmark = pytest.mark.django_db


def test_profile_read_and_change(reader: ApiReader):
    response = reader.client.get("/api/v1/me")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert body(response) == {
        "email": "reader@example.test",
        "display_name": "",
        "role": "reader",
        "region": "",
        "languages": [],
        "time_zone": "UTC",
    }
    changed = reader.client.patch(
        "/api/v1/me",
        {"region": "Lisbon", "languages": ["pt", "EN"], "time_zone": "Europe/Lisbon"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert body(changed)["languages"] == ["pt", "en"]
    partial = reader.client.patch(
        "/api/v1/me", {"region": "Porto"}, content_type="application/json"
    )
    assert body(partial)["region"] == "Porto" and body(partial)["time_zone"] == "Europe/Lisbon"
    bad = reader.client.patch(
        "/api/v1/me", {"time_zone": "Mars/Olympus"}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "Unknown time zone" in error_of(bad)["message"]
    assert Reader.objects.get(user=reader.user).time_zone == "Europe/Lisbon"


def test_tokens_made_listed_and_revoked(reader: ApiReader):
    made = reader.client.post(
        "/api/v1/me/tokens", {"name": "phone"}, content_type="application/json"
    )
    assert made.status_code == 201
    new = body(made)
    assert new["token"].startswith("nd_") and new["name"] == "phone" and new["expires_at"]
    listed = body(reader.client.get("/api/v1/me/tokens"))
    assert {t["name"] for t in listed} == {"phone", "tests"}
    assert all("token" not in t and new["token"] not in str(t) for t in listed)
    phone = Client(HTTP_AUTHORIZATION=f"Bearer {new['token']}")
    assert phone.get("/api/v1/me").status_code == 200
    assert reader.client.delete(f"/api/v1/me/tokens/{new['id']}").status_code == 204
    revoked = phone.get("/api/v1/me")
    assert revoked.status_code == 401 and error_of(revoked)["code"] == "not_signed_in"
    assert reader.client.delete(f"/api/v1/me/tokens/{new['id']}").status_code == 404
    other = make_reader("other@example.test")
    theirs = ApiToken.objects.get(user=other.user)
    assert reader.client.delete(f"/api/v1/me/tokens/{theirs.pk}").status_code == 404
    assert other.client.get("/api/v1/me").status_code == 200


def test_expired_and_unknown_tokens_are_401(reader: ApiReader):
    ApiToken.objects.filter(user=reader.user).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert reader.client.get("/api/v1/me").status_code == 401
    stranger = Client(HTTP_AUTHORIZATION="Bearer nd_not-a-token")
    assert error_of(stranger.get("/api/v1/me"))["status"] == 401
    assert Client().get("/api/v1/me").status_code == 401
    feed_only = issue_token(reader.user, timezone.now(), scope="feed").secret
    assert Client(HTTP_AUTHORIZATION=f"Bearer {feed_only}").get("/api/v1/me").status_code == 401


def test_session_posts_need_the_csrf_token_and_bearer_posts_do_not(reader: ApiReader):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader.user)
    assert browser.get("/api/v1/me").status_code == 200  # reading needs no CSRF token
    refused = browser.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert refused.status_code == 403 and error_of(refused)["code"] == "forbidden"
    browser.get("/")  # the page sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/me/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert accepted.status_code == 201
    app = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {reader.token}")
    made = app.post("/api/v1/me/tokens", {"name": "y"}, content_type="application/json")
    assert made.status_code == 201


def test_password_sign_in_gives_a_token(reader: ApiReader):
    client = Client()
    signed_in = client.post(
        "/api/v1/auth/token",
        {"email": "reader@example.test", "password": "a long pass phrase"},
        content_type="application/json",
    )
    assert signed_in.status_code == 201
    token = body(signed_in)["token"]
    me = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me")
    assert body(me)["email"] == "reader@example.test"


def test_sign_in_failures_are_alike_and_limited(reader: ApiReader):
    client = Client()

    def sign_in(email: str, password: str, address: str = "10.0.0.1"):
        return client.post(
            "/api/v1/auth/token",
            {"email": email, "password": password},
            content_type="application/json",
            REMOTE_ADDR=address,
        )

    wrong = sign_in("reader@example.test", "wrong")
    unknown = sign_in("nobody@example.test", "wrong")
    assert wrong.status_code == unknown.status_code == 401
    assert error_of(wrong) == error_of(unknown)
    for _ in range(4):
        assert sign_in("reader@example.test", "wrong").status_code == 401
    limited = sign_in("reader@example.test", "a long pass phrase", address="10.0.0.2")
    assert limited.status_code == 429 and error_of(limited)["code"] == "rate_limited"
    assert limited["Retry-After"] == "300"
    other = User.objects.create_user("other", email="other@example.test", password="pass phrase 2")
    assert other.is_active
    assert sign_in("other@example.test", "pass phrase 2", address="10.0.0.2").status_code == 201
    for n in range(10):
        sign_in(f"stranger{n}@example.test", "wrong", address="10.0.0.3")
    from_that_address = sign_in("other@example.test", "pass phrase 2", address="10.0.0.3")
    assert from_that_address.status_code == 429


def test_sign_in_needs_both_fields():
    response = Client().post(
        "/api/v1/auth/token", {"email": "a@example.test"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert error_of(response)["details"][0]["loc"][-1] == "password"


def test_delete_me_needs_the_password_then_deletes_the_account(reader: ApiReader):
    story = Story.objects.create(headline="Ferry to the east bank", changed_at=timezone.now())
    other = make_reader("other@example.test")
    first = Comment.objects.create(
        story=story, author=reader.user, body="Mine.", created_at=timezone.now()
    )
    reply = Comment.objects.create(
        story=story, parent=first, author=other.user, body="Theirs.", created_at=timezone.now()
    )
    wrong = reader.client.delete(
        "/api/v1/me", {"password": "not my password"}, content_type="application/json"
    )
    assert wrong.status_code == 403
    assert error_of(wrong)["code"] == "wrong_password"
    assert User.objects.filter(pk=reader.user.pk).exists()
    missing = reader.client.delete("/api/v1/me", {}, content_type="application/json")
    assert missing.status_code == 422

    gone = reader.client.delete(
        "/api/v1/me", {"password": "a long pass phrase"}, content_type="application/json"
    )
    assert gone.status_code == 204 and gone.content == b""
    assert not User.objects.filter(pk=reader.user.pk).exists()
    assert reader.client.get("/api/v1/me").status_code == 401  # the token went with it
    thread = body(other.client.get(f"/api/v1/comments?story={story.pk}"))["comments"]
    assert [(c["id"], c["author"], c["body"], c["placeholder"]) for c in thread] == [
        (first.pk, None, "", "[deleted]"),
        (reply.pk, f"Reader {other.user.pk}", "Theirs.", ""),
    ]


def test_the_last_admin_cannot_delete_their_account():
    boss = make_reader("boss@example.test")
    set_role(boss.user, Role.ADMIN)
    refused = boss.client.delete(
        "/api/v1/me", {"password": "a long pass phrase"}, content_type="application/json"
    )
    assert refused.status_code == 409
    assert "last admin" in error_of(refused)["message"]
    assert User.objects.filter(pk=boss.user.pk).exists()
