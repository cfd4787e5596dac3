"""Readers on the desk: roles keep Django's flags in step, bans, profiles, tokens, app passwords."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, User

from newsdesk.desk.readers import app_passwords, profiles, tokens
from newsdesk.readers.models import ApiToken, Reader, Role, TokenScope

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture
def user() -> User:
    return User.objects.create_user("ana", "Ana@Example.test", "a long account password")


def test_a_new_account_reads_as_a_reader_and_a_visitor_has_no_profile(user: User) -> None:
    assert profiles.role_of(user) == Role.READER
    assert Reader.objects.filter(user=user).exists()
    assert profiles.reader_of(AnonymousUser()) is None
    assert not profiles.is_moderator(AnonymousUser())


@pytest.mark.parametrize(
    ("role", "staff", "superuser", "in_group"),
    [
        (Role.MODERATOR, True, False, True),
        (Role.ADMIN, True, True, False),
        (Role.READER, False, False, False),
    ],
)
def test_set_role_keeps_flags_and_group_in_step(
    user: User, role: str, staff: bool, superuser: bool, in_group: bool
) -> None:
    profiles.set_role(user, Role.MODERATOR)  # start from a moderator, then change
    profiles.set_role(user, role)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (staff, superuser)
    assert user.groups.filter(name=profiles.MODERATORS_GROUP).exists() == in_group
    assert profiles.role_of(user) == role
    assert profiles.is_moderator(user) == (role != Role.READER)


def test_moderators_group_may_moderate_comments_and_nothing_else(user: User) -> None:
    profiles.set_role(user, Role.MODERATOR)
    user = User.objects.get(pk=user.pk)  # drop the permission cache
    assert user.has_perm("comments.change_comment")
    assert user.has_perm("readers.change_reader")
    assert not user.has_perm("sources.change_source")
    assert not user.has_perm("stories.change_story")
    assert not user.has_perm("auth.view_user")


def test_unknown_role_is_refused(user: User) -> None:
    with pytest.raises(profiles.ProfileError, match="Unknown role"):
        profiles.set_role(user, "owner")
    assert profiles.role_of(user) == Role.READER


def test_ban_and_unban(user: User) -> None:
    reader = profiles.ban(user, NOW, reason="spam " * 200)
    assert reader.banned and reader.banned_at == NOW and len(reader.ban_reason) == 500
    reader = profiles.unban(user)
    assert not reader.banned and reader.ban_reason == ""
    assert not Reader.objects.get(user=user).banned


def test_update_profile_cleans_languages_and_checks_the_time_zone(user: User) -> None:
    reader = profiles.update_profile(
        user, region="  Lisbon ", languages=["PT", " en ", ""], time_zone="Europe/Lisbon"
    )
    assert (reader.region, reader.languages, reader.time_zone) == (
        "Lisbon",
        ["pt", "en"],
        "Europe/Lisbon",
    )
    with pytest.raises(profiles.ProfileError, match="time zone"):
        profiles.update_profile(user, region="", languages=[], time_zone="Mars/Olympus")
    assert Reader.objects.get(user=user).time_zone == "Europe/Lisbon"


def test_token_secret_is_shown_once_and_kept_only_as_a_hash(user: User) -> None:
    issued = tokens.issue_token(user, NOW, name="phone")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith("nd_") and issued.secret not in stored.key_hash
    assert stored.prefix == issued.secret[:10]
    assert tokens.user_for_token(issued.secret, TokenScope.API, NOW) == user
    assert tokens.user_for_token(issued.secret, TokenScope.FEED, NOW) is None
    assert tokens.user_for_token(issued.secret + "x", TokenScope.API, NOW) is None


def test_api_token_expires_and_feed_token_does_not(user: User) -> None:
    api = tokens.issue_token(user, NOW)
    feed = tokens.issue_token(user, NOW, scope=TokenScope.FEED, days=1)
    later = NOW + timedelta(days=tokens.API_TOKEN_DAYS, seconds=1)
    assert tokens.user_for_token(api.secret, TokenScope.API, NOW + timedelta(days=89)) == user
    assert tokens.user_for_token(api.secret, TokenScope.API, later) is None
    assert tokens.user_for_token(feed.secret, TokenScope.FEED, later) == user


def test_expired_tokens_are_forgotten_and_live_ones_kept(user: User) -> None:
    old = tokens.issue_token(user, NOW - timedelta(days=tokens.API_TOKEN_DAYS + 1))
    live = tokens.issue_token(user, NOW)
    feed = tokens.issue_token(user, NOW - timedelta(days=400), scope=TokenScope.FEED)
    assert tokens.forget_expired_tokens(user, NOW) == 1
    left = set(ApiToken.objects.filter(user=user).values_list("pk", flat=True))
    assert left == {live.token.pk, feed.token.pk} and old.token.pk not in left


def test_last_used_is_written_at_most_once_a_minute(user: User) -> None:
    issued = tokens.issue_token(user, NOW)
    tokens.user_for_token(issued.secret, TokenScope.API, NOW)
    tokens.user_for_token(issued.secret, TokenScope.API, NOW + timedelta(seconds=30))
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == NOW
    tokens.user_for_token(issued.secret, TokenScope.API, NOW + timedelta(minutes=2))
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == NOW + timedelta(minutes=2)


def test_revoked_token_opens_nothing_and_only_its_owner_revokes_it(user: User) -> None:
    other = User.objects.create_user("bo", "bo@example.test", "another long password")
    issued = tokens.issue_token(user, NOW)
    assert not tokens.revoke_token(other, issued.token.pk)
    assert tokens.user_for_token(issued.secret, TokenScope.API, NOW) == user
    assert tokens.revoke_token(user, issued.token.pk)
    assert tokens.user_for_token(issued.secret, TokenScope.API, NOW) is None
    assert tokens.tokens_of(user) == []


def test_inactive_account_token_opens_nothing(user: User) -> None:
    issued = tokens.issue_token(user, NOW)
    user.is_active = False
    user.save()
    assert tokens.user_for_token(issued.secret, TokenScope.API, NOW) is None


def test_app_password_gives_the_fever_key_and_google_reader_login(user: User) -> None:
    reader = app_passwords.set_app_password(user, "reader app secret")
    expected = app_passwords.fever_key("ana@example.test", "reader app secret")
    assert reader.fever_key == expected and len(expected) == 32
    assert reader.app_password.startswith("argon2")
    assert app_passwords.user_for_fever_key(expected.upper()) == user
    assert app_passwords.user_for_app_login(" ANA@example.test ", "reader app secret") == user
    assert app_passwords.user_for_app_login("ana@example.test", "a long account password") is None


def test_short_app_password_is_refused_and_clearing_signs_apps_out(user: User) -> None:
    with pytest.raises(app_passwords.AppPasswordError, match="at least 10"):
        app_passwords.set_app_password(user, "short")
    key = app_passwords.set_app_password(user, "reader app secret").fever_key
    app_passwords.clear_app_password(user)
    assert app_passwords.user_for_fever_key(key) is None
    assert app_passwords.user_for_app_login("ana@example.test", "reader app secret") is None


def test_create_account_checks_address_password_and_duplicates() -> None:
    user = profiles.create_account(" Ops@Example.test ", "operator passphrase 42", Role.ADMIN)
    assert user.email == "ops@example.test" and profiles.role_of(user) == Role.ADMIN
    with pytest.raises(profiles.ProfileError, match="already has an account"):
        profiles.create_account("OPS@example.test", "operator passphrase 42")
    with pytest.raises(profiles.ProfileError, match="Not an e-mail address"):
        profiles.create_account("ops at example", "operator passphrase 42")
    with pytest.raises(profiles.ProfileError, match=r"too common|too short"):
        profiles.create_account("new@example.test", "password")
    assert User.objects.count() == 1
