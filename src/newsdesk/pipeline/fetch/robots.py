"""robots.txt for article pages (RFC 9309), cached per origin.

The file is fetched through the fetcher's own safe path (address guard, caps, deadline,
politeness), parsed with :mod:`urllib.robotparser`, and kept for a TTL. What the status means:

* 2xx: the rules in the file apply (only the first 512 KiB are read, as the RFC allows);
* 4xx other than 429: "unavailable", everything is allowed;
* 429, 5xx, a network failure or a timeout: "unreachable", everything is disallowed, and the
  answer is kept only briefly (:data:`UNREACHABLE_TTL`) so the host is asked again soon;
* more redirects than allowed: unavailable, everything is allowed (the RFC's "MAY").

Groups are matched by the product token of the user agent (``newsdesk`` for
``newsdesk/0.1``), case-insensitively, falling back to ``*``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.robotparser import RobotFileParser

from newsdesk.errors import (
    BlockedAddressError,
    FetchError,
    InvalidURLError,
    TooManyRedirectsError,
)
from newsdesk.types import FetchResult

ROBOTS_MAX_BYTES = 512 * 1024
UNREACHABLE_TTL = 300.0

RobotsFetch = Callable[[str, float], FetchResult]
"""Fetches a robots.txt URL within a deadline; raises FetchError subclasses."""


def agent_token(user_agent: str) -> str:
    """The product token of a User-Agent string: ``newsdesk`` for ``newsdesk/0.1 (+url)``."""
    token = user_agent.strip().split("/", 1)[0].split(" ", 1)[0]
    return token.lower() or "*"


class _Answer:
    """What one robots.txt says: a parser, or a blanket allow or disallow."""

    def __init__(self, parser: RobotFileParser | None, allow_all: bool, expires: float) -> None:
        self.parser = parser
        self.allow_all = allow_all
        self.expires = expires

    def allows(self, token: str, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(token, url)


class RobotsCache:
    """Answers "may this page be fetched?" per origin, fetching robots.txt at most once per TTL."""

    def __init__(
        self,
        fetch: RobotsFetch,
        user_agent: str,
        *,
        ttl: float,
        max_origins: int = 4096,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._token = agent_token(user_agent)
        self._ttl = ttl
        self._max_origins = max_origins
        self._clock = clock
        self._answers: OrderedDict[str, _Answer] = OrderedDict()
        self._origin_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, origin: str, url: str, deadline: float) -> bool:
        """Whether ``url`` (on ``origin``, ``scheme://host[:port]``) may be fetched."""
        answer = self._cached(origin)
        if answer is None:
            with self._origin_lock(origin):
                answer = self._cached(origin) or self._refresh(origin, deadline)
        return answer.allows(self._token, url)

    def _cached(self, origin: str) -> _Answer | None:
        with self._lock:
            answer = self._answers.get(origin)
            if answer is not None and answer.expires > self._clock():
                return answer
            return None

    def _origin_lock(self, origin: str) -> threading.Lock:
        with self._lock:
            return self._origin_locks.setdefault(origin, threading.Lock())

    def _refresh(self, origin: str, deadline: float) -> _Answer:
        answer = self._ask(origin, deadline)
        with self._lock:
            self._answers[origin] = answer
            self._answers.move_to_end(origin)
            while len(self._answers) > self._max_origins:
                stale, _ = self._answers.popitem(last=False)
                self._origin_locks.pop(stale, None)
        return answer

    def _ask(self, origin: str, deadline: float) -> _Answer:
        now = self._clock()
        try:
            result = self._fetch(f"{origin}/robots.txt", deadline)
        except (BlockedAddressError, InvalidURLError):
            raise
        except TooManyRedirectsError:
            return _Answer(None, True, now + self._ttl)
        except FetchError:
            return _Answer(None, False, now + min(self._ttl, UNREACHABLE_TTL))
        if result.ok:
            return _Answer(_parse(result.content), True, now + self._ttl)
        if 400 <= result.status < 500 and result.status != 429:
            return _Answer(None, True, now + self._ttl)
        return _Answer(None, False, now + min(self._ttl, UNREACHABLE_TTL))


def _parse(content: bytes) -> RobotFileParser:
    parser = RobotFileParser()
    text = content.decode("utf-8", errors="replace").lstrip("\ufeff")
    parser.parse(text.splitlines())
    return parser
