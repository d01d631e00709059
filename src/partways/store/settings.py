"""Django settings for partways.

One function, :func:`database_settings`, picks the database: the embedded SQLite file
in the user's data directory unless ``DATABASE_URL`` names a PostgreSQL server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def data_home() -> Path:
    """The per-user data folder: ``$PARTWAYS_HOME``, else the platform's data directory."""
    override = os.environ.get("PARTWAYS_HOME")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir("partways"))


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
if PRODUCTION:
    # Behind HTTPS (a reverse proxy terminates TLS and sets X-Forwarded-Proto).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

DATABASES = {"default": database_settings(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia"), ("hr", "Hrvatski"), ("ar", "العربية")]
TIME_ZONE = "UTC"
USE_I18N = True
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
# Uploaded exports are written to a temporary file before the importer reads them.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# The team page assigns a manager to every client in one form: one field per client.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 50_000
