"""Podcast and video episodes end to end: a podcast feed on 127.0.0.1 with a real WAV file is
checked; its episode is ready at once with the show notes as its body and its page is never
fetched; the article page plays the file from the publisher (its CSP allowing that origin
only); the JSON API, the Google Reader API and the site's RSS list the file; a reader's place
is kept and read back."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin, Enclosure
from newsdesk.desk.episodes import playable_url
from newsdesk.desk.feeds import check_feed
from newsdesk.desk.readers import following
from newsdesk.desk.sources import register_feed
from newsdesk.pipeline.fetch import Fetcher, FetchPolicy
from newsdesk.readers.models import FollowKind, PlaybackPosition
from newsdesk.sources.models import RightsPolicy
from newsdesk.web.links import article_path
from tests.support.episodes import serve_podcast, wav_bytes
from tests.support.following import APP_PASSWORD, make_article, make_reader
from tests.support.server import LocalServer

pytestmark = pytest.mark.django_db
AUDIO = wav_bytes(2.0)


@pytest.fixture
def episode(local_server: LocalServer, allow_local_fetch: None) -> Article:
    feed = register_feed(serve_podcast(local_server, AUDIO)).feed
    with Fetcher(FetchPolicy(allow_networks=("127.0.0.1/32",), total_timeout=10)) as fetcher:
        report = check_feed(feed.pk, None, fetcher)
    assert report.new_articles == 1
    assert report.claims == []  # no article job: nothing will fetch the episode's page
    return Article.objects.select_related("source").get()


def test_an_episode_is_ready_at_once_with_its_show_notes(
    episode: Article, local_server: LocalServer
) -> None:
    assert episode.status == ArticleStatus.READY and episode.body_origin == BodyOrigin.FEED
    assert local_server.hits["/episodes/12"] == 0
    assert local_server.hits["/audio/episode-12.wav"] == 0  # nor its file: readers play it
    assert "the night ferry's last crossing" in episode.text
    assert "Chapter 2: the engine room" in episode.text
    assert "<b>last crossing</b>" in episode.html and "<script" not in episode.html
    assert episode.image_url == local_server.url("/show.jpg")  # the show's itunes:image
    (file,) = Enclosure.objects.filter(article=episode)
    assert file.url == local_server.url("/audio/episode-12.wav")
    assert (file.media_type, file.length, file.duration) == ("audio/wav", len(AUDIO), 30)


def test_the_page_plays_the_file_from_the_publisher(
    episode: Article, local_server: LocalServer, client: Client
) -> None:
    answer = client.get(article_path(episode))
    page = answer.content.decode()
    assert answer.status_code == 200
    assert '<audio class="player-media" controls preload="none" data-player-media>' in page
    assert f'<source src="{local_server.url("/audio/episode-12.wav")}" type="audio/wav">' in page
    assert "web/player" in page and 'datetime="PT30S">0:30</time>' in page
    policy = answer["Content-Security-Policy"]
    assert policy.endswith(f"media-src 'self' http://127.0.0.1:{local_server.port}")
    assert "script-src 'self'" in policy
    plain = client.get(article_path(make_article(episode.source, "No sound", timezone.now())))
    assert "media-src" not in plain["Content-Security-Policy"]
    assert "data-player" not in plain.content.decode()


def test_player_addresses_are_https_outside_allowed_networks(settings: Any) -> None:
    assert playable_url("http://cdn.example.net/a.mp3?x=1#t") == "https://cdn.example.net/a.mp3?x=1"
    assert playable_url("https://cdn.example.net/a.mp3") == "https://cdn.example.net/a.mp3"
    assert playable_url("http://10.0.0.5/a.mp3") == ""  # a private address is never offered
    assert playable_url("http://localhost/a.mp3") == ""
    assert playable_url("ftp://cdn.example.net/a.mp3") == ""


def test_the_api_lists_the_file_and_keeps_the_readers_place(
    episode: Article, local_server: LocalServer
) -> None:
    visitor = Client()
    answer = visitor.get(f"/api/v1/articles/{episode.pk}").json()
    assert answer["enclosures"] == [
        {
            "url": local_server.url("/audio/episode-12.wav"),
            "type": "audio/wav",
            "length": len(AUDIO),
            "duration": 30,
        }
    ]
    assert answer["playback"] is None
    reader = Client()
    reader.force_login(make_reader("ana"))
    mine = reader.get(f"/api/v1/articles/{episode.pk}")
    assert mine.json()["playback"]["position"] == 0 and "private" in mine["Cache-Control"]
    kept = reader.put(
        f"/api/v1/me/playback/{episode.pk}", {"position": 12.5}, content_type="application/json"
    )
    assert kept.status_code == 200 and kept.json()["position"] == 12.5
    assert reader.get(f"/api/v1/me/playback/{episode.pk}").json()["position"] == 12.5
    assert reader.get(f"/api/v1/articles/{episode.pk}").json()["playback"]["position"] == 12.5
    past_the_end = reader.put(
        f"/api/v1/me/playback/{episode.pk}", {"position": 95}, content_type="application/json"
    )
    assert past_the_end.json()["position"] == 30  # cut to the file's length
    assert PlaybackPosition.objects.get().seconds == 30
    silent = make_article(episode.source, "No sound", timezone.now())
    refused = reader.put(
        f"/api/v1/me/playback/{silent.pk}", {"position": 3}, content_type="application/json"
    )
    assert refused.status_code == 404
    assert visitor.get(f"/api/v1/me/playback/{episode.pk}").status_code == 401


def test_google_reader_and_rss_list_the_file(
    episode: Article, local_server: LocalServer, client: Client
) -> None:
    ana = make_reader("ana", app_password=APP_PASSWORD)
    following.follow(ana, FollowKind.SOURCE, episode.source.slug, timezone.now())
    login = client.post(
        "/api/greader/accounts/ClientLogin",
        {"Email": "ana@example.test", "Passwd": APP_PASSWORD},
    )
    auth = login.content.decode().strip().splitlines()[-1].split("=", 1)[1]
    headers = {"Authorization": f"GoogleLogin auth={auth}"}
    stream = client.get("/api/greader/reader/api/0/stream/contents/", headers=headers).json()
    (item,) = stream["items"]
    file_url = local_server.url("/audio/episode-12.wav")
    assert item["enclosure"] == [{"href": file_url, "type": "audio/wav", "length": str(len(AUDIO))}]
    atom = client.get("/api/greader/reader/atom/", headers=headers).content.decode()
    assert f'<link rel="enclosure" href="{file_url}" type="audio/wav"' in atom
    rss = client.get(f"/source/{episode.source.slug}/feed.xml").content.decode()
    assert f'<enclosure length="{len(AUDIO)}" type="audio/wav" url="{file_url}"/>' in rss


def test_a_link_only_source_offers_no_file(episode: Article, client: Client) -> None:
    episode.source.rights = RightsPolicy.LINK_ONLY
    episode.source.save()
    assert "data-player" not in client.get(article_path(episode)).content.decode()
    assert client.get(f"/api/v1/articles/{episode.pk}").json()["enclosures"] == []
