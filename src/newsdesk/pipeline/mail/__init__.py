"""Newsletters: an RFC 5322 e-mail read into a newsletter (subject, body, publisher, its web
address), its tracking pixels removed (``trackers``, rules in ``data/trackers.json``).

No Django, no database: ``desk.newsletters`` turns a :class:`Newsletter` into an article, and
runs the site's sanitizer on its HTML.
"""

from newsdesk.pipeline.mail.message import Newsletter, paragraphs_html, read_newsletter
from newsdesk.pipeline.mail.trackers import (
    clean_newsletter_html,
    is_tracking_address,
    without_recipient,
)

__all__ = [
    "Newsletter",
    "clean_newsletter_html",
    "is_tracking_address",
    "paragraphs_html",
    "read_newsletter",
    "without_recipient",
]
