"""Screenshots of the notifications page (/me/notifications/) in English and in Arabic (right to
left), at phone and desktop widths: the device's state and button, the settings, two devices
subscribed and the last notifications (sent, held for quiet hours, stopped by the cap).

Serves newsdesk on 127.0.0.1 with the articles of ``bench/screenshots.py``, makes two readers
(one reading English, one Arabic) with two subscribed browsers and a few notices each, signs
each in through the sign-in page in Debian's Chromium and writes
docs/screenshots/notifications-{phone,desktop}.png and notifications-ar-{phone,desktop}.png.

    .venv/bin/python bench/screenshots_push.py [--out docs/screenshots]
"""

from __future__ import annotations  # noqa: I001 (_common puts the checkout on sys.path first)

import argparse
import tempfile
from pathlib import Path

from _common import REPO, setup_django
from screenshots import shoot_signed_in
from tests.web.site import start_site

PASSWORD = "a long reader password 7"
READERS = {
    "notifications": ("push@example.test", "en"),
    "notifications-ar": ("push-ar@example.test", "ar"),
}
NOTICES = [
    ("story", "Harbour bridge reopens after two years", "New sources: Coast Gazette", "sent", 12),
    ("topic", "New ferries ordered for the island routes", "", "sent", 70),
    ("rule", "Council approves the night bus plan", "", "waiting", 5),
    ("place", "Floods close the coast road", "", "capped", 400),
]


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
            shoot_signed_in(
                site.url,
                args.out,
                READERS,
                PASSWORD,
                "/me/notifications/",
                ready="[data-push-status]",
            )
        finally:
            site.stop()


def add_readers() -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from tests.support.push import browser_keys

    from newsdesk.desk.readers import push
    from newsdesk.readers.models import Reader
    from newsdesk.readers.push import PushNotice, PushSubscription

    now = timezone.now()
    for email, language in READERS.values():
        user = get_user_model().objects.create_user(email, email, PASSWORD)
        Reader.objects.update_or_create(user=user, defaults={"languages": [language]})
        push.settings_of(user, now, create=True)
        for number, device in enumerate(("Chrome · Android", "Firefox · Linux")):
            PushSubscription.objects.create(
                user=user,
                endpoint=f"https://push.example.org/{email}/{number}",
                device=device,
                created_at=now - timedelta(days=10 - number),
                last_sent_at=now - timedelta(minutes=12),
                **browser_keys(),
            )
        for number, (kind, title, body, status, minutes) in enumerate(NOTICES):
            PushNotice.objects.create(
                user=user,
                kind=kind,
                subject=f"shot:{number}",
                title=title,
                body=body,
                url=f"/story/{number + 1}/",
                status=status,
                send_after=now + timedelta(days=1) if status == "waiting" else now,
                created_at=now - timedelta(minutes=minutes),
                released_at=None if status == "waiting" else now - timedelta(minutes=minutes),
            )


if __name__ == "__main__":
    main()
