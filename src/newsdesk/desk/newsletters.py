"""Newsletters into feeds (decision 67): addresses, and mail delivered to them made articles.

**Addresses.** A reader has one address (made on first sight, ``reader_address``), an operator
may give a public source one (``source_address``); both can be rotated, after which mail to the
old one is refused. An address is ``<random local part>@<NEWSDESK_MAIL_DOMAIN>``.

**Delivery** (:func:`deliver`, called by ``newsdesk mail`` for each recipient of each message):

1. The recipient must be a current address on the mail domain (else
   :class:`UnknownRecipientError`, SMTP 550) and the message no larger than
   ``NEWSDESK_MAIL_MAX_BYTES`` (else :class:`MessageTooLargeError`, SMTP 552).
2. ``pipeline.mail`` reads it: the HTML body (plain text made paragraphs; attachments never
   read), tracking pixels removed, the "view in browser" address, the publisher. The body then
   goes through the same sanitizer as every article body.
3. Credit. Mail to an operator's address is an article of that public source. Mail to a
   reader's address is an article of a *private* source of that reader, one per newsletter
   (known by its ``List-Id``, else its sender), named as the publisher names itself (the
   ``List-Id`` phrase, else the ``From`` name) and with the "view in browser" site as its home:
   the same signals decision 35 credits pages by, kept inside the reader's own sources, so no
   public source ever learns what a reader subscribes to. The reader follows it at once.
4. Identity, as for every article: the canonical "view in browser" address, else the message's
   ``mid:`` address; and the content hash (title and text), so a newsletter sent again (new
   Message-ID, new tracking tokens) is the same article. A private article's ``url_hash`` is of
   the reader and the address, so it never collides with, or reveals, a public one.

Articles are stored ready (no page to fetch), never placed in stories, never shown to anyone
but their reader (``Article.objects`` leaves them out; see ``articles.models``).
"""

from __future__ import annotations

import base64
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet

from newsdesk.articles.models import Article, ArticleStatus, BodyOrigin
from newsdesk.desk.stories.list_version import story_list_changed
from newsdesk.errors import InvalidURLError, MessageTooLargeError, UnknownRecipientError
from newsdesk.readers.models import Follow, FollowKind
from newsdesk.sources.models import MailAddress, Source

if TYPE_CHECKING:
    from newsdesk.pipeline.mail import Newsletter

log = logging.getLogger(__name__)

# Random bytes of a local part (base32: 16 characters), so an address cannot be guessed.
LOCAL_PART_BYTES = 10
EXCERPT_CHARS = 300


class Delivered(StrEnum):
    NEW = "new"  # a new article
    DUPLICATE = "duplicate"  # the same newsletter was delivered before
    EMPTY = "empty"  # a message without any text: nothing stored


@dataclass(frozen=True)
class Delivery:
    outcome: Delivered
    article_id: int | None
    pixels_removed: int = 0


# --- addresses -----------------------------------------------------------------------------


def mail_domain() -> str:
    return str(settings.NEWSDESK.newsletter_domain)


def full_address(address: MailAddress) -> str:
    return f"{address.local_part}@{mail_domain()}"


def _new_local_part(prefix: str) -> str:
    token = base64.b32encode(secrets.token_bytes(LOCAL_PART_BYTES)).decode("ascii").lower()
    return f"{prefix}-{token}"


def reader_address(user: User) -> MailAddress:
    """The reader's newsletter address, made on first use."""
    found = MailAddress.objects.filter(user=user).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return MailAddress.objects.create(user=user, local_part=_new_local_part("news"))
    except IntegrityError:  # made by a request at the same moment
        return MailAddress.objects.get(user=user)


def source_address(source: Source) -> MailAddress:
    """A public source's newsletter address (an operator's), made on first use."""
    found = MailAddress.objects.filter(source=source).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return MailAddress.objects.create(source=source, local_part=_new_local_part("source"))
    except IntegrityError:
        return MailAddress.objects.get(source=source)


def rotate(address: MailAddress, now: datetime) -> MailAddress:
    """Give the address a new local part: mail to the old one is refused from now on."""
    prefix = "news" if address.user_id is not None else "source"
    address.local_part = _new_local_part(prefix)
    address.rotated_at = now
    address.save(update_fields=["local_part", "rotated_at"])
    return address


def find_address(recipient: str) -> MailAddress | None:
    """The current address ``recipient`` names on the mail domain, or None."""
    local, _, domain = recipient.strip().strip("<>").rpartition("@")
    if not local or domain.lower().rstrip(".") != mail_domain():
        return None
    return MailAddress.objects.filter(local_part=local.lower()).first()


def check_recipient(recipient: str) -> MailAddress:
    address = find_address(recipient)
    if address is None:
        raise UnknownRecipientError(f"no newsletter address {recipient!r}")
    return address


def check_size(size: int) -> None:
    limit = int(settings.NEWSDESK.mail_max_bytes)
    if size > limit:
        raise MessageTooLargeError(f"message of {size} bytes; newsletters may have {limit}")


# --- delivery ------------------------------------------------------------------------------


def deliver(recipient: str, raw: bytes, now: datetime) -> Delivery:
    """Store the message ``raw`` sent to ``recipient`` as an article (module docstring)."""
    # The mail reader, the sanitizer and the language detector load with the first mail, not
    # with the pages that show a reader their address (decision 65).
    from newsdesk.desk.articles import url_hash
    from newsdesk.pipeline.extract.sanitize import plain_text, sanitize_html
    from newsdesk.pipeline.lang import detect_language
    from newsdesk.pipeline.mail import read_newsletter
    from newsdesk.pipeline.normalize import content_hash

    check_size(len(raw))
    address = check_recipient(recipient)
    letter = read_newsletter(raw, keep_unsubscribe=address.user_id is not None)
    html = sanitize_html(letter.html, base_url=letter.web_url)
    text = plain_text(html)
    if not text:
        return Delivery(Delivered.EMPTY, None, letter.pixels_removed)
    owner = address.user
    source = address.source if owner is None else _private_source(owner, letter)
    assert source is not None  # an address has one owner (mail_address_one_owner)
    title = letter.subject or text.split("\n", 1)[0][:200]
    url = _address_of(letter)
    key = url_hash(url if owner is None else f"newsletter:{owner.pk}:{url}")
    fingerprint = content_hash(title, text)
    stored = _stored(owner, source, key, fingerprint)
    if stored is not None:
        _count(address, now)
        return Delivery(Delivered.DUPLICATE, stored, letter.pixels_removed)
    fields = {
        "url": url,
        "url_hash": key,
        "source": source,
        "private_to": owner,
        "guid": letter.message_id,
        "title": title,
        "byline": letter.publisher[:500] if owner is None else "",
        "published_at": min(letter.sent_at or now, now),
        "language": (detect_language(text[:3000]) or source.language)[:16],
        "description": _excerpt(text),
        "text": text,
        "html": html,
        "body_origin": BodyOrigin.FEED,
        "status": ArticleStatus.READY,
        "content_hash": fingerprint,
        "fetched_at": now,
    }
    try:
        with transaction.atomic():
            article = Article.everything.create(**fields)
    except IntegrityError:  # the same newsletter, delivered to a parallel session
        found = _stored(owner, source, key, fingerprint)
        _count(address, now)
        return Delivery(Delivered.DUPLICATE, found, letter.pixels_removed)
    _count(address, now)
    if owner is None:
        story_list_changed()
    log.info(
        "newsletter stored",
        extra={"article": article.pk, "source": source.pk, "pixels": letter.pixels_removed},
    )
    return Delivery(Delivered.NEW, article.pk, letter.pixels_removed)


def _address_of(letter: Newsletter) -> str:
    """The article's address: the canonical web version, else the message's ``mid:`` URL
    (RFC 2392), else one made of the content (a message without a Message-ID)."""
    from newsdesk.pipeline.normalize import canonicalize_url, content_hash

    if letter.web_url:
        try:
            return canonicalize_url(letter.web_url)
        except InvalidURLError:
            pass
    if letter.message_id:
        return "mid:" + quote(letter.message_id, safe="@.!$&'()*+,;=-_~")
    return "mid:" + content_hash(letter.subject, letter.html, letter.sender)


def _stored(owner: User | None, source: Source, key: str, fingerprint: str) -> int | None:
    """The article this newsletter already is: same address, or same content in the same
    place (the reader's newsletters, or the public source)."""
    same = Q(url_hash=key)
    if owner is not None:
        same |= Q(private_to=owner, content_hash=fingerprint)
    else:
        same |= Q(source=source, private_to__isnull=True, content_hash=fingerprint)
    return Article.everything.filter(same).values_list("pk", flat=True).first()


def _count(address: MailAddress, now: datetime) -> None:
    MailAddress.objects.filter(pk=address.pk).update(
        received=F("received") + 1, last_received_at=now
    )


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _private_source(owner: User, letter: Newsletter) -> Source:
    """The reader's source of this newsletter, made (and followed) on its first issue."""
    from newsdesk.pipeline.normalize import registered_domain

    key = letter.publisher_key or letter.sender or "unknown"
    found = Source.everything.filter(private_to=owner, newsletter_key=key).first()
    if found is not None:
        return found
    site = letter.web_url if letter.web_url.startswith(("http://", "https://")) else ""
    home = f"{urlsplit(site).scheme}://{urlsplit(site).netloc}/" if site else ""
    domain = registered_domain(site) if site else letter.sender.rpartition("@")[2]
    source = Source(
        name=letter.publisher or key,
        slug=_new_local_part("newsletter"),
        home_url=home,
        domain=domain[:253],
        private_to=owner,
        newsletter_key=key,
    )
    try:
        with transaction.atomic():
            source.save(force_insert=True)
    except IntegrityError:  # the first issue, delivered twice at once
        return Source.everything.get(private_to=owner, newsletter_key=key)
    Follow.objects.get_or_create(user=owner, kind=FollowKind.SOURCE, value=source.slug)
    return source


# --- reading -------------------------------------------------------------------------------


def newsletter_sources(user: User) -> list[Source]:
    """The reader's newsletters, by name."""
    return list(Source.everything.filter(private_to=user).order_by("name", "id"))


def newsletter_articles(user: User) -> QuerySet[Article]:
    """The reader's newsletter issues, newest first."""
    return (
        Article.everything.filter(private_to=user, status=ArticleStatus.READY)
        .select_related("source", "image")
        .order_by("-published_at", "-id")
    )


def own_article(user: User, article_id: int) -> Article | None:
    """One of the reader's newsletter issues, or None (also for anyone else's)."""
    if not user.is_authenticated:
        return None
    return newsletter_articles(user).filter(pk=article_id).first()


def own_source(user: User, slug: str) -> Source | None:
    if not user.is_authenticated:
        return None
    return Source.everything.filter(private_to=user, slug=slug).first()
