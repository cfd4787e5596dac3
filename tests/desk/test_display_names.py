"""Display names: chosen, checked like comments, unique, and the only name others ever see."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone, translation

from newsdesk.comments.models import BlockedWord, Comment
from newsdesk.desk.readers import names
from newsdesk.stories.models import Story

pytestmark = pytest.mark.django_db


def reader(name: str) -> User:
    return User.objects.create_user(name, email=f"{name}.secret@example.test", password="x" * 12)


@pytest.mark.parametrize(
    "bad",
    [
        "a",
        "x" * 41,
        "ana@example.test",
        "Ana\u202eevil",  # a bidirectional override
        "Ana\u200bLopez",  # a zero-width space
        "Ana\x00",
        "<b>Ana</b>",
        "1234",
        "Admin",
        "news-desk",
        "Moderator_",
    ],
)
def test_names_that_cannot_be_taken(bad: str) -> None:
    with pytest.raises(names.DisplayNameError):
        names.set_display_name(reader("ana"), bad)


def test_a_name_is_cleaned_unique_without_case_and_can_be_cleared() -> None:
    ana, ben = reader("ana"), reader("ben")
    assert names.set_display_name(ana, "  Ana   López ").display_name == "Ana López"
    assert names.set_display_name(ana, "Ana López").display_name == "Ana López"  # hers again
    with translation.override("en"), pytest.raises(names.DisplayNameError, match="taken"):
        names.set_display_name(ben, "ANA LÓPEZ")
    assert names.set_display_name(ben, "Ben O'Hara-Smith Jr.").display_name
    assert names.set_display_name(ana, "").display_name == ""
    assert names.set_display_name(ben, "ana lópez").display_name == "ana lópez"


def test_blocked_words_are_refused_as_in_comments() -> None:
    BlockedWord.objects.create(word="spamcorp")
    with pytest.raises(names.DisplayNameError):
        names.set_display_name(reader("ana"), "SpamCorp fan")


def test_others_see_the_display_name_or_a_number_never_the_e_mail() -> None:
    ana, ben = reader("ana"), reader("ben")
    names.set_display_name(ana, "Ana L")
    story = Story.objects.create(headline="Ferry", changed_at=timezone.now())
    for author, body in ((ana, "First."), (ben, "Second.")):
        Comment.objects.create(story=story, author=author, body=body, created_at=timezone.now())
    listed = Client().get(f"/api/v1/comments?story={story.pk}").json()["comments"]
    assert [c["author"] for c in listed] == ["Ana L", f"Reader {ben.pk}"]
    page = Client().get(f"/comments/story/{story.pk}/").content.decode()
    assert "Ana L" in page and f"Reader {ben.pk}" in page
    everything = page + json.dumps(listed)
    assert "secret" not in everything and "@example.test" not in everything


def test_the_profile_page_and_the_api_set_it() -> None:
    ana, ben = reader("ana"), reader("ben")
    names.set_display_name(ben, "Harbour Fan")
    browser = Client()
    browser.force_login(ana)
    form = {"display_name": "Harbour Fan", "region": "", "time_zone": "UTC"}
    taken = browser.post("/me/profile/", form)
    assert taken.status_code == 200 and "This display name is taken" in taken.content.decode()
    saved = browser.post("/me/profile/", {**form, "display_name": "Ana from Lyon"})
    assert saved.status_code == 302
    api = browser.patch("/api/v1/me", {"display_name": "Ana L."}, content_type="application/json")
    assert api.status_code == 200 and api.json()["display_name"] == "Ana L."
    refused = browser.patch(
        "/api/v1/me", {"display_name": "ana@example.test"}, content_type="application/json"
    )
    assert refused.status_code == 422
