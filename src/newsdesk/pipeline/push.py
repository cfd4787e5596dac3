"""Web Push messages as newsdesk sends them: the site's VAPID key pair, a subscription's keys
checked, and one push request built (encrypted body and signed headers), ready to POST.

- Encryption: pywebpush's ``WebPusher.encode`` (``aes128gcm``, RFC 8188 and RFC 8291, through
  ``http_ece``), with the subscription's ``p256dh`` and ``auth`` keys. Only the browser that made
  the subscription can read the body; the push service sees an opaque blob.
- Signature: py-vapid's RFC 8292 ``vapid t=<JWT>,k=<public key>`` header; the JWT (ES256 with the
  site's private key) names the push service's origin (``aud``), an expiry (``exp``, 12 hours
  ahead) and who runs the site (``sub``: an https address or a ``mailto:``).
- The site's key pair: a P-256 private key kept as PKCS#8 PEM, and its public key as the
  browser wants it for ``applicationServerKey`` (the uncompressed point, base64url).

This module makes no request and knows no database: ``desk.readers.push_deliveries`` keeps the
keys, and POSTs what ``push_request`` builds through the fetch stage's guarded poster. pywebpush,
py-vapid, http_ece and cryptography are used here only.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdesk.errors import NewsdeskError

if TYPE_CHECKING:  # cryptography loads with the first key or subscription checked
    from cryptography.hazmat.primitives.asymmetric import ec

TOKEN_LIFETIME = 12 * 3600  # seconds a VAPID token is valid (RFC 8292 allows up to 24 hours)
MAX_PAYLOAD = 3000  # bytes of JSON before encryption; push services take 4,096 encrypted bytes
MAX_TEXT = 300  # characters of a notification's body kept when a payload is too long
GONE_STATUSES = (404, 410)  # the push service no longer knows the subscription


class PushError(NewsdeskError):
    """A subscription that cannot be used (bad keys, a bad endpoint) or a key that cannot be
    read."""


@dataclass(frozen=True)
class SiteKeys:
    """The site's VAPID key pair: the private key as PEM, the public key as base64url."""

    private_pem: str
    public_key: str


@dataclass(frozen=True)
class Subscription:
    endpoint: str
    p256dh: str  # the browser's P-256 public key, base64url (65 bytes decoded)
    auth: str  # the browser's authentication secret, base64url (16 bytes decoded)


@dataclass(frozen=True)
class PushRequest:
    url: str
    body: bytes
    headers: dict[str, str]


def new_site_keys() -> SiteKeys:
    """A fresh P-256 key pair for the site."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SiteKeys(private_pem=pem.decode("ascii"), public_key=public_key_of(private))


def public_key_of(private: ec.EllipticCurvePrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    point = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    padded = text.strip() + "=" * (-len(text.strip()) % 4)
    try:
        return base64.urlsafe_b64decode(padded.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError) as e:
        raise PushError("not base64url") from e


def check_subscription(subscription: Subscription) -> Subscription:
    """The subscription as given, if its endpoint is an http(s) address and its keys are a
    P-256 point and a 16-byte secret; otherwise a ``PushError`` saying what is wrong."""
    from cryptography.hazmat.primitives.asymmetric import ec

    parts = urlsplit(subscription.endpoint)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise PushError("The subscription's endpoint is not an http(s) address.")
    try:
        point = b64url_decode(subscription.p256dh)
        secret = b64url_decode(subscription.auth)
    except PushError as e:
        raise PushError("The subscription's keys are not base64url.") from e
    if len(point) != 65 or point[0] != 4:
        raise PushError("The subscription's p256dh key is not a P-256 public key.")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as e:
        raise PushError("The subscription's p256dh key is not on the P-256 curve.") from e
    if len(secret) != 16:
        raise PushError("The subscription's auth secret is not 16 bytes.")
    return subscription


def payload_bytes(message: dict[str, object]) -> bytes:
    """The message as compact JSON, its ``body`` shortened if the whole is too long to push."""
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(data) <= MAX_PAYLOAD:
        return data
    shorter = dict(message, body=str(message.get("body", ""))[:MAX_TEXT])
    data = json.dumps(shorter, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(data) > MAX_PAYLOAD:
        raise PushError(f"A push message of {len(data)} bytes is too long to send.")
    return data


def push_request(
    subscription: Subscription,
    payload: bytes,
    keys: SiteKeys,
    contact: str,
    now: int,
    *,
    ttl: int,
    urgency: str = "normal",
    topic: str = "",
) -> PushRequest:
    """The POST that delivers ``payload`` to ``subscription``: its body encrypted for the
    subscription's keys, signed with the site's key for the endpoint's origin, ``contact`` as
    the token's ``sub``; ``now`` in unix seconds. ``topic`` (at most 32 base64url characters)
    lets the push service replace an undelivered message of the same topic."""
    from py_vapid import Vapid02
    from pywebpush import WebPusher, WebPushException

    check_subscription(subscription)
    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        encoded = WebPusher(info).encode(payload, "aes128gcm")
    except WebPushException as e:
        raise PushError(f"The message cannot be encrypted for this subscription: {e}") from e
    parts = urlsplit(subscription.endpoint)
    claims = {"aud": f"{parts.scheme}://{parts.netloc}", "exp": now + TOKEN_LIFETIME}
    claims["sub"] = contact
    signer = Vapid02(_private_key(keys))
    headers = {
        **signer.sign(claims),
        "Content-Type": "application/octet-stream",
        "Content-Encoding": "aes128gcm",
        "TTL": str(ttl),
        "Urgency": urgency,
    }
    if topic:
        headers["Topic"] = topic[:32]
    return PushRequest(url=subscription.endpoint, body=bytes(encoded["body"]), headers=headers)


def _private_key(keys: SiteKeys) -> ec.EllipticCurvePrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        key = serialization.load_pem_private_key(keys.private_pem.encode("ascii"), password=None)
    except (ValueError, TypeError) as e:
        raise PushError("The site's push key cannot be read.") from e
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise PushError("The site's push key is not an elliptic-curve key.")
    return key
