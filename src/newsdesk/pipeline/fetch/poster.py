"""POSTing to untrusted URLs (webhooks) under the same address guard and limits as fetching.

A :class:`Poster` sends one request body to one URL and reads at most a few kilobytes of the
answer. It never follows a redirect (the answer's status is what counts), never reaches an
address the guard blocks, and gives up at the policy's total deadline (or a shorter one).
Transport problems raise :class:`~newsdesk.errors.FetchError` subclasses, as fetching does.
The answer's ``Retry-After`` header is kept as sent (``pipeline.webhooks.retry_after_seconds``
reads it).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from types import TracebackType

import httpx

from newsdesk.errors import FetchError
from newsdesk.pipeline.fetch.decoding import BodyLimits, read_body
from newsdesk.pipeline.fetch.guard import AddressGuard, Resolver
from newsdesk.pipeline.fetch.network import GuardedBackend, deadline_scope
from newsdesk.pipeline.fetch.policy import FetchPolicy
from newsdesk.pipeline.fetch.transport import GuardedTransport
from newsdesk.pipeline.fetch.urls import check_url

ANSWER_BYTES = 4096


@dataclass(frozen=True)
class PostResult:
    status: int
    body: bytes  # the first bytes of the answer (at most ANSWER_BYTES)
    elapsed: float
    retry_after: str = ""  # the answer's Retry-After header, as sent ("" when none)


class Poster:
    """Sends POST requests under a :class:`FetchPolicy`. Thread-safe; close it (or use ``with``)."""

    def __init__(self, policy: FetchPolicy, *, resolver: Resolver | None = None) -> None:
        self.policy = policy
        self._guard = AddressGuard(policy.allow_networks, resolver)
        self._transport = GuardedTransport(
            GuardedBackend(self._guard),
            httpx.create_ssl_context(trust_env=False),
            http2=False,
        )

    def __enter__(self) -> Poster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()
        self._guard.close()

    def post(
        self, url: str, body: bytes, headers: dict[str, str], *, timeout: float | None = None
    ) -> PostResult:
        """POST ``body`` to ``url``; any status comes back, transport failures raise."""
        total = self.policy.total_timeout if timeout is None else timeout
        started = time.monotonic()
        deadline = started + min(total, self.policy.total_timeout)
        target = check_url(url)
        left = max(0.001, deadline - time.monotonic())
        phases = {
            "connect": min(self.policy.connect_timeout, left),
            "read": min(self.policy.read_timeout, left),
            "write": min(self.policy.read_timeout, left),
            "pool": min(self.policy.connect_timeout, left),
        }
        sent = {"User-Agent": self.policy.user_agent, **headers}
        with deadline_scope(deadline):
            try:
                request = httpx.Request(
                    "POST", target, content=body, headers=sent, extensions={"timeout": phases}
                )
                response = self._transport.handle_request(request)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:
                raise FetchError(f"request to {target} failed: {e}") from e
            try:
                limits = BodyLimits(ANSWER_BYTES, ANSWER_BYTES, deadline, truncate=True)
                answer = read_body(response.iter_raw(), "", limits)
            except (httpx.HTTPError, httpx.StreamError) as e:
                raise FetchError(f"reading the answer failed: {e}") from e
            finally:
                response.close()
        retry_after = response.headers.get("Retry-After", "").strip()
        return PostResult(response.status_code, answer, time.monotonic() - started, retry_after)


def vet_target(url: str, policy: FetchPolicy, *, resolver: Resolver | None = None) -> str:
    """``url`` normalised, once its host resolves only to addresses the policy allows; raises
    :class:`~newsdesk.errors.InvalidURLError` or a :class:`FetchError` (blocked, no address)."""
    from urllib.parse import urlsplit

    target = check_url(url)
    parts = urlsplit(target)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    guard = AddressGuard(policy.allow_networks, resolver)
    try:
        guard.vetted_addresses(parts.hostname or "", port, time.monotonic() + 10.0)
    finally:
        guard.close()
    return target
