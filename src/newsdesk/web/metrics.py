"""Prometheus metrics: ``/metrics`` in the text format, written by ``prometheus_client``.

Two kinds of figures:

- **Requests** (``newsdesk_http_requests_total``, ``newsdesk_http_request_duration_seconds``)
  are counted by each web process as it answers (``web.access``), labelled by the URL pattern
  that answered, never the raw path. With ``PROMETHEUS_MULTIPROC_DIR`` set (a server with
  several web processes sets it before they start), every process writes its counts to files
  there and a scrape of any process adds them all up: prometheus_client's multiprocess mode.
  The variable is the library's, read by it (see ``multiprocess_mode``), not a newsdesk
  setting.
- **The work** (feed checks, articles, stories, the queue, model calls) is read from the
  database at scrape time by ``WorkCollector`` through ``desk``, so it is the same whichever
  process is scraped and true across every worker on every machine.

Access: only from an allow-listed network (``NEWSDESK_METRICS_ALLOW``, loopback by default), by
the connection's own address — a request carrying a forwarding header (X-Forwarded-For,
Forwarded, X-Real-IP) came through a proxy and is never let in by address — or with
``Authorization: Bearer <NEWSDESK_METRICS_TOKEN>``. Anyone else gets the site's ordinary 404.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import time
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector, values
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from newsdesk.desk.monitoring import WorkFigures, work_figures
from newsdesk.desk.queue import QueueFigures, queue_figures

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

# Not registered anywhere at import: the scrape registry below takes them in.
REQUESTS = Counter(
    "newsdesk_http_requests",
    "HTTP requests answered, by method, URL pattern and status.",
    ["method", "route", "status"],
    registry=None,
)
LATENCY = Histogram(
    "newsdesk_http_request_duration_seconds",
    "Time from the request reaching newsdesk to its response, by method and URL pattern.",
    ["method", "route"],
    registry=None,
)


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request (any method outside the usual ones counts as OTHER)."""
    method = method if method in METHODS else "OTHER"
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


def metrics(request: HttpRequest) -> HttpResponse:
    """The scrape, for a client ``scrape_allowed`` lets in: the Prometheus text format, or
    OpenMetrics when the scraper asks for it."""
    registry = scrape_registry()
    encode, content_type = choose_encoder(request.META.get("HTTP_ACCEPT", ""))
    return HttpResponse(encode(registry), content_type=content_type)


def scrape_allowed(request: HttpRequest) -> bool:
    """The right token, or a direct connection from an allowed network."""
    token, given = settings.NEWSDESK.metrics_token, _bearer(request)
    if token and given is not None and hmac.compare_digest(given, token.encode()):
        return True
    if any(header in request.META for header in FORWARDING_HEADERS):
        return False
    return _address_allowed(request.META.get("REMOTE_ADDR", ""), settings.NEWSDESK.metrics_allow)


def _bearer(request: HttpRequest) -> bytes | None:
    scheme, _, credentials = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    return credentials.strip().encode() if scheme.lower() == "bearer" else None


def _address_allowed(address: str, allowed: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in network for network in _networks(allowed))


@functools.cache
def _networks(
    allowed: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in allowed)


def multiprocess_mode() -> bool:
    """Whether this process's request figures go to files in ``PROMETHEUS_MULTIPROC_DIR``.

    prometheus_client reads that variable itself, once, when it is first imported: a server
    may set it after newsdesk's settings are read, as long as it is before its processes start
    answering. So the library's own choice is the one followed here.
    """
    return bool(getattr(values.ValueClass, "_multiprocess", False))


@functools.cache
def scrape_registry() -> CollectorRegistry:
    """What a scrape reports: request figures (this process's, or all processes' from the
    multiprocess directory), this process's CPU and memory (single-process only), the work."""
    registry = CollectorRegistry()
    if multiprocess_mode():
        MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
        ProcessCollector(registry=registry)
    registry.register(WorkCollector())
    return registry


class WorkCollector(Collector):
    """The work, read from the database at each scrape (see ``desk.monitoring``)."""

    def collect(self) -> Iterator[Metric]:
        started = time.perf_counter()
        try:
            work, queue = work_figures(), queue_figures()
        except DatabaseError:
            yield _gauge("newsdesk_database_up", "1 when the work figures could be read.", 0)
            return
        yield _gauge("newsdesk_database_up", "1 when the work figures could be read.", 1)
        yield from _work_metrics(work)
        yield from _queue_metrics(queue)
        yield _gauge(
            "newsdesk_metrics_read_seconds",
            "Time this scrape took to read the work figures from the database.",
            time.perf_counter() - started,
        )


def _work_metrics(work: WorkFigures) -> Iterator[Metric]:
    checks = CounterMetricFamily(
        "newsdesk_feed_checks", "Feed checks made, by outcome.", labels=["outcome"]
    )
    for outcome, count in work.feed_checks.items():
        checks.add_metric([outcome], count)
    yield checks
    feeds = "Feeds by how their last check went (or their status)."
    yield _by_label("newsdesk_feeds", feeds, "state", work.feeds)
    articles = "Articles by status: pending (waiting for their page), ready, failed."
    yield _by_label("newsdesk_articles", articles, "status", work.articles)
    yield _gauge(
        "newsdesk_articles_unplaced",
        "Ready articles waiting to be placed in a story.",
        work.articles_unplaced,
    )
    yield CounterMetricFamily(
        "newsdesk_story_placements", "Articles placed in a story.", value=work.placements
    )
    stories = "Stories, live or merged into another."
    yield _by_label("newsdesk_stories", stories, "state", work.stories)
    yield CounterMetricFamily(
        "newsdesk_ai_calls", "Calls made to the model endpoint.", value=work.ai_calls
    )
    yield _gauge(
        "newsdesk_ai_budget_remaining",
        "Model calls still allowed today (UTC) under the daily budget.",
        work.ai_budget_left,
    )
    yield _gauge("newsdesk_ai_daily_budget", "Model calls allowed a day.", work.ai_daily_budget)


def _queue_metrics(queue: QueueFigures) -> Iterator[Metric]:
    yield _by_label(
        "newsdesk_queue_jobs", "Jobs due and waiting for a worker, by queue.", "queue", queue.depth
    )
    yield _gauge(
        "newsdesk_queue_oldest_due_job_age_seconds",
        "How long the oldest due job has waited for a worker (0 when none waits).",
        queue.oldest_due_age or 0.0,
    )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _by_label(name: str, documentation: str, label: str, counts: dict[str, int]) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for key, count in counts.items():
        family.add_metric([key], count)
    return family
