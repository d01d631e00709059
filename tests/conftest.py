"""Test-wide set-up: throw-away data, and the PostgreSQL switch.

The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL is set
(`make test` runs both).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# For code that reads PARTWAYS_HOME itself (the CLI run in a subprocess).
os.environ.setdefault("PARTWAYS_HOME", tempfile.mkdtemp(prefix="partways-test-"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Put the SQLite test database in a fresh temporary directory."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        path: Path = tmp_path_factory.mktemp("db") / "partways-test.sqlite3"
        db.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> None:
    """Log-ins in tests hash with MD5: the real hasher costs 0.3 s per log-in, on purpose."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
