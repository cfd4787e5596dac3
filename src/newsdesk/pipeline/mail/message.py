"""One newsletter e-mail (RFC 5322 bytes) read into a :class:`Newsletter`.

- The body is the HTML part when there is one (the plain-text part otherwise, made into
  paragraphs), chosen by the standard library's ``get_body``: attachments are never read.
- The HTML is cleaned of tracking pixels and (unless kept) unsubscribe links by
  :mod:`.trackers`; it is *not* sanitized here: the caller runs the site's sanitizer on it.
- The publisher is named by the ``List-Id`` phrase, else the ``From`` display name, else the
  ``From`` domain; known by the ``List-Id`` identifier, else the ``From`` address.
- ``web_url`` is the "view in browser" address (recipient parameters removed), "" without one.

Never raises on hostile or broken mail: a part that cannot be decoded is read with
replacement characters, and a message with no text at all has an empty body.
"""

from __future__ import annotations

import email
import email.policy
import html as html_lib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime

from newsdesk.pipeline.mail.trackers import clean_newsletter_html

# A List-Id is "phrase <list.identifier>" (RFC 2919); the phrase is optional.
_LIST_ID = re.compile(r"^\s*(?P<phrase>.*?)\s*<(?P<id>[^<>\s]+)>\s*$")
_ANGLE_URL = re.compile(r"<([^<>\s]+)>")
_BARE_URL = re.compile(r"(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])")
# Subject prefixes forwarding and replies add; a forwarded newsletter is the same newsletter.
_PREFIX = re.compile(r"^\s*(?:(?:fwd?|fw|wg|re|aw|rv|tr)\s*:\s*)+", re.I)


@dataclass(frozen=True)
class Newsletter:
    subject: str
    html: str  # unsanitized, without trackers; "" when the mail has no text
    text_only: bool  # the body was made from a plain-text part
    publisher: str  # the name to credit
    publisher_key: str  # List-Id identifier, else the From address (lower case)
    sender: str  # the From address
    web_url: str
    message_id: str  # without angle brackets
    sent_at: datetime | None
    pixels_removed: int


def read_newsletter(raw: bytes, *, keep_unsubscribe: bool = False) -> Newsletter:
    """The newsletter in the message ``raw`` (module docstring)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    name, sender = _from(message)
    list_phrase, list_id = _list_id(message)
    unsubscribe = frozenset(_ANGLE_URL.findall(_header(message, "List-Unsubscribe")))
    html, text_only = _body(message)
    cleaned = clean_newsletter_html(
        html, keep_unsubscribe=keep_unsubscribe, unsubscribe_urls=unsubscribe
    )
    domain = sender.rpartition("@")[2]
    return Newsletter(
        subject=_PREFIX.sub("", " ".join(_header(message, "Subject").split()))[:500],
        html=cleaned.html,
        text_only=text_only,
        publisher=(list_phrase or name or domain or sender)[:200],
        publisher_key=(list_id or sender)[:200],
        sender=sender,
        web_url=cleaned.web_url,
        message_id=_header(message, "Message-ID").strip().strip("<>")[:500],
        sent_at=_date(_header(message, "Date")),
        pixels_removed=cleaned.pixels_removed,
    )


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError):  # a header the parser cannot make sense of
        return ""
    return str(value) if value is not None else ""


def _from(message: Message) -> tuple[str, str]:
    pairs = getaddresses([_header(message, "From")])
    name, address = pairs[0] if pairs else ("", "")
    return " ".join(name.split()).strip("\"'"), address.strip().lower()


def _list_id(message: Message) -> tuple[str, str]:
    match = _LIST_ID.match(_header(message, "List-Id"))
    if match is None:
        return "", ""
    phrase = " ".join(match["phrase"].split()).strip("\"'")
    return phrase, match["id"].lower()


def _body(message: EmailMessage) -> tuple[str, bool]:
    """The HTML of the message's body, and whether it came from plain text."""
    html_part = message.get_body(preferencelist=("html",))
    if html_part is not None:
        return _content(html_part), False
    text_part = message.get_body(preferencelist=("plain",))
    if text_part is not None:
        return paragraphs_html(_content(text_part)), True
    return "", False


def _content(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError, AssertionError):  # an unknown or lying charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def paragraphs_html(text: str) -> str:
    """Plain text as HTML: a paragraph per blank-line-separated block, its lines kept, bare
    addresses made links. A line of only dashes or underscores (a signature rule) is dropped."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    paragraphs = []
    for block in blocks:
        lines = [line.strip() for line in block.splitlines()]
        lines = [line for line in lines if line and not re.fullmatch(r"[-_=*~ ]{2,}", line)]
        if lines:
            paragraphs.append("<p>" + "<br>".join(_linked(line) for line in lines) + "</p>")
    return "\n".join(paragraphs)


def _linked(line: str) -> str:
    escaped = html_lib.escape(line, quote=True)
    return _BARE_URL.sub(lambda m: f'<a href="{m[1]}">{m[1]}</a>', escaped)


def _date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
