"""Accounts: sign-up, sign-in and its limits, sign-out, password reset, the profile page at /me/,
deleting the account, sessions and the masthead's account links."""

from __future__ import annotations

import io
import re
import statistics
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.templatetags.static import static
from django.test import Client
from django.utils import timezone, translation

from newsdesk.comments.models import Comment
from newsdesk.desk.readers import app_passwords, tokens
from newsdesk.desk.readers.digest_plans import PlanChoice, set_plan
from newsdesk.readers.digests import DigestPlan
from newsdesk.readers.models import ApiToken, Reader, TokenScope
from newsdesk.readers.webhooks import Webhook, WebhookDelivery
from newsdesk.stories.models import Story

PASSWORD = "correct horse battery staple"
EMAIL = "ana@example.test"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    """Rate-limit counts live in the cache: no test sees another's failures."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def account() -> User:
    user = User.objects.create_user("ana", EMAIL, PASSWORD)
    return user


@pytest.fixture
def signed_in(client: Client, account: User) -> Client:
    client.force_login(account)
    return client


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def log_in(client: Client, email: str, password: str) -> object:
    return client.post("/accounts/login/", {"login": email, "password": password})


def sign_up(client: Client, email: str, password: str = "another long passphrase") -> Any:
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def comparable(html: str, *emails: str) -> str:
    """A page with its random CSRF tokens and the typed e-mail blanked out."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    for email in emails:
        html = html.replace(email, "EMAIL")
    return html


def test_sign_up_confirms_the_address_and_keeps_an_argon2_hash(client: Client) -> None:
    response = sign_up(client, "new@example.test", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert signed_in_user_id(client) is None  # not before the address is confirmed
    user = User.objects.get(email="new@example.test")
    assert user.password.startswith("argon2")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    assert link is not None and mail.outbox[0].to == ["new@example.test"]
    assert client.post(link.group(1)).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    log_in(client, "new@example.test", PASSWORD)
    assert signed_in_user_id(client) == str(user.pk)
    page = client.get("/me/")
    assert page.status_code == 200 and b"new@example.test" in page.content


def test_sign_up_answers_alike_for_a_known_and_a_new_address(account: User) -> None:
    known_client, new_client = Client(), Client()
    known = sign_up(known_client, EMAIL)
    new = sign_up(new_client, "new@example.test")
    assert known.status_code == new.status_code
    assert known.get("Location") == new.get("Location")
    known_page = known_client.get(known["Location"]) if known.status_code == 302 else known
    new_page = new_client.get(new["Location"]) if new.status_code == 302 else new
    assert known_page.status_code == new_page.status_code == 200
    known_html = comparable(known_page.content.decode(), EMAIL)
    new_html = comparable(new_page.content.decode(), "new@example.test")
    assert known_html == new_html
    assert "already registered" not in known_html
    assert signed_in_user_id(known_client) is None and signed_in_user_id(new_client) is None
    # The known address gets a mail saying it has an account, and no second account.
    assert User.objects.filter(email__iexact=EMAIL).count() == 1
    account.refresh_from_db()
    assert account.check_password(PASSWORD)
    (to_known,) = [m for m in mail.outbox if m.to == [EMAIL]]
    assert "already" in to_known.subject.lower() and "/accounts/password/reset/" in to_known.body
    (to_new,) = [m for m in mail.outbox if m.to == ["new@example.test"]]
    assert "/accounts/confirm-email/" in to_new.body
    assert User.objects.filter(email="new@example.test").exists()


@pytest.mark.usefixtures("production_password_hashing")  # before `account` is made
def test_sign_up_takes_as_long_for_a_known_address_as_for_a_new_one(account: User) -> None:
    def timed(email: str) -> float:
        cache.clear()  # sign-up's own rate limit and the mails' cooldown
        start = time.perf_counter()
        sign_up(Client(), email)
        return time.perf_counter() - start

    timed("warm-up@example.test")
    known, new = [], []
    for n in range(7):
        known.append(timed(EMAIL))
        new.append(timed(f"new{n}@example.test"))
    ratio = statistics.median(known) / statistics.median(new)
    assert 0.6 < ratio < 1.6, (known, new)


def test_sign_in_and_sign_out_is_a_post(client: Client, account: User) -> None:
    response = log_in(client, EMAIL, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert signed_in_user_id(client) == str(account.pk)
    confirm = client.get("/accounts/logout/")
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    assert signed_in_user_id(client) == str(account.pk)  # a GET signs nobody out
    client.post("/accounts/logout/")
    assert signed_in_user_id(client) is None


def test_wrong_password_and_unknown_address_get_the_same_answer(
    client: Client, account: User
) -> None:
    wrong = log_in(client, EMAIL, "not the password at all")
    unknown = log_in(client, "nobody@example.test", "not the password at all")
    assert wrong.status_code == unknown.status_code == 200  # type: ignore[attr-defined]
    assert signed_in_user_id(client) is None
    wrong_html = comparable(wrong.content.decode(), EMAIL)  # type: ignore[attr-defined]
    unknown_html = comparable(unknown.content.decode(), "nobody@example.test")  # type: ignore[attr-defined]
    assert wrong_html == unknown_html
    assert "not correct" in wrong_html


def test_failed_sign_ins_are_limited_even_for_the_right_password(
    client: Client, account: User
) -> None:
    for _ in range(5):
        log_in(client, EMAIL, "guessing the password")
    refused = log_in(client, EMAIL, PASSWORD)
    assert signed_in_user_id(client) is None
    assert b"Too many failed login attempts" in refused.content  # type: ignore[attr-defined]
    cache.clear()  # the window passes
    log_in(client, EMAIL, PASSWORD)
    assert signed_in_user_id(client) == str(account.pk)


def test_password_reset_mails_a_known_address_and_answers_alike_for_an_unknown_one(
    client: Client, account: User
) -> None:
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.test"})
    assert len(mail.outbox) == 0
    known = client.post("/accounts/password/reset/", {"email": EMAIL})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/accounts/password/reset/done/"


def test_reset_link_sets_a_new_password(client: Client, account: User) -> None:
    client.post("/accounts/password/reset/", {"email": EMAIL})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200 and b"password1" in form_page.content
    new = "a brand new passphrase here"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert done.status_code == 302
    account.refresh_from_db()
    assert account.check_password(new) and account.password.startswith("argon2")
    assert not account.check_password(PASSWORD)
    log_in(client, EMAIL, new)
    assert signed_in_user_id(client) == str(account.pk)


def test_profile_needs_sign_in(client: Client) -> None:
    response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/me/")
    assert client.post("/me/profile/", {"time_zone": "UTC"}).status_code == 302
    assert not Reader.objects.exists()


def test_profile_saves_and_redirects(signed_in: Client, account: User) -> None:
    response = signed_in.post(
        "/me/profile/",
        {"region": "Lisbon", "languages": "PT, en,pt", "time_zone": "Europe/Lisbon"},
    )
    assert response.status_code == 302 and response["Location"] == "/me/"
    reader = Reader.objects.get(user=account)
    assert (reader.region, reader.languages, reader.time_zone) == (
        "Lisbon",
        ["pt", "en"],
        "Europe/Lisbon",
    )
    page = signed_in.get("/me/")
    assert b"Your profile is saved." in page.content
    assert b'value="Lisbon"' in page.content
    assert b'<option value="Europe/Lisbon" selected>' in page.content
    assert "no-cache" in page["Cache-Control"] or "private" in page["Cache-Control"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, b"Select a valid choice"),
        ({"time_zone": "UTC", "languages": "english!"}, b"Not a language code"),
    ],
)
def test_bad_profile_input_is_a_form_error(
    signed_in: Client, account: User, fields: dict[str, str], message: bytes
) -> None:
    response = signed_in.post("/me/profile/", {"region": "", "languages": "", **fields})
    assert response.status_code == 200
    assert message in response.content
    assert Reader.objects.get(user=account).time_zone == "UTC"


def test_profile_post_without_csrf_token_is_refused(account: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    response = client.post("/me/profile/", {"region": "Oslo", "time_zone": "Europe/Oslo"})
    assert response.status_code == 403
    assert Reader.objects.filter(user=account, region="Oslo").count() == 0


def test_token_secret_is_shown_once_then_revoked(signed_in: Client, account: User) -> None:
    response = signed_in.post("/me/tokens/", {"name": "phone", "scope": TokenScope.API})
    assert response.status_code == 302
    token = ApiToken.objects.get(user=account)
    first = signed_in.get("/me/").content.decode()
    secret = re.search(r"<code data-token-secret>(nd_[^<]+)</code>", first)
    assert secret is not None
    assert tokens.user_for_token(secret.group(1), TokenScope.API, timezone.now()) == account
    second = signed_in.get("/me/").content.decode()
    assert secret.group(1) not in second and token.prefix in second
    signed_in.post(f"/me/tokens/{token.pk}/revoke/")
    assert tokens.user_for_token(secret.group(1), TokenScope.API, timezone.now()) is None


def test_another_readers_token_cannot_be_revoked(signed_in: Client) -> None:
    other = User.objects.create_user("bo", "bo@example.test", PASSWORD)
    issued = tokens.issue_token(other, timezone.now())
    response = signed_in.post(f"/me/tokens/{issued.token.pk}/revoke/", follow=True)
    assert b"No such token." in response.content
    assert ApiToken.objects.filter(pk=issued.token.pk).exists()


def test_app_password_set_and_clear(signed_in: Client, account: User) -> None:
    page = signed_in.get("/me/").content.decode()
    assert "http://testserver/api/greader/" in page and "http://testserver/api/fever/" in page
    short = signed_in.post("/me/app-password/", {"password": "short"})
    assert short.status_code == 200 and b"at least 10 characters" in short.content
    signed_in.post("/me/app-password/", {"password": "reader app secret"})
    assert app_passwords.user_for_app_login(EMAIL, "reader app secret") == account
    assert b"An app password is set." in signed_in.get("/me/").content
    signed_in.post("/me/app-password/clear/")
    assert app_passwords.user_for_app_login(EMAIL, "reader app secret") is None


def test_expired_session_is_signed_out(signed_in: Client) -> None:
    assert signed_in.get("/me/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = signed_in.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_session_lasts_the_configured_age(client: Client, account: User, settings: object) -> None:
    log_in(client, EMAIL, PASSWORD)
    session = Session.objects.get()
    age = session.expire_date - timezone.now()
    configured = timedelta(seconds=settings.SESSION_COOKIE_AGE)  # type: ignore[attr-defined]
    assert configured - timedelta(minutes=1) < age <= configured


def test_masthead_for_visitors_sets_no_cookie(client: Client) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert 'href="/accounts/login/">Sign in</a>' in html
    assert "Sign out" not in html and "csrfmiddlewaretoken" not in html
    assert not response.cookies  # nothing that would keep the page out of the page cache
    assert "Cookie" in response.get("Vary", "")


def test_masthead_for_readers_has_profile_and_a_sign_out_form(signed_in: Client) -> None:
    html = signed_in.get("/").content.decode()
    assert 'href="/me/">Profile</a>' in html
    form = re.search(r'<form class="signout" method="post" action="/accounts/logout/">', html)
    assert form is not None and "Sign in</a>" not in html


def test_sign_in_page_wears_the_site_frame(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert 'class="masthead"' in html and static("web/site.css") in html
    assert 'class="account account-entrance"' in html
    assert '<label for="id_login"' in html and 'class="button"' in html
    assert "<script>" not in html and " onclick=" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/logout/",
        "/accounts/password/change/",
        "/accounts/email/",
    ],
)
def test_account_pages_wear_the_site_frame(signed_in: Client, path: str) -> None:
    if path in ("/accounts/signup/", "/accounts/password/reset/"):
        signed_in.logout()
    response = signed_in.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="masthead"' in html and 'class="account ' in html
    assert 'class="page-title"' in html and "<script>" not in html


def test_createadmin_makes_an_admin_who_signs_in(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.cli.main import main

    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["createadmin", "ops@example.test", "--password-stdin"]) == 1
    assert not User.objects.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("operator passphrase 42\n"))
    assert main(["createadmin", "Ops@Example.test", "--password-stdin"]) == 0
    admin = User.objects.get(email="ops@example.test")
    assert admin.is_superuser and admin.is_staff and admin.reader.role == "admin"
    assert admin.password.startswith("argon2")
    log_in(client, "ops@example.test", "operator passphrase 42")
    assert client.get("/admin/sources/source/").status_code == 200


def test_profile_offers_to_delete_the_account(signed_in: Client) -> None:
    page = signed_in.get("/me/").content.decode()
    section = page.split('id="leave-heading"', 1)[1]
    assert 'action="/me/delete/"' in section and 'name="csrfmiddlewaretoken"' in section
    assert 'type="password"' in section and 'autocomplete="current-password"' in section


def test_deleting_the_account_with_a_wrong_password_is_a_form_error(
    signed_in: Client, account: User
) -> None:
    response = signed_in.post("/me/delete/", {"password": "not my password"})
    assert response.status_code == 200
    section = response.content.decode().split('id="leave-heading"', 1)[1]
    assert "That is not your password." in section
    assert User.objects.filter(pk=account.pk).exists()
    assert signed_in_user_id(signed_in) == str(account.pk)


def test_deleting_the_account_signs_out_and_keeps_comments_as_deleted(
    signed_in: Client, account: User
) -> None:
    story = Story.objects.create(headline="Ferry to the east bank", changed_at=timezone.now())
    other = User.objects.create_user("ben", "ben@example.test", PASSWORD)
    mine = Comment.objects.create(
        story=story, author=account, body="A thought of mine.", created_at=timezone.now()
    )
    reply = Comment.objects.create(
        story=story, parent=mine, author=other, body="A fair point.", created_at=timezone.now()
    )
    response = signed_in.post("/me/delete/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Your account is deleted." in response.content.decode()
    assert not User.objects.filter(pk=account.pk).exists()
    assert signed_in_user_id(signed_in) is None
    assert signed_in.get("/me/")["Location"].startswith("/accounts/login/")
    mine.refresh_from_db()
    assert (mine.author_id, mine.body, mine.status) == (None, "", "deleted")
    reply.refresh_from_db()
    assert reply.body == "A fair point." and reply.parent_id == mine.pk
    assert log_in(Client(), EMAIL, PASSWORD).status_code == 200  # nobody to sign in as


@pytest.mark.parametrize(
    ("language", "digest", "hooks"),
    [
        ("en", "e-mail digest settings", "webhooks"),
        ("de", "Einstellungen der Nachrichtenübersicht per E-Mail", "Webhooks"),
        ("ar", "إعدادات الملخص بالبريد الإلكتروني", "خطافات الويب"),
    ],
)
def test_the_delete_text_names_digest_settings_and_webhooks(
    signed_in: Client, language: str, digest: str, hooks: str
) -> None:
    with translation.override(language):
        page = signed_in.get("/me/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    section = page.split('id="leave-heading"', 1)[1].split("</p>", 1)[0]
    assert digest in section and hooks in section


def test_deleting_the_account_deletes_its_digest_plan_and_webhooks(
    signed_in: Client, account: User
) -> None:
    now = timezone.now()
    set_plan(account, PlanChoice("daily", 7, 0, "en"), now)
    hook = Webhook.objects.create(
        user=account,
        url="https://hooks.example.org/in",
        secret="whsec_test",
        events=["story.new"],
        scanned_until=now,
        created_at=now,
    )
    WebhookDelivery.objects.create(hook=hook, event="story.new", subject="story:1", created_at=now)
    site_hook = Webhook.objects.create(
        url="https://ops.example.org/in", secret="whsec_ops", scanned_until=now, created_at=now
    )
    response = signed_in.post("/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not DigestPlan.objects.filter(user_id=account.pk).exists()
    assert list(Webhook.objects.values_list("pk", flat=True)) == [site_hook.pk]
    assert not WebhookDelivery.objects.exists()


def test_deleting_the_account_needs_the_csrf_token(account: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    assert client.post("/me/delete/", {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=account.pk).exists()
