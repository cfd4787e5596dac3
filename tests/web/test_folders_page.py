"""The following page's folders: make, rename, delete, move a source (plain POST forms with
CSRF), the OPML import with its report, and the reader's OPML in their folders."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from newsdesk.desk.readers import folders, following
from newsdesk.readers.models import FollowKind
from newsdesk.sources.models import Feed
from tests.support.following import make_reader, make_source

pytestmark = pytest.mark.django_db
SHAPES = Path(__file__).parents[1] / "pipeline" / "feedsamples" / "opml"


@pytest.fixture
def ana() -> Client:
    client = Client()
    client.force_login(make_reader("ana"))
    return client


def reader_of(client: Client) -> User:
    return User.objects.get(username="ana")


def feeds_in_folders(outline: ElementTree.Element, path: str = "") -> set[tuple[str, str]]:
    """(folder path, htmlUrl) of every feed under an OPML outline."""
    found: set[tuple[str, str]] = set()
    for child in outline:
        if child.get("xmlUrl"):
            found.add((path, child.get("htmlUrl", "")))
        else:
            found |= feeds_in_folders(child, f"{path}/{child.get('text')}".lstrip("/"))
    return found


def test_the_page_shows_folders_with_their_sources_and_the_unfiled_ones(ana: Client) -> None:
    now = timezone.now()
    post, wire, extra = (make_source(n, now) for n in ("Harbour Post", "Wire", "Extra"))
    user = reader_of(ana)
    folders.add_to_folder(user, "Local", post, now)
    folders.add_to_folder(user, "News/World", post, now)
    folders.add_to_folder(user, "News/World", wire, now)
    following.follow(user, FollowKind.SOURCE, extra.slug, now)
    folders.create_folder(user, "Empty")
    page = ana.get("/me/following/").content.decode()
    local, world = page.index(">Local</h3>"), page.index(">News/World</h3>")
    unfiled = page.index(">In no folder</h3>")
    assert page.index(">Empty</h3>") < local < world < unfiled
    assert "No sources in this folder yet." in page
    assert page.count('href="/source/harbour-post/"') == 2  # in both of its folders
    assert page.index('href="/source/extra/"') > unfiled
    assert page.count('action="/me/folders/move/"') == 4
    assert '<option value="News/World" selected>News/World</option>' in page


def test_make_rename_delete_and_move(ana: Client) -> None:
    now = timezone.now()
    wire = make_source("Wire", now)
    user = reader_of(ana)
    following.follow(user, FollowKind.SOURCE, wire.slug, now)

    made = ana.post("/me/folders/", {"action": "create", "name": " Morning  news "}, follow=True)
    assert "Folder Morning news is ready." in made.content.decode()
    moved = ana.post("/me/folders/move/", {"source": "wire", "from": "", "to": "Morning news"})
    assert moved.status_code == 302 and moved["Location"] == "/me/following/#folders"
    assert folders.folder_names_by_source(user) == {wire.pk: ["Morning news"]}

    ana.post("/me/folders/", {"action": "rename", "name": "morning news", "new_name": "Daily"})
    assert folders.folder_names_by_source(user) == {wire.pk: ["Daily"]}
    ana.post("/me/folders/move/", {"source": "wire", "from": "Daily", "to": ""})
    assert folders.folder_names_by_source(user) == {}
    ana.post("/me/folders/move/", {"source": "wire", "from": "", "to": "Daily"})
    deleted = ana.post("/me/folders/", {"action": "delete", "name": "Daily"}, follow=True)
    assert "its sources are still followed" in deleted.content.decode()
    assert folders.folders_of(user) == []
    assert following.is_following(user, FollowKind.SOURCE, wire.slug)


def test_refusals_come_back_as_messages_and_change_nothing(ana: Client) -> None:
    now = timezone.now()
    make_source("Wire", now)  # not followed
    cases = [
        ("/me/folders/", {"action": "create", "name": "  /  "}, "1 to 100 characters"),
        ("/me/folders/", {"action": "rename", "name": "Nope", "new_name": "X"}, "no folder Nope"),
        ("/me/folders/", {"action": "delete", "name": "Nope"}, "no folder Nope"),
        ("/me/folders/", {"action": "explode"}, "Make, rename or delete"),
        ("/me/folders/move/", {"source": "wire", "to": "Local"}, "do not follow that source"),
    ]
    for path, data, message in cases:
        answer = ana.post(path, data, follow=True)
        assert answer.status_code == 200 and message in answer.content.decode(), message
    assert folders.folders_of(reader_of(ana)) == []
    assert not following.is_following(reader_of(ana), FollowKind.SOURCE, "wire")


def test_forms_need_a_csrf_token_and_a_signed_in_reader() -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_reader("ana"))
    for path in ("/me/folders/", "/me/folders/move/", "/me/opml/import/"):
        assert browser.post(path, {"action": "create", "name": "X"}).status_code == 403
        visitor = Client().post(path, {"action": "create", "name": "X"})
        assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
        assert Client().get(path).status_code in (302, 405)
    assert folders.folders_of(User.objects.get()) == []


def test_opml_import_reports_added_followed_and_failed_with_reasons(ana: Client) -> None:
    upload = SimpleUploadedFile("freshrss.opml", (SHAPES / "freshrss.opml").read_bytes())
    answer = ana.post("/me/opml/import/", {"opml": upload})
    assert answer.status_code == 302 and answer["Location"] == "/me/following/#import"
    page = ana.get("/me/following/").content.decode()
    assert "<strong>6</strong> feeds new to newsdesk" in page
    assert "<strong>6</strong> sources followed" in page
    assert "<strong>4</strong> failed" in page
    assert "https://www.harbourtown.example/notices/</code>" in page
    assert "(FreshRSS&#x27;s type &quot;HTML+XPath&quot;): only the site&#x27;s operator" in page
    assert ">Blogroll</h3>" in page and ">Uncategorized</h3>" in page
    assert "Import done" not in ana.get("/me/following/").content.decode()  # shown once
    assert Feed.objects.count() == 6


def test_opml_import_of_a_bad_file_or_none_is_a_clear_message(ana: Client) -> None:
    bad = SimpleUploadedFile("x.opml", b"<html><body>not opml</body></html>")
    answer = ana.post("/me/opml/import/", {"opml": bad}, follow=True)
    assert "That file cannot be imported: not an OPML file" in answer.content.decode()
    none = ana.post("/me/opml/import/", {}, follow=True)
    assert "Choose an OPML file to import." in none.content.decode()
    assert Feed.objects.count() == 0


def test_the_readers_opml_has_their_folders_and_each_feeds_own_site(ana: Client) -> None:
    now = timezone.now()
    post = make_source("Harbour Post", now)
    Feed.objects.filter(source=post).update(html_url="https://harbour-post.example.test/local/")
    user = reader_of(ana)
    folders.add_to_folder(user, "Local", post, now)
    folders.add_to_folder(user, "News/World", post, now)
    body = ElementTree.fromstring(ana.get("/me/opml/").content).find("body")
    assert body is not None
    site = "https://harbour-post.example.test/local/"
    assert feeds_in_folders(body) == {("Local", site), ("News/World", site)}
