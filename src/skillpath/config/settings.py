"""Skillpath settings: one module, driven by environment variables (docs/configuration.md).

Local mode needs none of them: a SQLite file in the data directory, one local user, the
browser signed in automatically.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from skillpath.config.env import env_bool, env_int, env_list, env_str
from skillpath.ops import probes

BASE_DIR = Path(__file__).resolve().parent.parent  # src/skillpath
PROJECT_DIR = BASE_DIR.parent.parent  # the repository (content/ lives here)

DATA_DIR = Path(env_str("SKILLPATH_DATA_DIR", str(Path.home() / ".local/share/skillpath")))
CONTENT_DIR = Path(env_str("SKILLPATH_CONTENT_DIR", str(PROJECT_DIR / "content")))
DEBUG = env_bool("SKILLPATH_DEBUG", False)
LOCAL_MODE = env_bool("SKILLPATH_LOCAL_MODE", True)
LOCAL_USERNAME = env_str("SKILLPATH_LOCAL_USER", "learner")


def _secret_key() -> str:
    key = env_str("SKILLPATH_SECRET_KEY")
    if key:
        return key
    # Local mode: a key made once and kept beside the database, so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("SKILLPATH_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SKILLPATH_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # django.contrib.admin, with the sign-in throttle and the security log on its site.
    "skillpath.web.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    # Lets Ninja serve the API docs' Swagger UI from its static files, not from a CDN.
    "ninja",
    "skillpath.people",
    "skillpath.curriculum",
    "skillpath.planning",
    "skillpath.tracking",
    "skillpath.checks",
    "skillpath.knowledge",
    "skillpath.assessment",
    "skillpath.web",
    "skillpath.ops",
]

MIDDLEWARE = [
    # First: the request id is set before anything logs, and the timing, the metrics and the
    # access-log line cover all the others (docs/operations.md).
    "skillpath.ops.middleware.RequestMiddleware",
    # Next, so that it sees the answers of all the others.
    "skillpath.api.middleware.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "skillpath.people.session_middleware.SessionLifetimeMiddleware",
    "skillpath.people.middleware.LocalModeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "skillpath.web.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "skillpath.config.urls"
WSGI_APPLICATION = "skillpath.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL")
    if url:
        # A kept connection is checked before a request reuses it, so that after the
        # database restarts the next request reconnects instead of failing.
        return dj_database_url.parse(
            url,
            conn_max_age=env_int("SKILLPATH_DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "skillpath.sqlite3"),
        # WAL lets the web server read while the CLI writes; IMMEDIATE avoids
        # "database is locked" when two writers upgrade their locks at once.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: the cache, sessions and the sign-in throttle's counts (docs/configuration.md) ---
# Without REDIS_URL each process keeps its cache in its own memory and sessions live in the
# database, as on a laptop. With it, every web process shares one cache, so sessions are
# read from Redis first (`cached_db`) and the throttle counts failures across processes.
REDIS_URL = env_str("REDIS_URL") or None
# A Redis that stops answering must cost a page little: a connection is given up after this
# many seconds, and the cache then answers "miss" (core/cache.py).
REDIS_TIMEOUT_SECONDS = float(env_str("SKILLPATH_REDIS_TIMEOUT", "0.5"))
# Every key starts with this, so that installations can share one Redis database.
REDIS_PREFIX = env_str("SKILLPATH_REDIS_PREFIX", "skillpath")


def redis_caches(url: str, prefix: str = REDIS_PREFIX) -> dict[str, dict[str, object]]:
    """The caches on the Redis at `url`, their keys starting with `prefix` (also what the
    tests configure)."""
    options = {
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
    }
    return {
        # Errors are misses here: a page never fails because Redis went away; its reads are
        # counted for /metrics (ops/cache.py).
        "default": {
            "BACKEND": "skillpath.ops.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        },
        # The throttle's own alias raises instead, so that it can tell "no failures yet"
        # from "Redis is down" and count in the database meanwhile (people/throttle_store.py).
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": options,
        },
    }


CACHES = (
    redis_caches(REDIS_URL)
    if REDIS_URL
    else {"default": {"BACKEND": "skillpath.ops.cache.LocMemCache"}}
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

LANGUAGE_CODE = env_str("SKILLPATH_LANGUAGE", "ru")
LANGUAGES = [("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats over Django's (skillpath/formats/<lang>/formats.py): see core/display.py.
FORMAT_MODULE_PATH = ["skillpath.formats"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = env_str("SKILLPATH_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Secure defaults. A server behind TLS sets SKILLPATH_HTTPS=true: cookies then go over
# HTTPS only, under the `__Host-` prefix (no other host or path can set or read them), plain
# HTTP is redirected, and HSTS tells browsers never to try plain HTTP again.
HTTPS = env_bool("SKILLPATH_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SKILLPATH_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
SECURE_SSL_REDIRECT = env_bool("SKILLPATH_SSL_REDIRECT", HTTPS)
# Health probes and the metrics scraper reach a pod over plain HTTP inside the cluster: a
# redirect to HTTPS would fail every probe (ops/probes.py).
SECURE_REDIRECT_EXEMPT = probes.REDIRECT_EXEMPT
SECURE_HSTS_SECONDS = env_int("SKILLPATH_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SKILLPATH_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is a promise about the whole domain, made by its owner: off unless asked for.
SECURE_HSTS_PRELOAD = env_bool("SKILLPATH_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy, X-Forwarded-Proto says whether the request came over HTTPS, the
# client's address is the last X-Forwarded-For entry, and local mode refuses to run (every
# visitor would arrive from this machine).
BEHIND_PROXY = env_bool("SKILLPATH_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None

# Sessions (OWASP ASVS L2 V3.3): signed out after 30 minutes without a request, and 12 hours
# after signing in however active (people.sessions). Rows know their user, for the list of
# one's sessions and "sign out everywhere".
# With Redis, sessions are read from the cache and written to both (`cached_db`), so a page
# costs no session query; the rows stay the truth (the list of one's sessions, sign-outs).
SESSION_ENGINE = "skillpath.people.cached_sessions" if REDIS_URL else "skillpath.people.sessions"
SKILLPATH_SESSION_IDLE_SECONDS = env_int("SKILLPATH_SESSION_IDLE_MINUTES", 30) * 60
SKILLPATH_SESSION_MAX_SECONDS = env_int("SKILLPATH_SESSION_MAX_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SKILLPATH_SESSION_IDLE_SECONDS

# The server's log: JSON lines on a server (for a log shipper), readable lines in local mode;
# every record carries the id of the request it was written for (docs/operations.md).
LOG_FORMAT = env_str("SKILLPATH_LOG_FORMAT", "text" if LOCAL_MODE else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "skillpath.ops.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"()": "skillpath.ops.logs.ReadableFormatter"},
        "json": {"()": "skillpath.core.security_log.JsonLinesFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("SKILLPATH_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A practice check sends many requests; httpx would log each one at INFO.
        "httpx": {"level": "WARNING"},
        # One line per request at INFO (ops.middleware), at SKILLPATH_LOG_LEVEL like the rest;
        # SKILLPATH_ACCESS_LOG=false leaves it out.
        "skillpath.request": {} if env_bool("SKILLPATH_ACCESS_LOG", True) else {"level": "WARNING"},
        # Django's own line for each 4xx/5xx would repeat the access log's.
        "django.request": {"level": "ERROR"},
    },
}

# --- Sign-in hardening: the throttle on every sign-in, proxies, the security log ----------
# (docs/security.md)

# One backend: Django's, behind the sign-in throttle (people/throttle.py).
AUTHENTICATION_BACKENDS = ["skillpath.people.backends.ThrottledModelBackend"]
# Sign-ins, sign-outs, refusals, lockouts and admin changes, one JSON object a line: to this
# file if set (reopened when logrotate moves it), else to the server's standard error.
SECURITY_LOG_PATH = env_str("SKILLPATH_SECURITY_LOG_PATH")
_security_handler = {"class": "logging.StreamHandler", "formatter": "json"}
if SECURITY_LOG_PATH:
    _security_handler = {
        "class": "logging.handlers.WatchedFileHandler",
        "filename": SECURITY_LOG_PATH,
        "formatter": "json",
    }
_security_handler["filters"] = ["request_id"]
LOGGING["handlers"]["security"] = _security_handler
LOGGING["loggers"]["skillpath.security"] = {
    "handlers": ["security"],
    "level": "INFO",
    "propagate": False,
}

# --- Watching it: health probes, metrics, logs (docs/operations.md) ----------------------

# /metrics on a server: the scraper sends `Authorization: Bearer <token>`, or connects from
# an address of the allow-list (IP addresses and CIDR ranges). With neither, 404.
SKILLPATH_METRICS_TOKEN = env_str("SKILLPATH_METRICS_TOKEN")
SKILLPATH_METRICS_ALLOW = env_list("SKILLPATH_METRICS_ALLOW", [])

# --- Background work: Celery (config/celery.py, docs/configuration.md) -------------------
# The broker: Redis (redis://...) or RabbitMQ (amqp://...). Unset: no worker, and every task
# runs in-process when it is enqueued, as on a laptop. /health/ready reads this one too.
BROKER_URL = env_str("SKILLPATH_BROKER_URL") or None
# The one switch between the two: without a broker, `.delay()` runs the task right there.
CELERY_TASK_ALWAYS_EAGER = BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = BROKER_URL or "memory://"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_DEFAULT_QUEUE = env_str("SKILLPATH_CELERY_QUEUE", "skillpath")
# A task is acknowledged when it has finished, not when it was taken: a worker that dies
# halfway (killed, out of memory) leaves it to be run again. Every task is safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# One message at a time per process: a long task does not sit on others' work.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged message to another worker after this long (RabbitMQ does
# as soon as the connection drops); longer than any task of ours takes.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("SKILLPATH_CELERY_VISIBILITY_TIMEOUT", 3600)
}
# Tasks write their results to the database; nobody waits for a return value.
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    # Each entry only fans out: one task per learner, each with its id.
    "replan-slipped-plans": {
        "task": "skillpath.planning.tasks.replan_slipped_plans_task",
        "schedule": env_int("SKILLPATH_REPLAN_EVERY_MINUTES", 60) * 60,
    },
    "record-finished-weeks": {
        "task": "skillpath.tracking.tasks.record_finished_weeks_task",
        "schedule": env_int("SKILLPATH_WEEK_RECORDS_EVERY_MINUTES", 60) * 60,
    },
    "scan-kpis": {
        "task": "skillpath.assessment.tasks.scan_all_kpis_task",
        "schedule": env_int("SKILLPATH_KPI_SCAN_EVERY_MINUTES", 24 * 60) * 60,
    },
    "optimize-review-parameters": {
        "task": "skillpath.knowledge.tasks.optimize_all_parameters_task",
        "schedule": 24 * 60 * 60,
    },
    "deliver-waiting-emails": {
        "task": "skillpath.people.tasks.deliver_waiting_emails_task",
        "schedule": 5 * 60,
    },
}

# --- E-mail: Django's send_mail() goes through a task (people/mail.py) -------------------
# Every message is kept in the database first and sent by a task after the transaction
# commits, so a slow or absent mail server never holds up a page.
EMAIL_BACKEND = "skillpath.people.mail.QueuedEmailBackend"
EMAIL_HOST = env_str("SKILLPATH_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SKILLPATH_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SKILLPATH_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("SKILLPATH_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("SKILLPATH_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env_str("SKILLPATH_EMAIL_FROM", "skillpath@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# What actually sends: SMTP when a host is set, else the server's standard output.
EMAIL_FILE_PATH = env_str("SKILLPATH_EMAIL_FILE_PATH") or str(DATA_DIR / "emails")
SKILLPATH_EMAIL_DELIVERY_BACKEND = env_str(
    "SKILLPATH_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("SKILLPATH_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
