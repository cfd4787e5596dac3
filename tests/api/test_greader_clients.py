"""Third-party Google Reader clients against a live server on 127.0.0.1: Debian's newsboat (its
FeedHQ mode: ClientLogin, subscription/list, then the Atom streams, edit-tag and
mark-all-as-read) and PyPI's libgreader (ClientLogin, the JSON streams, edit-tag). Each signs in,
lists the subscriptions, reads the items, marks them read (and starred), and the server's state
follows."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from newsdesk.desk.readers import folders, history
from newsdesk.readers.models import ReadMark, SavedArticle
from tests.support.following import APP_PASSWORD
from tests.support.greader import World, greader_world
from tests.support.terminal import run_in_terminal

pytestmark = pytest.mark.django_db(transaction=True)
NEWSBOAT = shutil.which("newsboat") or "/usr/bin/newsboat"


@pytest.fixture
def world(live_server: Any) -> Iterator[World]:
    with greader_world(live_server.url) as made:
        yield made


def read_ids(world: World) -> set[int]:
    return set(ReadMark.objects.filter(user=world.ana).values_list("article_id", flat=True))


def long_id(article_id: int) -> str:
    return f"tag:google.com,2005:reader/item/{article_id:016x}"


class Newsboat:
    """newsboat with its own home, configuration and cache, in FeedHQ mode against the server."""

    def __init__(self, world: World, home: Path) -> None:
        self.home = home
        self.config = home / "config"
        self.settings = "\n".join(
            [
                'urls-source "feedhq"',
                f'feedhq-url "{world.base_url}"',
                'feedhq-login "ana@example.test"',
                f'feedhq-password "{APP_PASSWORD}"',
                "feedhq-show-special-feeds no",
                'feedhq-flag-star "s"',
                "",
            ]
        )
        (home / "urls").write_text("")
        self.env = {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config-home"),
            "XDG_DATA_HOME": str(home / "data-home"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "TERM": "xterm",
        }
        self.cache = home / "cache.db"
        self.log = home / "newsboat.log"

    def _argv(self) -> list[str]:
        files = ["-C", str(self.config), "-u", str(self.home / "urls"), "-c", str(self.cache)]
        return [NEWSBOAT, *files, "-l", "6", "-d", str(self.log)]

    def unread_after_reload(self) -> int:
        """``newsboat -x reload print-unread``: fetch everything, print the unread count."""
        self.config.write_text(self.settings)
        done = subprocess.run(
            [*self._argv(), "-x", "reload", "print-unread"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr + self._log_tail()
        words = done.stdout.split()
        assert words[1:] == ["unread", "articles"], done.stdout + self._log_tail()
        return int(words[0])

    def run_operations(self, operations: str, typed: list[tuple[str, bytes]] | None = None) -> None:
        """Start the interface with ``run-on-startup`` operations, then type ``typed`` (which
        ends with Q) or quit (hard-quit)."""
        quit = "" if typed else "; hard-quit"
        self.config.write_text(f"{self.settings}run-on-startup {operations}{quit}\n")
        ran = run_in_terminal(self._argv(), self.env, timeout=90, typed=typed)
        assert ran.returncode == 0, ran.screen[-2000:] + self._log_tail()

    def items(self) -> dict[str, tuple[str, bool]]:
        """The cached items: guid -> (title, unread)."""
        with sqlite3.connect(self.cache) as db:
            rows = db.execute("SELECT guid, title, unread FROM rss_item").fetchall()
        return {guid: (title, bool(unread)) for guid, title, unread in rows}

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@pytest.mark.skipif(not Path(NEWSBOAT).exists(), reason="Debian's newsboat is not installed")
def test_newsboat_reads_and_marks_read(world: World, tmp_path: Path) -> None:
    harbour0, harbour1, harbour2, wire = world.articles
    newsboat = Newsboat(world, tmp_path)

    assert newsboat.unread_after_reload() == 4
    assert newsboat.items() == {
        long_id(harbour0.pk): ("Harbour 0", True),
        long_id(harbour1.pk): ("Harbour 1", True),
        long_id(harbour2.pk): ("Harbour 2", True),
        long_id(wire.pk): ("Wire news", True),
    }

    history.mark_many_read(world.ana, [harbour2.pk], timezone.now())  # read on the site
    assert newsboat.unread_after_reload() == 3
    assert newsboat.items()[long_id(harbour2.pk)] == ("Harbour 2", False)

    # Open the first unread article (read), then Ctrl-E (edit flags), flag "s" (star), Q (quit).
    flag_star = [("o:Open in Browser", b"\x05"), ("Flags:", b"s\r"), ("updated.", b"Q")]
    newsboat.run_operations("next-unread; open; open", typed=flag_star)
    opened = [guid for guid, (_, unread) in newsboat.items().items() if not unread]
    opened.remove(long_id(harbour2.pk))
    assert len(opened) == 1
    opened_id = int(opened[0].rsplit("/", 1)[1], 16)
    assert read_ids(world) == {harbour2.pk, opened_id}
    assert list(SavedArticle.objects.values_list("article_id", flat=True)) == [opened_id]

    newsboat.run_operations("mark-feed-read")  # the first feed: Harbour Post
    assert read_ids(world) >= {harbour0.pk, harbour1.pk, harbour2.pk}
    server_unread = 4 - len(read_ids(world))
    assert newsboat.unread_after_reload() == server_unread


def test_libgreader_reads_marks_read_and_stars(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from libgreader import ClientAuthMethod, GoogleReader, ReaderUrl

    harbour0, harbour1, harbour2, wire = world.articles
    api = f"{world.base_url}/reader/api/0/"
    monkeypatch.setattr(ClientAuthMethod, "CLIENT_URL", f"{world.base_url}/accounts/ClientLogin")
    routes = {  # as docs/following.md tells libgreader's users to set them
        "API_URL": "",
        "ACTION_TOKEN_URL": "token",
        "USER_INFO_URL": "user-info",
        "SUBSCRIPTION_LIST_URL": "subscription/list",
        "SUBSCRIPTION_EDIT_URL": "subscription/edit",
        "UNREAD_COUNT_URL": "unread-count",
        "CONTENT_BASE_URL": "stream/contents/",
        "FEED_URL": "stream/contents/",
        "CATEGORY_URL": "stream/contents/user/-/label/",
        "EDIT_TAG_URL": "edit-tag",
        "MARK_ALL_READ_URL": "mark-all-as-read",
    }
    for name, route in routes.items():
        monkeypatch.setattr(ReaderUrl, name, api + route)
    folders.add_to_folder(world.ana, "Local", world.sources["harbour"], timezone.now())

    reader = GoogleReader(ClientAuthMethod("ana@example.test", APP_PASSWORD))
    assert reader.buildSubscriptionList()
    assert reader.userId == str(world.ana.pk)
    feeds = {feed.title: feed for feed in reader.getSubscriptionList()}
    assert set(feeds) == {"Harbour Post", "Wire"}
    assert (feeds["Harbour Post"].unread, feeds["Wire"].unread) == (3, 1)
    assert [category.label for category in reader.getCategories()] == ["Local"]
    local = reader.getCategories()[0]
    local.loadItems()
    assert [item.title for item in local.getItems()] == ["Harbour 0", "Harbour 1", "Harbour 2"]

    harbour = feeds["Harbour Post"]
    harbour.loadItems()
    items = {item.title: item for item in harbour.getItems()}
    assert list(items) == ["Harbour 0", "Harbour 1", "Harbour 2"]
    assert items["Harbour 0"].url == harbour0.url and not items["Harbour 0"].isRead()
    assert items["Harbour 0"].markRead()
    assert items["Harbour 1"].markStarred()
    assert read_ids(world) == {harbour0.pk}
    assert list(SavedArticle.objects.values_list("article_id", flat=True)) == [harbour1.pk]

    harbour.loadItems(excludeRead=True)
    assert [item.title for item in harbour.getItems()] == ["Harbour 1", "Harbour 2"]
    reader.makeSpecialFeeds()
    starred = reader.getSpecialFeed(ReaderUrl.STARRED_LIST)
    starred.loadItems()
    assert [item.title for item in starred.getItems()] == ["Harbour 1"]
    assert starred.getItems()[0].isStarred()

    assert feeds["Wire"].markAllRead()
    assert read_ids(world) == {harbour0.pk, wire.pk}
    assert items["Harbour 0"].markUnread()
    assert read_ids(world) == {wire.pk}
    assert reader.buildSubscriptionList()
    unread = {feed.title: feed.unread for feed in reader.getSubscriptionList()}
    assert unread == {"Harbour Post": 3, "Wire": 0}
    assert harbour2.pk not in read_ids(world)
