"""The :class:`Fetcher`: safe, bounded, polite HTTP GETs that return a :class:`FetchResult`.

One fetcher is shared by all worker threads. It owns one httpx client over a keep-alive pool of
guarded connections (see :mod:`.network`), a per-host gate (:mod:`.politeness`) and the
robots.txt cache (:mod:`.robots`). A fetch follows redirects itself, hop by hop, so each hop is
re-checked (URL, address, politeness, robots for pages) and the permanence of the chain is known.
Any HTTP status comes back as a result; only transport failures raise.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from urllib.parse import urljoin

import httpx

from newsdesk.errors import (
    FetchError,
    InvalidURLError,
    ResponseTooLargeError,
    RobotsDisallowedError,
    TooManyRedirectsError,
)
from newsdesk.pipeline.fetch.decoding import BodyLimits, accept_encoding, read_body
from newsdesk.pipeline.fetch.guard import AddressGuard, Resolver
from newsdesk.pipeline.fetch.network import GuardedBackend, deadline_scope
from newsdesk.pipeline.fetch.policy import FetchPolicy
from newsdesk.pipeline.fetch.politeness import HostGate
from newsdesk.pipeline.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache
from newsdesk.pipeline.fetch.transport import GuardedTransport
from newsdesk.pipeline.fetch.urls import check_url, host_of, origin_of
from newsdesk.types import FetchResult, Validators

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
REDIRECT_BODY_LIMIT = 64 * 1024

HopCheck = Callable[[str, float], None]


@dataclass(frozen=True)
class _Reply:
    """One hop's answer: status, the headers the fetcher uses, and the body read so far."""

    status: int
    headers: dict[str, str]
    content: bytes


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`. Thread-safe; close it (or use ``with``).

    ``resolver`` maps ``(host, port)`` to IP address strings (default: the system resolver);
    ``ssl_context`` replaces the default certificate store (certifi), e.g. for a private CA.
    """

    def __init__(
        self,
        policy: FetchPolicy = FetchPolicy(),  # noqa: B008 - frozen, so a shared default is safe
        *,
        resolver: Resolver | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.policy = policy
        self._guard = AddressGuard(policy.allow_networks, resolver)
        self._transport = GuardedTransport(
            GuardedBackend(self._guard),
            ssl_context or httpx.create_ssl_context(trust_env=False),
            http2=True,
        )
        self._base_headers = {
            "User-Agent": policy.user_agent,
            "Accept-Encoding": accept_encoding(),
        }
        self._gate = HostGate(policy.per_host_concurrency, policy.per_host_delay)
        self._robots = RobotsCache(self._fetch_robots, policy.user_agent, ttl=policy.robots_ttl)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection and the resolver threads."""
        self._transport.close()
        self._guard.close()

    def fetch(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
        timeout: float | None = None,
    ) -> FetchResult:
        """GET ``url`` (a conditional GET when ``validators`` are given), following redirects.

        ``max_bytes`` and ``timeout`` tighten the policy's body caps and total deadline for this
        call (an image is smaller than a feed); they never loosen them.
        """
        total = (
            self.policy.total_timeout
            if timeout is None
            else min(timeout, self.policy.total_timeout)
        )
        deadline = time.monotonic() + total
        limits = None
        if max_bytes is not None:
            policy = self.policy
            limits = BodyLimits(
                min(max_bytes, policy.max_bytes),
                min(max_bytes, policy.max_decompressed_bytes),
                deadline,
            )
        return self._fetch(url, validators, accept, deadline, limits=limits)

    def fetch_page(self, url: str) -> FetchResult:
        """GET an article page, after robots.txt allows it (on every redirect hop too).

        Raises :class:`RobotsDisallowedError` when the host's robots.txt forbids the page.
        """
        deadline = time.monotonic() + self.policy.total_timeout
        hop_check = self._require_robots if self.policy.obey_robots else None
        return self._fetch(url, None, PAGE_ACCEPT, deadline, hop_check=hop_check)

    def _fetch(
        self,
        url: str,
        validators: Validators | None,
        accept: str,
        deadline: float,
        *,
        hop_check: HopCheck | None = None,
        limits: BodyLimits | None = None,
    ) -> FetchResult:
        started = time.monotonic()
        sent = validators or Validators()
        headers = _request_headers(accept, sent)
        limits = limits or BodyLimits(
            self.policy.max_bytes, self.policy.max_decompressed_bytes, deadline
        )
        current = check_url(url)
        hops = 0
        permanent = True
        with deadline_scope(deadline):
            while True:
                if hop_check is not None:
                    hop_check(current, deadline)
                reply = self._exchange(current, headers, limits)
                target = _redirect_target(reply, current)
                if target is None:
                    break
                hops += 1
                if hops > self.policy.max_redirects:
                    raise TooManyRedirectsError(
                        f"more than {self.policy.max_redirects} redirects from {url}"
                    )
                permanent = permanent and reply.status in PERMANENT_REDIRECTS
                current = target
        return FetchResult(
            url=url,
            final_url=current,
            status=reply.status,
            content=reply.content,
            content_type=reply.headers.get("content-type", ""),
            validators=_result_validators(reply, sent),
            permanent_url=current if hops and permanent else "",
            retry_after=_retry_after(reply),
            elapsed=time.monotonic() - started,
            redirects=hops,
            links=reply.headers.get("link", ""),
        )

    def _exchange(self, url: str, headers: dict[str, str], limits: BodyLimits) -> _Reply:
        """One request/response on one hop, holding the host's politeness slot throughout."""
        with self._gate.slot(host_of(url), limits.deadline):
            try:
                request = httpx.Request(
                    "GET",
                    url,
                    headers={**self._base_headers, **headers},
                    extensions={"timeout": self._timeouts(limits.deadline)},
                )
                response = self._transport.handle_request(request)
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:
                raise FetchError(f"request to {url} failed: {e}") from e
            try:
                return self._read_reply(response, limits)
            finally:
                response.close()

    def _read_reply(self, response: httpx.Response, limits: BodyLimits) -> _Reply:
        headers = dict(response.headers)
        status = response.status_code
        coding = headers.get("content-encoding", "")
        if status in REDIRECT_STATUSES and "location" in headers:
            # Drained (not decoded) so the connection can be reused; the content is dropped.
            limits = replace(
                limits,
                max_bytes=REDIRECT_BODY_LIMIT,
                max_decoded_bytes=REDIRECT_BODY_LIMIT,
                truncate=True,
            )
            coding = ""
        else:
            _check_declared_length(headers, limits)
        try:
            content = read_body(response.iter_raw(), coding, limits)
        except (httpx.HTTPError, httpx.StreamError) as e:
            raise FetchError(f"reading the body failed: {e}") from e
        return _Reply(status, headers, content)

    def _timeouts(self, deadline: float) -> dict[str, float]:
        """Per-phase timeouts for httpcore, none longer than what is left of the deadline."""
        left = max(0.001, deadline - time.monotonic())
        connect = min(self.policy.connect_timeout, left)
        read = min(self.policy.read_timeout, left)
        return {"connect": connect, "read": read, "write": read, "pool": connect}

    def _require_robots(self, url: str, deadline: float) -> None:
        if not self._robots.allowed(origin_of(url), url, deadline):
            raise RobotsDisallowedError(f"robots.txt of {origin_of(url)} disallows {url}")

    def _fetch_robots(self, url: str, deadline: float) -> FetchResult:
        limits = BodyLimits(ROBOTS_MAX_BYTES, ROBOTS_MAX_BYTES, deadline, truncate=True)
        return self._fetch(url, None, "text/plain", deadline, limits=limits)


def _request_headers(accept: str, validators: Validators) -> dict[str, str]:
    headers = {"Accept": accept}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _check_declared_length(headers: dict[str, str], limits: BodyLimits) -> None:
    """Refuse a body whose Content-Length already says it is over the wire cap."""
    try:
        declared = int(headers.get("content-length", "").split(",")[0])
    except ValueError:
        return
    if declared > limits.max_bytes and not limits.truncate:
        raise ResponseTooLargeError(f"Content-Length {declared} over {limits.max_bytes} bytes")


def _redirect_target(reply: _Reply, current: str) -> str | None:
    if reply.status not in REDIRECT_STATUSES or not reply.headers.get("location"):
        return None
    try:
        return check_url(urljoin(current, reply.headers["location"].strip()))
    except (InvalidURLError, ValueError) as e:
        raise InvalidURLError(f"redirect from {current} to an unusable URL: {e}") from e


def _result_validators(reply: _Reply, sent: Validators) -> Validators:
    """The response's validators on 2xx; on 304 those sent fill any gap; otherwise those sent."""
    etag = reply.headers.get("etag", "")
    last_modified = reply.headers.get("last-modified", "")
    if 200 <= reply.status < 300:
        return Validators(etag, last_modified)
    if reply.status == 304:
        return Validators(etag or sent.etag, last_modified or sent.last_modified)
    return sent


def _retry_after(reply: _Reply) -> float | None:
    if reply.status != 429 and reply.status < 500:
        return None
    return parse_retry_after(reply.headers.get("retry-after", ""))


def parse_retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delay-seconds or HTTP-date), or None."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
