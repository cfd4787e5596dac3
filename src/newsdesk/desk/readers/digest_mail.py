"""A digest as an e-mail: an HTML part (inline styles, tables, right to left for Arabic) and a
plain-text part, in the reader's language and time zone, with one-click unsubscribe.

Every link and image is an absolute address on the site's public origin (the first of
``NEWSDESK_ORIGIN``; the listen address when none is set); images are the site's own JPEG copies,
never the publishers'. The headers carry ``List-Unsubscribe`` (the signed web address, and a
mailto address when ``NEWSDESK_UNSUBSCRIBE_MAILTO`` is set) and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058). The ``Message-ID`` is fixed by reader and period, so a
digest sent again after a lost answer is the same message to the mail systems that drop copies.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext

from newsdesk.desk.readers.digest_plans import unsubscribe_token, zone_of
from newsdesk.desk.readers.digest_stories import DigestStory, Selection
from newsdesk.readers.digests import DigestFrequency, DigestPlan

# Scripts written right to left: the mail's own language, and a story's, by its code's base.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"})
SLUG_LENGTH = 80  # as the story pages' own addresses (web.links)


@dataclass(frozen=True)
class RenderedDigest:
    subject: str
    html: str
    text: str
    unsubscribe_url: str
    headers: dict[str, str]


def site_origin() -> str:
    """The public origin links in mail point to."""
    newsdesk = settings.NEWSDESK
    if newsdesk.origins:
        return str(newsdesk.origins[0])
    host = newsdesk.listen_host if newsdesk.listen_host not in {"0.0.0.0", "::"} else "127.0.0.1"
    return f"http://{host}:{newsdesk.listen_port}"


def render_digest(
    user: User,
    plan: DigestPlan,
    selection: Selection,
    now: datetime,
    period: str,
    origin: str = "",
) -> RenderedDigest:
    """The digest's subject, HTML and text, in the plan's language and the reader's zone; links
    on ``origin`` (the site's public origin unless given: a preview uses the page's own)."""
    origin = origin or site_origin()
    zone = zone_of(user)
    token = unsubscribe_token(user)
    unsubscribe_url = origin + reverse("web:digest-unsubscribe", args=[token])
    with translation.override(plan.language), timezone.override(zone):
        weekly = plan.frequency == DigestFrequency.WEEKLY
        context = {
            "stories": [_story_context(story, origin) for story in selection.stories],
            "fallback": selection.fallback,
            "region": selection.region,
            "weekly": weekly,
            "now": now,
            "language": plan.language,
            **_direction(plan.language),
            "origin": origin,
            "settings_url": origin + reverse("web:profile") + "#digest",
            "following_url": origin + reverse("web:following"),
            "unsubscribe_url": unsubscribe_url,
            "zone": zone.key,
            "sent_at": _when(now),
        }
        subject = _subject(weekly, now)
        context["subject"] = subject
        html = render_to_string("mail/digest.html", context)
        text = render_to_string("mail/digest.txt", context)
    headers = {
        "List-Unsubscribe": _list_unsubscribe(unsubscribe_url, token),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        "Precedence": "bulk",
        "Date": format_datetime(now.astimezone(zone)),
        "Message-ID": _message_id(user, period, origin),
    }
    return RenderedDigest(subject, html, text, unsubscribe_url, headers)


def digest_message(user: User, rendered: RenderedDigest) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=rendered.headers,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message


def _subject(weekly: bool, now: datetime) -> str:
    when = date_format(timezone.localtime(now), "DATE_FORMAT")
    if weekly:
        return gettext("Your weekly news digest, %(date)s") % {"date": when}
    return gettext("Your daily news digest, %(date)s") % {"date": when}


def _direction(language: str) -> dict[str, str]:
    """The text direction of a language and the side its text is aligned to."""
    rtl = language.split("-")[0].lower() in RTL_LANGUAGES
    return {"direction": "rtl" if rtl else "ltr", "align": "right" if rtl else "left"}


def _when(moment: datetime) -> str:
    """A date and time in the active language and time zone, without the zone's name (the
    mail names the zone once, at its top)."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATE_FORMAT')} {date_format(local, 'H:i')}"


def _story_context(story: DigestStory, origin: str) -> dict[str, object]:
    slug = slugify(story.headline)[:SLUG_LENGTH].strip("-") or "story"
    text_direction = _direction(story.language) if story.language else {}
    return {
        "headline": story.headline,
        "source_count": story.source_count,
        "brief": story.brief,
        "lead_source": story.lead_source,
        "updated": _when(story.updated_at) if story.updated_at else "",
        "language": story.language,
        "text_dir": text_direction.get("direction", "auto"),
        "text_align": text_direction.get("align", ""),
        "url": origin + reverse("web:story", args=[story.story.pk, slug]),
        "image_url": origin + story.image_path if story.image_path else "",
    }


def _list_unsubscribe(url: str, token: str) -> str:
    parts = [f"<{url}>"]
    mailto = settings.NEWSDESK.unsubscribe_mailto
    if mailto:
        parts.append(f"<mailto:{mailto}?subject={quote('unsubscribe ' + token)}>")
    return ", ".join(parts)


def _message_id(user: User, period: str, origin: str) -> str:
    domain = origin.split("://", 1)[-1].split(":")[0].split("/")[0] or "localhost"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{user.pk}:{period}".encode()).hexdigest()
    return f"<digest.{period}.{digest[:20]}@{domain}>"
