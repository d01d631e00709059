"""Django settings for partways.

One function, :func:`database_settings`, picks the database: the embedded SQLite file
in the user's data directory unless ``DATABASE_URL`` names a PostgreSQL server.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from partways.paths import data_home as data_home  # also imported from here by the store

BASE_DIR = Path(__file__).resolve().parent


def _sqlite_file() -> Path:
    # Computed here without creating the directory: settings must not touch the disk
    # at import time; the CLI creates the directory before it migrates.
    return data_home() / "partways.sqlite3"


def database_settings(url: str | None) -> dict[str, Any]:
    """Return Django's ``DATABASES['default']`` for ``url`` (None means embedded SQLite).

    SQLite runs in WAL mode with a busy timeout and IMMEDIATE transactions, so a
    writer waits for another instead of failing with "database is locked" halfway
    through an import.
    """
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite_file()),
            # A test database on disk, not in memory: the loader reads it through a
            # second (ADBC) connection, as it does in production.
            "TEST": {"NAME": str(_sqlite_file().with_name("partways-test.sqlite3"))},
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


DEBUG = os.environ.get("PARTWAYS_DEBUG", "") == "1"
# Production mode (PARTWAYS_PRODUCTION=1): `partways serve` and the WSGI entry point
# refuse to start without a real secret key and explicit allowed hosts
# (partways.web.production). Locally, `partways serve` keeps a random key in the data
# folder and passes it in through the environment; the CLI never serves HTTP.
PRODUCTION = os.environ.get("PARTWAYS_PRODUCTION", "") == "1"
INSECURE_KEY = "partways-insecure-local-cli-key"
SECRET_KEY = os.environ.get("PARTWAYS_SECRET_KEY", INSECURE_KEY)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PARTWAYS_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("PARTWAYS_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]


def _env_int(name: str, default: int) -> int:
    """A whole number from the environment; ``default`` when unset or blank."""
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a whole number; expected e.g. {default}."
        ) from None


# Security headers and cookies. The production values are fixed when this module loads,
# so `partways serve --production` exports PARTWAYS_PRODUCTION before Django starts
# (partways.cli.main); docs/web.md lists the variables.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
# htmx sends the CSRF token from the page (base.html), never from the cookie.
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    # Behind HTTPS (a reverse proxy terminates TLS and sets X-Forwarded-Proto).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A year, the usual figure; subdomains of the host partways answers at included
    # (set PARTWAYS_HSTS_INCLUDE_SUBDOMAINS=0 when it runs on a bare domain whose other
    # subdomains still serve plain HTTP). PARTWAYS_HSTS_SECONDS=0 sends no HSTS header.
    SECURE_HSTS_SECONDS = _env_int("PARTWAYS_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("PARTWAYS_HSTS_INCLUDE_SUBDOMAINS", "1") != "0"

# Content-Security-Policy (django-csp), in every mode so the browser tests see it: every
# script and style sheet comes from the app's own /static/ (htmx is vendored), no page
# has an inline script, style element or style attribute, and htmx runs without eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
    }
}

# Failed log-ins (django-axes), on /login/ and /admin/login/ alike: after
# PARTWAYS_LOGIN_FAILURE_LIMIT wrong passwords for one account, or from one address,
# within PARTWAYS_LOGIN_COOLOFF_MINUTES, that account or address is refused, even with
# the right password, until the cool-off has passed or `partways unlock` lifts it.
# Only failures count, so many good log-ins from one office never lock it.
AXES_FAILURE_LIMIT = _env_int("PARTWAYS_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=_env_int("PARTWAYS_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A good log-in does not wipe the failures: it would let someone with an account of
# their own reset their address's count between guesses at another's password.
AXES_RESET_ON_SUCCESS = False
AXES_USERNAME_FORM_FIELD = "username"  # the e-mail field of both log-in forms
AXES_USERNAME_CALLABLE = "partways.web.lockout.username"
AXES_CLIENT_IP_CALLABLE = "partways.web.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "partways.web.lockout.locked_out"
# partways records failures, not every log-in (axes' access log would grow forever).
AXES_DISABLE_ACCESS_LOG = True
# The log names the account and address of each failure and lock-out (the password
# never): what an operator needs to unlock the right one.
AXES_SENSITIVE_PARAMETERS: list[str] = []
# The reverse proxy: production mode expects one (it terminates TLS), reaching the app
# from PARTWAYS_TRUSTED_PROXY. `partways serve` believes X-Forwarded-Proto and -For only
# from that address; PARTWAYS_PROXY_COUNT proxies append to X-Forwarded-For, so the
# client's address is that many entries from the right (0: the connection's own).
PARTWAYS_TRUSTED_PROXY = os.environ.get("PARTWAYS_TRUSTED_PROXY", "127.0.0.1" if PRODUCTION else "")
PARTWAYS_PROXY_COUNT = _env_int("PARTWAYS_PROXY_COUNT", 1 if PRODUCTION else 0)
AUTHENTICATION_BACKENDS = [
    "partways.web.lockout.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Django's own logging, plus one filter: a refused page (HTTP 403) is one warning line
# in the server's log, not a traceback (partways.web.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals": {"()": "partways.web.logs.RefusalsWithoutTraceback"}},
    "loggers": {"django.request": {"filters": ["refusals"]}},
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    # Background jobs (partways.jobs): Django's task API (built into Django 6) and its
    # database backend, whose queue lives in the same SQLite or PostgreSQL database.
    "django_tasks",
    "django_tasks_db",
    "partways.store.apps.StoreConfig",
    "partways.web.apps.WebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, in any mode: nothing comes from a CDN.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partways.web.middleware.UserLanguageMiddleware",
    "partways.web.middleware.OrdinalDateStopMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Refuses an upload declared larger than upload.max_bytes before the CSRF check
    # would parse it; after the headers' middleware, so its page has them too.
    "partways.web.uploads.UploadLimitMiddleware",
    # Last, as axes asks: it turns a refused log-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "partways.store.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "partways.web.context.navigation",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

# Jobs go into the database; `partways worker` (or the one `partways serve` starts)
# takes them from there, in any process on any machine that reaches the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def email_settings(url: str | None) -> dict[str, Any]:
    """Django's e-mail settings for ``EMAIL_URL``: ``smtp://user:password@host:port``
    (``smtp+tls://`` for STARTTLS, ``smtps://`` for TLS from the start), or
    ``console://`` to print the mail instead. None: no mail server is set, and partways
    sends no mail (the digest's dry run still shows it)."""
    from urllib.parse import unquote, urlsplit

    if not url:
        return {"PARTWAYS_MAIL_CONFIGURED": False}
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {
            "PARTWAYS_MAIL_CONFIGURED": True,
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        }
    if parts.scheme not in ("smtp", "smtp+tls", "smtps"):
        raise ImproperlyConfigured(
            f"EMAIL_URL={parts.scheme}://…: expected smtp://, smtp+tls://, smtps:// or console://."
        )
    secure = parts.scheme == "smtps"
    return {
        "PARTWAYS_MAIL_CONFIGURED": True,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname or "localhost",
        "EMAIL_PORT": parts.port or (465 if secure else 587 if parts.scheme == "smtp+tls" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": secure,
        "EMAIL_TIMEOUT": 30,
    }


# Mail (the digest and the alerts) goes through the server EMAIL_URL names, from
# PARTWAYS_MAIL_FROM.
_MAIL = email_settings(os.environ.get("EMAIL_URL"))
PARTWAYS_MAIL_CONFIGURED: bool = _MAIL["PARTWAYS_MAIL_CONFIGURED"]
EMAIL_BACKEND = _MAIL.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = _MAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _MAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _MAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _MAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _MAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _MAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _MAIL.get("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("PARTWAYS_MAIL_FROM", "partways@localhost")

DATABASES = {"default": database_settings(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia"), ("hr", "Hrvatski"), ("ar", "العربية")]
TIME_ZONE = "UTC"
USE_I18N = True
# The interface's own catalog first: Django gives the apps listed first in
# INSTALLED_APPS precedence, so the admin's translations of "Log in", "Change" or
# "Filter" would otherwise replace ours on our own pages.
LOCALE_PATHS = [BASE_DIR.parent / "web" / "locale"]
USE_TZ = True
STATIC_URL = "/static/"
# WhiteNoise serves the apps' static folders directly, so `partways serve` needs no
# collectstatic step; a production install may still collect them (docs/web.md).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
LANGUAGE_COOKIE_NAME = "partways_language"
# Uploaded exports are written to temporary files as they arrive, whatever their size
# (no handler keeps them in memory), and counted against upload.max_bytes.
FILE_UPLOAD_HANDLERS = [
    "partways.web.uploads.CountingUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# Files in one upload (a year of daily exports fits); past it the import's own page
# says so (web/views/errors.py). Their size together is held to upload.max_bytes.
DATA_UPLOAD_MAX_NUMBER_FILES = 500
# The team page assigns a manager to every client in one form: one field per client.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000
