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


def test_the_listening_address() -> None:
    assert (Settings.from_env({}).listen_host, Settings.from_env({}).listen_port) == (
        "127.0.0.1",
        8000,
    )
    everywhere = Settings.from_env({"NEWSDESK_LISTEN": "0.0.0.0:8080"})
    assert (everywhere.listen_host, everywhere.listen_port) == ("0.0.0.0", 8080)
    ipv6 = Settings.from_env({"NEWSDESK_LISTEN": "[::]:8000"})
    assert (ipv6.listen_host, ipv6.listen_port) == ("::", 8000)
    for bad in ("8000", "0.0.0.0", "0.0.0.0:http", ":8000", "0.0.0.0:70000"):
        with pytest.raises(ConfigurationError, match="NEWSDESK_LISTEN must be HOST:PORT"):
            Settings.from_env({"NEWSDESK_LISTEN": bad})


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
    assert _smtp(Settings.from_env({"NEWSDESK_SMTP_URL": "smtp://mx"}))["EMAIL_USE_TLS"]
    relay = _smtp(Settings.from_env({"NEWSDESK_SMTP_URL": "smtp://127.0.0.1:25?starttls=off"}))
    assert (relay["EMAIL_PORT"], relay["EMAIL_USE_TLS"], relay["EMAIL_USE_SSL"]) == (
        25,
        False,
        False,
    )
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


def test_tls_and_static_settings() -> None:
    plain = Settings.from_env({"NEWSDESK_DATA_DIR": "/srv/news"})
    assert not plain.behind_tls and plain.proxy_scheme_header == "" and plain.origins == ()
    assert plain.static_root == Path("/srv/news/static")
    assert plain.hosts == ("127.0.0.1", "localhost")
    proxied = Settings.from_env({
        "NEWSDESK_BEHIND_TLS": "1", "NEWSDESK_PROXY_SCHEME_HEADER": "X-Forwarded-Proto",
        "NEWSDESK_ORIGIN": "https://news.example.org, https://news.example.org:8443/",
        "NEWSDESK_STATIC_ROOT": "/app/static",
    })  # fmt: skip
    assert proxied.behind_tls and proxied.hsts_seconds == 365 * 24 * 3600
    assert not proxied.hsts_include_subdomains
    assert proxied.origins == ("https://news.example.org", "https://news.example.org:8443")
    assert proxied.hosts == ("127.0.0.1", "localhost", "news.example.org")
    assert proxied.static_root == Path("/app/static")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSDESK_ORIGIN", "news.example.org"),
        ("NEWSDESK_ORIGIN", "https://news.example.org/reader"),
        ("NEWSDESK_ORIGIN", "ftp://news.example.org"),
        ("NEWSDESK_PROXY_SCHEME_HEADER", "X-Forwarded-Proto: https"),
        ("NEWSDESK_HSTS_SECONDS", "-1"),
        ("NEWSDESK_HSTS_SECONDS", "a year"),
    ],
)
def test_bad_tls_settings_are_clear_errors(name: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Settings.from_env({name: value})


def test_without_tls_settings_a_forwarded_scheme_is_not_believed(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200 and "Strict-Transport-Security" not in response
    assert not response.cookies["csrftoken"]["secure"]


def test_trusted_proxies() -> None:
    proxies = Settings.from_env({"NEWSDESK_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8, ::1"})
    assert proxies.trusted_proxies == ("127.0.0.1/32", "10.0.0.0/8", "::1/128")
    with pytest.raises(ConfigurationError, match="NEWSDESK_TRUSTED_PROXIES"):
        Settings.from_env({"NEWSDESK_TRUSTED_PROXIES": "proxy.internal"})


def test_operating_settings() -> None:
    defaults = Settings.from_env({})
    assert defaults.metrics_allow == ("127.0.0.1/32", "::1/128") and defaults.metrics_token == ""
    assert (defaults.log_format, defaults.log_level, defaults.ready_max_queue_age) == (
        "text", "INFO", 600.0,
    )  # fmt: skip
    custom = Settings.from_env({
        "NEWSDESK_METRICS_ALLOW": "10.0.0.0/8, 192.0.2.7", "NEWSDESK_LOG_FORMAT": "Json",
        "NEWSDESK_LOG_LEVEL": "debug", "NEWSDESK_READY_MAX_QUEUE_AGE": "0",
    })  # fmt: skip
    assert custom.metrics_allow == ("10.0.0.0/8", "192.0.2.7")
    assert (custom.log_format, custom.log_level, custom.ready_max_queue_age) == ("json", "DEBUG", 0)
    assert Settings.from_env({"NEWSDESK_METRICS_ALLOW": ""}).metrics_allow == ()
    with pytest.raises(ConfigurationError, match="NEWSDESK_METRICS_ALLOW"):
        Settings.from_env({"NEWSDESK_METRICS_ALLOW": "10.0.0.0/8,localhost"})
    with pytest.raises(ConfigurationError, match="NEWSDESK_READY_MAX_QUEUE_AGE"):
        Settings.from_env({"NEWSDESK_READY_MAX_QUEUE_AGE": "10m"})


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


def test_the_settings_file_under_the_environment(tmp_path: Path) -> None:
    from newsdesk.settings_file import read_settings_file, write_settings_file

    environ = {"NEWSDESK_DATA_DIR": str(tmp_path), "NEWSDESK_HOST_DELAY": "2"}
    assert Settings.from_env(environ, use_file=True).fetch_allow_networks == ()
    write_settings_file(
        tmp_path, {"NEWSDESK_FETCH_ALLOW": "10.0.0.0/8", "NEWSDESK_HOST_DELAY": "'0.5'"}
    )
    from_file = Settings.from_env(environ, use_file=True)
    assert from_file.fetch_allow_networks == ("10.0.0.0/8",)
    assert from_file.host_delay == 2.0  # the environment wins
    assert Settings.from_env(environ).fetch_allow_networks == ()  # a given mapping only
    assert read_settings_file(tmp_path)["NEWSDESK_HOST_DELAY"] == "0.5"

    (tmp_path / "settings.env").write_text("# comment\n\nNEWSDESK_DEBUG=1\nnot a setting\n")
    with pytest.raises(ConfigurationError, match=r"settings\.env, line 4"):
        Settings.from_env(environ, use_file=True)
    (tmp_path / "settings.env").write_text("NEWSDESK_DATA_DIR=/elsewhere\n")
    with pytest.raises(ConfigurationError, match="line 1"):
        read_settings_file(tmp_path)


def test_passwords_are_hashed_with_djangos_argon2_outside_the_tests() -> None:
    """The tests' own process hashes with a cheaper Argon2 (tests/support/hashers.py); the site
    and every process the tests start use Django's, at its full cost."""
    from django.conf import settings
    from django.contrib.auth.hashers import Argon2PasswordHasher, identify_hasher, make_password

    from newsdesk.conf import settings as site_settings

    assert site_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert settings.PASSWORD_HASHERS[1:] == site_settings.PASSWORD_HASHERS
    quick = make_password("a long pass phrase")
    assert identify_hasher(quick).algorithm == Argon2PasswordHasher.algorithm == "argon2"
    assert Argon2PasswordHasher().verify("a long pass phrase", quick)
    assert Argon2PasswordHasher().must_update(quick)  # upgraded at the site's next sign-in


def test_postgresql_binds_values_and_keeps_plans_unless_told_not_to() -> None:
    from newsdesk.conf.settings import _database

    url = "postgresql://news@db.example:5432/newsdesk"
    prepared = _database(Settings.from_env({"DATABASE_URL": url}))
    assert prepared["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    quoted = _database(Settings.from_env({"DATABASE_URL": f"{url}?server_side_binding=false"}))
    assert quoted["OPTIONS"]["server_side_binding"] is False
    assert "server_side_binding" not in _database(Settings.from_env({}))["OPTIONS"]  # SQLite


@pytest.mark.django_db
def test_a_statement_sent_five_times_is_prepared_on_postgresql() -> None:
    from django.db import connection

    from newsdesk.articles.models import Article

    if connection.vendor != "postgresql":
        return  # SQLite keeps no server-side statements: nothing to check there
    for _ in range(6):
        list(Article.objects.filter(pk=1))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        assert cursor.fetchone()[0] >= 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_bulk_writes_beyond_the_protocols_parameters_work_with_server_side_binding() -> None:
    """With values bound on the server a statement carries at most 65,535 of them: an update of
    12,000 sources' three fields in one call (over 80,000 values) is cut into statements that
    fit."""
    from django.db import connection

    from newsdesk.conf.postgresql.base import MAX_PARAMETERS
    from newsdesk.sources.models import Source

    assert connection.features.uses_server_side_binding
    Source.objects.bulk_create(Source(name=f"Source {n}", slug=f"s-{n}") for n in range(12_000))
    sources = list(Source.objects.filter(slug__startswith="s-"))
    for source in sources:
        source.name, source.country, source.language = f"{source.name} renamed", "fr", "fr"
    assert len(sources) * (2 * 3 + 1) > MAX_PARAMETERS  # a WHEN and a THEN a field, the WHERE
    Source.objects.bulk_update(sources, ["name", "country", "language"])
    assert Source.objects.filter(slug__startswith="s-", country="fr").count() == 12_000
