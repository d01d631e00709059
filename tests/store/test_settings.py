"""Picking the database: SQLite in WAL mode by default, PostgreSQL from DATABASE_URL."""

import pytest
from django.db import connection

from partways.store.settings import database_settings


def test_default_is_sqlite_in_the_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("PARTWAYS_HOME", str(tmp_path))
    cfg = database_settings(None)
    assert cfg["ENGINE"] == "django.db.backends.sqlite3"
    assert cfg["NAME"] == str(tmp_path / "partways.sqlite3")
    assert cfg["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in cfg["OPTIONS"]["init_command"]
    assert cfg["OPTIONS"]["timeout"] >= 5


def test_database_url_selects_postgresql():
    cfg = database_settings("postgres://alice:s3cret@db.example:5433/partways")
    assert cfg["ENGINE"] == "django.db.backends.postgresql"
    assert (cfg["HOST"], cfg["PORT"], cfg["NAME"], cfg["USER"]) == (
        "db.example",
        5433,
        "partways",
        "alice",
    )


@pytest.mark.django_db
def test_the_live_sqlite_connection_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only pragmas (this run is on PostgreSQL)")
    with connection.cursor() as cur:
        cur.execute("PRAGMA journal_mode")
        assert cur.fetchone()[0] == "wal"
        cur.execute("PRAGMA busy_timeout")
        assert cur.fetchone()[0] >= 5000
