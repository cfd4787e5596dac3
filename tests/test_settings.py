"""Settings come from the environment once, with clear errors for values that cannot work."""

from pathlib import Path

import pytest

from newsdesk.errors import ConfigurationError
from newsdesk.settings import Settings


def test_defaults_and_overrides() -> None:
    defaults = Settings.from_env({})
    assert defaults.host_delay == 0.25 and defaults.host_concurrency == 2
    assert defaults.fetch_allow_networks == () and defaults.database_url == ""
    assert defaults.page_cache_seconds == 30
    custom = Settings.from_env({
        "NEWSDESK_DATA_DIR": "/srv/news", "NEWSDESK_FETCH_ALLOW": "10.0.0.0/8, 127.0.0.1/32",
        "NEWSDESK_HOST_DELAY": "1.5", "NEWSDESK_WORKERS": "4", "NEWSDESK_JOB_LEASE": "120",
    })  # fmt: skip
    assert custom.data_dir == Path("/srv/news")
    assert custom.sqlite_path == Path("/srv/news/newsdesk.sqlite3")
    assert custom.fetch_allow_networks == ("10.0.0.0/8", "127.0.0.1/32")
    assert (custom.host_delay, custom.workers, custom.job_lease) == (1.5, 4, 120.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [("NEWSDESK_WORKERS", "two"), ("NEWSDESK_HOST_DELAY", "soon"), ("NEWSDESK_JOB_LEASE", "1h")],
)
def test_bad_values_are_clear_errors(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env({name: value})


def test_the_fetcher_gets_the_politeness_settings(settings) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from newsdesk.desk.runtime import fetch_policy

    settings.NEWSDESK = replace(settings.NEWSDESK, host_delay=2.0, host_concurrency=1)
    policy = fetch_policy()
    assert (policy.per_host_delay, policy.per_host_concurrency) == (2.0, 1)


def test_mail_and_cache_settings() -> None:
    from newsdesk.conf.settings import _cache, _smtp
    from newsdesk.settings import SMTP_BACKEND

    plain = Settings.from_env({})
    assert plain.email_backend.endswith("console.EmailBackend")
    assert _cache(plain)["BACKEND"].endswith("LocMemCache")
    shared = Settings.from_env({
        "NEWSDESK_SMTP_URL": "smtps://news%40desk:p%3Ass@mail.example.org",
        "NEWSDESK_CACHE_URL": "redis://127.0.0.1:6379/3",
    })  # fmt: skip
    assert shared.email_backend == SMTP_BACKEND
    mail = _smtp(shared)
    assert (mail["EMAIL_HOST"], mail["EMAIL_PORT"]) == ("mail.example.org", 465)
    assert (mail["EMAIL_HOST_USER"], mail["EMAIL_HOST_PASSWORD"]) == ("news@desk", "p:ss")
    assert mail["EMAIL_USE_SSL"] and not mail["EMAIL_USE_TLS"]
    assert _smtp(Settings.from_env({"NEWSDESK_SMTP_URL": "smtp://mx"}))["EMAIL_PORT"] == 587
    assert _cache(shared) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "newsdesk",
    }
    with pytest.raises(ConfigurationError, match="NEWSDESK_CACHE_URL"):
        Settings.from_env({"NEWSDESK_CACHE_URL": "memcached://127.0.0.1"})


def test_limits_are_shared_through_redis() -> None:
    """Two processes' caches on one Redis server count one limit: the 3rd call is refused."""
    from django.core.cache.backends.redis import RedisCache
    from django.http import HttpRequest

    from newsdesk.api.auth import VisitorThrottle

    location = "redis://127.0.0.1:6379/15"
    caches = [RedisCache(location, {"KEY_PREFIX": "newsdesk-test"}) for _ in range(2)]
    caches[0].clear()
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "203.0.113.9"
    answers = []
    for turn in range(3):
        throttle = VisitorThrottle("2/m")
        throttle.cache = caches[turn % 2]
        answers.append(throttle.allow_request(request))
    caches[0].clear()
    assert answers == [True, True, False]


def test_queue_and_claim_settings() -> None:
    plain = Settings.from_env({})
    assert (plain.queue, plain.queue_url, plain.claim_ttl) == ("database", "", 60.0)
    broker = Settings.from_env({
        "NEWSDESK_QUEUE": "redis", "NEWSDESK_QUEUE_URL": "redis://127.0.0.1:6379/1",
        "NEWSDESK_CLAIM_TTL": "20",
    })  # fmt: skip
    assert (broker.queue, broker.queue_url, broker.claim_ttl) == (
        "redis",
        "redis://127.0.0.1:6379/1",
        20.0,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSDESK_QUEUE": "kafka"}, "NEWSDESK_QUEUE must be one of database, redis"),
        ({"NEWSDESK_QUEUE": "redis"}, "NEWSDESK_QUEUE=redis needs NEWSDESK_QUEUE_URL"),
        ({"NEWSDESK_QUEUE": "redis", "NEWSDESK_QUEUE_URL": "127.0.0.1:6379"}, "redis://"),
        ({"NEWSDESK_CLAIM_TTL": "1"}, "NEWSDESK_CLAIM_TTL must be between 3 seconds"),
        ({"NEWSDESK_CLAIM_TTL": "900"}, r"NEWSDESK_JOB_LEASE \(600\)"),
        ({"NEWSDESK_CLAIM_TTL": "soon"}, "NEWSDESK_CLAIM_TTL must be a whole number"),
    ],
)
def test_bad_queue_settings_are_clear_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Settings.from_env(env)
