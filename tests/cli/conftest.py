"""Run the real ``partways`` command against a real, fresh database.

On SQLite each test module gets its own data directory; when DATABASE_URL names a
PostgreSQL server, each module gets its own freshly created database on it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class CLI:
    env: dict[str, str]

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "partways", *args],
            env=self.env,
            text=True,
            capture_output=True,
            timeout=600,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"partways {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def scalar(self, sql: str) -> int:
        """The one number ``sql`` selects from this CLI's database, read directly."""
        url = self.env.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            import psycopg

            with psycopg.connect(url) as conn:
                row = conn.execute(sql).fetchone()
        else:
            with sqlite3.connect(Path(self.env["PARTWAYS_HOME"]) / "partways.sqlite3") as conn:
                row = conn.execute(sql).fetchone()
        assert row is not None, sql
        return int(row[0])

    def integrity(self) -> str:
        """SQLite's integrity verdict on this CLI's database ("ok" on PostgreSQL)."""
        if self.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            return "ok"
        with sqlite3.connect(Path(self.env["PARTWAYS_HOME"]) / "partways.sqlite3") as conn:
            return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CLI]:
    home: Path = tmp_path_factory.mktemp("home")
    # English unless a test asks for another language: the machine's own locale must not
    # change what the tests read.
    env = {
        **os.environ,
        "PARTWAYS_HOME": str(home),
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "PARTWAYS_LANG": "en",
    }
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        yield CLI(env)
        return
    import psycopg

    name = f"partways_cli_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    try:
        yield CLI(env)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
