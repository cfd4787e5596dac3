"""What one Web Push message costs the worker before it leaves: ``pipeline.push.push_request``
(the payload encrypted for the browser, aes128gcm with a fresh ECDH key, and the VAPID token
signed with ES256), against a webhook's HMAC-SHA256 signature of the same JSON
(``pipeline.webhooks.signature_header``) as the reference, timed in turn in every round so a
busy machine slows both alike.

    .venv/bin/python bench/push_cost.py [--messages 500] [--rounds 5]

The figures are microseconds per message, the best round's mean, wall and CPU (process time).
No request is made: the POST is the push service's round trip, the same for both.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from newsdesk.pipeline.push import Subscription, b64url, new_site_keys, payload_bytes, push_request
from newsdesk.pipeline.webhooks import new_secret, signature_header


def browsers(count: int) -> list[Subscription]:
    made = []
    for number in range(count):
        key = ec.generate_private_key(ec.SECP256R1()).public_key()
        point = key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        endpoint = f"https://push.example.org/send/{number}"
        made.append(Subscription(endpoint, b64url(point), b64url(os.urandom(16))))
    return made


def timed(work: Callable[[], object], count: int) -> tuple[float, float]:
    """(wall, CPU) microseconds per message."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return (
        (time.perf_counter() - wall) / count * 1e6,
        (time.process_time() - cpu) / count * 1e6,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    keys, secret = new_site_keys(), new_secret()
    subscriptions = browsers(args.messages)
    payload = payload_bytes(
        {
            "title": "Harbour bridge reopens after two years of repairs",
            "body": "New sources: Coast Gazette, Bay Radio",
            "url": "https://news.example.org/story/4242/",
            "tag": "story-4242",
            "kind": "story",
        }
    )
    now = int(time.time())

    def push() -> None:
        for subscription in subscriptions:
            push_request(subscription, payload, keys, "mailto:ops@example.org", now, ttl=43200)

    def hook() -> None:
        for _ in subscriptions:
            signature_header(secret, now, payload)

    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.rounds):
        for name, work in (("webhook signature (reference)", hook), ("push request", push)):
            figures = timed(work, args.messages)
            if name not in best or figures[0] < best[name][0]:
                best[name] = figures
    reference = best["webhook signature (reference)"]
    print(f"{len(payload)} bytes of JSON, {args.messages} messages, best of {args.rounds}")
    print("| work | wall µs | CPU µs | wall, times reference | CPU, times reference |")
    print("|---|---:|---:|---:|---:|")
    for name, (wall, cpu) in best.items():
        print(
            f"| {name} | {wall:.1f} | {cpu:.1f} | {wall / reference[0]:.0f} | "
            f"{cpu / reference[1]:.0f} |"
        )


if __name__ == "__main__":
    main()
