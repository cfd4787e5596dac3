"""robots.txt for article pages (RFC 9309), cached per origin.

The file is fetched through the fetcher's own safe path (address guard, caps, deadline,
politeness), parsed with protego, and kept for a TTL. protego matches as the RFC says: the
longest matching rule wins (Allow on a tie), ``*`` and a final ``$`` are patterns, paths compare
case-sensitively after percent-encoding is normalised, and every group naming the agent counts.
What the status means:

* 2xx: the rules in the file apply; only the first 500 KiB are read (the least the RFC asks a
  crawler to parse), and a line cut by that cap is dropped rather than read half;
* 4xx other than 429: "unavailable", everything is allowed;
* 429, 5xx, a network failure or a timeout: "unreachable", everything is disallowed, and the
  answer is kept only briefly (:data:`UNREACHABLE_TTL`) so the host is asked again soon;
* more redirects than allowed: unavailable, everything is allowed (the RFC's "MAY").

Groups are matched by the product token of the user agent (``newsdesk`` for
``newsdesk/0.1``), case-insensitively, falling back to ``*``. Crawl-delay is not used: pacing
per host is the fetcher's own (``FetchPolicy.per_host_delay``, decision 34).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from protego import Protego

from newsdesk.errors import (
    BlockedAddressError,
    FetchError,
    InvalidURLError,
    TooManyRedirectsError,
)
from newsdesk.types import FetchResult

ROBOTS_MAX_BYTES = 500 * 1024
UNREACHABLE_TTL = 300.0

RobotsFetch = Callable[[str, float], FetchResult]
"""Fetches a robots.txt URL within a deadline; raises FetchError subclasses."""


def agent_token(user_agent: str) -> str:
    """The product token of a User-Agent string: ``newsdesk`` for ``newsdesk/0.1 (+url)``."""
    token = user_agent.strip().split("/", 1)[0].split(" ", 1)[0]
    return token.lower() or "*"


class RobotsRules:
    """The rules of one robots.txt file, for any user agent's product token."""

    def __init__(self, parser: Protego) -> None:
        self._parser = parser

    @classmethod
    def parse(cls, content: bytes) -> RobotsRules:
        """Rules from the file's bytes (UTF-8; undecodable bytes do not void the other lines).

        A body of :data:`ROBOTS_MAX_BYTES` or more was cut by the cap: its last, partial line
        is dropped, since half a path can allow or disallow more than the whole one.
        """
        if len(content) >= ROBOTS_MAX_BYTES:
            content = content[:ROBOTS_MAX_BYTES].rpartition(b"\n")[0]
        text = content.decode("utf-8", errors="replace").lstrip("\ufeff")
        return cls(Protego.parse(text))

    def allows(self, token: str, url: str) -> bool:
        """Whether the agent whose product token is ``token`` may fetch ``url``."""
        return bool(self._parser.can_fetch(url, token))


class _Answer:
    """What one robots.txt says: its rules, or a blanket allow or disallow."""

    def __init__(self, rules: RobotsRules | None, allow_all: bool, expires: float) -> None:
        self.rules = rules
        self.allow_all = allow_all
        self.expires = expires

    def allows(self, token: str, url: str) -> bool:
        if self.rules is None:
            return self.allow_all
        return self.rules.allows(token, url)


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
            return _Answer(RobotsRules.parse(result.content), True, now + self._ttl)
        if 400 <= result.status < 500 and result.status != 429:
            return _Answer(None, True, now + self._ttl)
        return _Answer(None, False, now + min(self._ttl, UNREACHABLE_TTL))
