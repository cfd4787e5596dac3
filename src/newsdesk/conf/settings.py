"""Django settings, built from ``newsdesk.settings.Settings`` (read once from the environment).

SQLite in the data directory by default (WAL mode, busy timeout); ``DATABASE_URL`` selects
PostgreSQL. Jobs go through django-tasks with its database backend by default, so the same queue
serves the single-process default and many workers on many machines; ``NEWSDESK_QUEUE=redis``
puts them on RQ instead.
"""

from __future__ import annotations

import logging.config
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url

from newsdesk.conf import datadir
from newsdesk.conf.logs import logging_config
from newsdesk.settings import Settings

NEWSDESK = Settings.from_env()


# PostgreSQL binds the values of a query itself and keeps the plan of a statement a connection
# has sent five times (decision 82): an article page cost its database 5.3 ms of CPU planning
# nine small look-ups anew, 1.3 ms so, and the web process no longer quotes every value into
# the SQL. ``?server_side_binding=false`` in DATABASE_URL turns it off (behind a pooler in
# transaction mode, which cannot keep a connection's prepared statements).
POSTGRESQL_PREPARED: dict[str, Any] = {"server_side_binding": True, "prepare_threshold": 5}


def _database(settings: Settings) -> dict[str, Any]:
    if settings.database_url:
        config: dict[str, Any] = dict(dj_database_url.parse(settings.database_url, conn_max_age=60))
        config.setdefault("TEST", {})
        if config["ENGINE"] == "django.db.backends.postgresql":
            # Django's backend with the parameter limit that server-side binding brings.
            config["ENGINE"] = "newsdesk.conf.postgresql"
            config["OPTIONS"] = {**POSTGRESQL_PREPARED, **config.get("OPTIONS", {})}
        elif config["ENGINE"] == "django.db.backends.sqlite3":
            config["ENGINE"] = "newsdesk.conf.sqlite"  # placeholders converted once (decision 90)
        return config
    return {
        # Django's SQLite backend, each statement's placeholders converted once (decision 90).
        "ENGINE": "newsdesk.conf.sqlite",
        "NAME": str(settings.sqlite_path),
        # Kept between requests as PostgreSQL's are (decision 48): opening one costs the
        # PRAGMAs below and Django's functions registered on every new connection.
        "CONN_MAX_AGE": 60,
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;"
            ),
        },
        "TEST": {"NAME": str(settings.data_dir / "test.sqlite3")},
    }


def _cache(settings: Settings) -> dict[str, Any]:
    """Redis when an address is given (shared by every process), else this process's memory."""
    if settings.cache_url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.cache_url,
            "KEY_PREFIX": "newsdesk",
        }
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsdesk",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


def _smtp(settings: Settings) -> dict[str, Any]:
    """Django's EMAIL_* settings from ``smtp://user:password@host:port`` (smtps:// for TLS)."""
    if not settings.smtp_url:
        return {"EMAIL_HOST": "localhost", "EMAIL_PORT": 25, "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "", "EMAIL_USE_SSL": False, "EMAIL_USE_TLS": False,
                "EMAIL_TIMEOUT": 30}  # fmt: skip
    url = urlsplit(settings.smtp_url)
    implicit_tls = url.scheme == "smtps"
    starttls = parse_qs(url.query).get("starttls", ["on"])[-1].lower() not in {"off", "no", "0"}
    return {
        "EMAIL_HOST": url.hostname or "localhost",
        "EMAIL_PORT": url.port or (465 if implicit_tls else 587),
        "EMAIL_HOST_USER": unquote(url.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
        "EMAIL_USE_SSL": implicit_tls,
        "EMAIL_USE_TLS": starttls and not implicit_tls,
        "EMAIL_TIMEOUT": 30,
    }


BASE_DIR = Path(__file__).resolve().parent.parent
# django-ninja's package folder (its templates/ and static/), found without importing it.
NINJA_FILES = Path(str(getattr(find_spec("ninja"), "origin", ""))).parent
# The data directory 0700, the SQLite file and the secret key 0600 from the start (decision 26).
datadir.prepare(NEWSDESK)
SECRET_KEY = datadir.secret_key(NEWSDESK)
DEBUG = NEWSDESK.debug
ALLOWED_HOSTS = list(NEWSDESK.hosts)

INSTALLED_APPS = [
    # The admin's registrations are loaded with the URLs (conf/urls.py), not at start-up, so a
    # command that serves no page does not import what the admin pages need.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    # Before allauth: the site's templates for its account pages (templates/allauth, account).
    "newsdesk.web",
    "allauth",
    "allauth.account",
    # django-ninja is not an installed app: importing it loads pydantic and its schema machinery
    # (a tenth of a second) in every command. Its docs page's templates and static files are
    # found through NINJA_FILES below, and the API renders that page itself (api/main.py).
    "django_tasks",
    "django_tasks_db",
    "newsdesk.jobs",
    "newsdesk.sources",
    "newsdesk.articles",
    "newsdesk.stories",
    "newsdesk.places",
    "newsdesk.topics",
    "newsdesk.summaries",
    "newsdesk.readers",
    "newsdesk.comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.web.middleware.ContentSecurityPolicyMiddleware",
    # Static files answer here, with the security headers above and nothing below (decision 26).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The site's copies of lead images, likewise: nothing below runs for them (web/media.py).
    "newsdesk.web.media.MediaMiddleware",
    # Pages are gzipped (with Django's BREACH mitigation); static files come compressed already.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language from the cookie, then Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "newsdesk.web.i18n.VaryOnLanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# Behind trusted proxies, the client's address comes from X-Forwarded-For (decision 26).
if NEWSDESK.trusted_proxies:
    MIDDLEWARE.insert(0, "newsdesk.web.forwarded.ForwardedClientMiddleware")

# The page cache: whole responses kept NEWSDESK_PAGE_CACHE_SECONDS in this process's memory.
# Update must wrap everything (first), fetch must be last. A page that reads the session varies
# on the cookie and is cached per cookie (decision 13).
if NEWSDESK.page_cache_seconds > 0:
    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
# Outermost: the access log times every request; the probes (/healthz, /readyz, /metrics) are
# answered before sessions, CSRF, host checks, redirects and the page cache (docs/operating.md).
# Outside the page cache, ConditionalGetMiddleware answers a cached page or feed with 304 when
# the client already has it (its ETag or Last-Modified), as the views do when uncached.
MIDDLEWARE = ["newsdesk.web.access.AccessMiddleware", "newsdesk.web.probes.ProbeMiddleware",
              "django.middleware.http.ConditionalGetMiddleware", *MIDDLEWARE]  # fmt: skip
CACHE_MIDDLEWARE_SECONDS = NEWSDESK.page_cache_seconds
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
CACHES = {"default": _cache(NEWSDESK)}

# Sent by SecurityMiddleware with X-Content-Type-Options: nosniff (its default).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# The JSON API's limits count the connection's address, never X-Forwarded-For, which any client
# can write (the web server passes it through for /metrics to see; docs/operating.md).
NINJA_NUM_PROXIES = 0

# Behind a reverse proxy that terminates TLS (docs/deploy.md, decision 26). HSTS goes out on the
# requests Django knows to be HTTPS: with the proxy's scheme header trusted. The proxy redirects
# plain HTTP itself.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = NEWSDESK.behind_tls
SECURE_HSTS_SECONDS = NEWSDESK.hsts_seconds if NEWSDESK.behind_tls else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = NEWSDESK.hsts_include_subdomains
SECURE_SSL_REDIRECT = False
if NEWSDESK.proxy_scheme_header:
    _HEADER = "HTTP_" + NEWSDESK.proxy_scheme_header.upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (_HEADER, "https")
CSRF_TRUSTED_ORIGINS = list(NEWSDESK.origins)
CSRF_FAILURE_VIEW = "newsdesk.web.errors.csrf_failure"

ROOT_URLCONF = "newsdesk.conf.urls"
WSGI_APPLICATION = "newsdesk.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [NINJA_FILES / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": _database(NEWSDESK)}

# Accounts: Django's users and sessions, the sign-up / sign-in / reset flows of django-allauth.
# Passwords are hashed with Argon2 (older hashes are upgraded at the next sign-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "optional"
# Sign-in and reset answer alike whether or not an address has an account, and a reset asked
# for an unknown address sends no mail at all (decision 16). Sign-up too: its form asks a new
# address to confirm itself and mails a known one's owner, the same page for both (decision 33).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "newsdesk.web.signup.SignupForm"}
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Failed sign-ins: 10 a minute from one address, 5 per account in 5 minutes; the next try is
# refused even with the right password. Counted in the cache, so per process (decision 16).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[newsdesk] "
LOGOUT_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"
# Two weeks, renewed on use; a signed-out session is gone from the database at once.
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_SAVE_EVERY_REQUEST = False
EMAIL_BACKEND = NEWSDESK.email_backend
_MAIL = _smtp(NEWSDESK)
EMAIL_HOST = _MAIL["EMAIL_HOST"]
EMAIL_PORT = _MAIL["EMAIL_PORT"]
EMAIL_HOST_USER = _MAIL["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _MAIL["EMAIL_HOST_PASSWORD"]
EMAIL_USE_SSL = _MAIL["EMAIL_USE_SSL"]
EMAIL_USE_TLS = _MAIL["EMAIL_USE_TLS"]
EMAIL_TIMEOUT = _MAIL["EMAIL_TIMEOUT"]
DEFAULT_FROM_EMAIL = NEWSDESK.email_from
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The job queue (decision 25): a table in this database, or RQ on Redis (NEWSDESK_QUEUE=redis).
TASK_QUEUES = ["default", "feeds", "articles", "stories", "ai", "media"]
if NEWSDESK.queue == "redis":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    # No job time limit from RQ: jobs keep their own deadlines, and the job lease bounds a job.
    RQ_QUEUES = {name: {"URL": NEWSDESK.queue_url, "DEFAULT_TIMEOUT": -1} for name in TASK_QUEUES}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

LANGUAGE_CODE = "en"
# The interface's languages (docs/i18n.md); the page cache keeps one copy per language.
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["newsdesk.web.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Collected by `newsdesk collectstatic`, or by `serve` and `web` when the files changed; hashed
# names, gzip and brotli copies, served by WhiteNoise with a year's cache lifetime.
STATIC_URL = "static/"
STATIC_ROOT = NEWSDESK.static_root
STATICFILES_DIRS = [NINJA_FILES / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Readable by a proxy when the static root is outside the (0700) data directory.
    "staticfiles": {
        "BACKEND": "newsdesk.web.staticfiles.StaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}

# Timestamped lines (or JSON with NEWSDESK_LOG_FORMAT=json) on standard error (conf/logs.py),
# configured here rather than by ``django.setup()``, which would first apply Django's
# ``DEFAULT_LOGGING`` only for this configuration to replace all of it: its e-mail handler
# imports the debug views and the template library with them in every command (decision 89).
# ``LOGGING_CONFIG = None`` and ``dictConfig`` in the settings is Django's documented way.
LOGGING = logging_config(NEWSDESK)
LOGGING_CONFIG = None
logging.config.dictConfig(LOGGING)
