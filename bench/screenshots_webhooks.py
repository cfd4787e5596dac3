"""Screenshots of the webhooks page (/me/webhooks/) in English and in Arabic (right to left), at
phone and desktop widths: one active hook with its last deliveries, one paused with its last
error.

Serves newsdesk on 127.0.0.1 with the articles of ``bench/screenshots.py``, makes two readers
(one reading English, one Arabic) with two hooks each and a few logged deliveries, signs each in
through the sign-in page in Debian's Chromium and writes
docs/screenshots/webhooks-{phone,desktop}.png and webhooks-ar-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_webhooks.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO, setup_django
from screenshots import shoot_signed_in
from tests.web.site import start_site

PASSWORD = "a long reader password 7"
READERS = {"webhooks": ("hooks@example.test", "en"), "webhooks-ar": ("hooks-ar@example.test", "ar")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-shots-") as data:
        site = start_site(Path(data))
        try:
            setup_django(Path(data))
            add_readers()
            shoot_signed_in(site.url, args.out, READERS, PASSWORD, "/me/webhooks/")
        finally:
            site.stop()


def add_readers() -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from newsdesk.readers.webhooks import Webhook, WebhookDelivery

    now = timezone.now()
    for email, _ in READERS.values():
        user = get_user_model().objects.create_user(email, email, PASSWORD)
        active = Webhook.objects.create(
            user=user,
            url="https://hooks.example.org/newsdesk",
            secret="whsec_example",
            events=["story.new"],
            scanned_until=now,
            created_at=now - timedelta(days=3),
        )
        paused = Webhook.objects.create(
            user=user,
            url="https://old-receiver.example.net/inbox",
            secret="whsec_example",
            events=["story.new"],
            scanned_until=now,
            created_at=now - timedelta(days=9),
            failures=10,
            paused_at=now - timedelta(hours=5),
            last_error="HTTP 410",
        )
        shown = [
            (active, "story.new", "delivered", 200, 1, 20),
            (active, "story.new", "delivered", 200, 2, 95),
            (active, "ping", "delivered", 204, 1, 300),
            (paused, "story.new", "failed", 410, 1, 310),
            (paused, "story.new", "failed", 410, 1, 330),
        ]
        for number, (hook, event, status, code, attempts, minutes) in enumerate(shown):
            WebhookDelivery.objects.create(
                hook=hook,
                event=event,
                subject=f"shot:{number}",
                status=status,
                last_status=code,
                attempts=attempts,
                created_at=now - timedelta(minutes=minutes),
            )


if __name__ == "__main__":
    main()
