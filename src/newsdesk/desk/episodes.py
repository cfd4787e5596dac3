"""Episodes: articles with sound or video (podcasts, video channels), their files and player.

An item whose feed gives it an audio or video file (``FeedEntry.enclosures``) is an *episode*.
``desk.articles`` stores it ready at once, with the feed's show notes as its body: the page an
episode links to is a player with the same notes, so it is never fetched (decision 68). This
module keeps the files and says how pages play them:

    keep_enclosures({article_id: entry})   the article's Enclosure rows, replaced by the entry's
    enclosures_of(article_ids)             {article id: [Enclosure, ...]} in their order
    files_of(article_id)                   one article's Enclosure rows in their order
    player_of(article) -> Player | None    the file the page plays, and the address it uses
    media_origins(players)                 the origins the page's CSP lets media load from

Files stay at the publisher's address: the site never fetches, stores or relays them. A player
address is https: an ``http:`` file is asked for as ``https:`` (browsers upgrade or refuse
insecure media on a secure page in any case), except on networks the operator allowed the
fetcher to reach (``NEWSDESK_FETCH_ALLOW_NETWORKS``: a private install, the tests). The page
loads nothing from the publisher until the reader presses play (``preload="none"``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from newsdesk.articles.models import Article, Enclosure
from newsdesk.desk.prepared import PreparedQuery
from newsdesk.sources.models import RightsPolicy
from newsdesk.types import FeedEntry

RATES = ("0.75", "1", "1.25", "1.5", "1.75", "2")
"""The speeds the player offers."""


@dataclass(frozen=True)
class Player:
    """What the article page plays: the first file, at the address the browser is given."""

    src: str
    media_type: str
    medium: str  # audio | video
    duration: int | None
    others: tuple[tuple[str, str], ...]  # the item's further files (address, type), as links
    rates: tuple[str, ...] = RATES

    @property
    def origin(self) -> str:
        parts = urlsplit(self.src)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def host(self) -> str:
        return urlsplit(self.src).hostname or ""


def is_episode(entry: FeedEntry) -> bool:
    return bool(entry.enclosures)


def keep_enclosures(entries: Mapping[int, FeedEntry]) -> None:
    """Replace the files of each article (by id) with those of its feed entry."""
    if not entries:
        return
    Enclosure.objects.filter(article_id__in=list(entries)).delete()
    Enclosure.objects.bulk_create(
        [
            Enclosure(
                article_id=article_id,
                rank=rank,
                url=enclosure.url,
                media_type=enclosure.media_type,
                length=enclosure.length,
                duration=enclosure.duration,
            )
            for article_id, entry in entries.items()
            for rank, enclosure in enumerate(entry.enclosures)
        ]
    )


def files_shown(article: Article) -> bool:
    """Whether the article's files may be offered: not for a source that asks to be read on
    its own site only (as its body is not shown)."""
    return bool(article.source.rights != RightsPolicy.LINK_ONLY)


def enclosures_of(article_ids: Iterable[int]) -> dict[int, list[Enclosure]]:
    found: dict[int, list[Enclosure]] = {}
    for enclosure in Enclosure.objects.filter(article_id__in=list(article_ids)):
        found.setdefault(enclosure.article_id, []).append(enclosure)
    return found


# One article's files in their order: every article page asks, and most have none.
_FILES_OF_ARTICLE = PreparedQuery[Enclosure](
    lambda article_id: Enclosure.objects.filter(article_id=article_id).order_by("rank"),
    article_id=int,
)


def files_of(article_id: int) -> list[Enclosure]:
    """One article's files in their order (its page and its API answer ask)."""
    return _FILES_OF_ARTICLE.run(article_id=article_id)


def player_of(article: Article) -> Player | None:
    files = [
        (src, enclosure)
        for enclosure in files_of(article.pk)
        if (src := playable_url(enclosure.url))
    ]
    if not files:
        return None
    (src, first), others = files[0], files[1:]
    links = tuple((url, enclosure.media_type) for url, enclosure in others)
    return Player(src, first.media_type, first.medium, first.duration, links)


def playable_url(url: str) -> str:
    """The address a page plays a file from: https, or http on an allowed network; "" if
    neither (a file on a private address outside those networks is never offered)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return ""
    allowed = _allowed_network(host)
    if _is_private(host) and not allowed:
        return ""
    if parts.scheme == "http" and not allowed:
        return urlunsplit(("https", parts.netloc, parts.path, parts.query, ""))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def media_origins(players: Iterable[Player]) -> list[str]:
    return sorted({player.origin for player in players})


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _allowed_network(host: str) -> bool:
    address = _address(host)
    if address is None:
        return False
    networks = settings.NEWSDESK.fetch_allow_networks
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def _is_private(host: str) -> bool:
    address = _address(host)
    if address is None:
        return host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    return not address.is_global
