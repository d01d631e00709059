"""Starting Django from the CLI: settings, the data directory and migrations."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SETTINGS_MODULE = "partways.store.settings"
# The session-level advisory lock every partways process takes on PostgreSQL before
# it migrates: a fixed number, derived from a name so that it is unlikely to be another
# application's on a shared server.
MIGRATION_LOCK_ID = zlib.crc32(b"partways.migrate")


def setup() -> None:
    """Configure Django once per process (a no-op when already configured)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def ensure_database(verbose: bool = False) -> None:
    """Create the data directory and apply pending migrations, if any.

    Two processes started together on a fresh database (two commands, or a command
    beside ``partways serve``) must not both run the migrations: the second would find
    the first one's tables half made. So migrating happens under a lock (an advisory
    lock on PostgreSQL, a lock file beside the SQLite file), and whoever gets it second
    looks again and finds nothing left to do.
    """
    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3") and not _in_memory(db["NAME"]):
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    if not _pending(connection):
        return
    with migration_lock(connection, db):
        if _pending(connection):
            call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def _pending(connection: Any) -> bool:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _in_memory(name: object) -> bool:
    text = str(name)
    return text == ":memory:" or "mode=memory" in text


@contextmanager
def migration_lock(connection: Any, db: dict[str, Any]) -> Iterator[None]:
    """Hold the lock that lets one process at a time migrate ``connection``'s database.

    On PostgreSQL this is ``pg_advisory_lock`` on the connection itself (released on
    exit, or by the server when the process dies); on SQLite an exclusive lock on
    ``<database file>.migrate.lock`` beside it (released by the system when the
    process dies). Other back ends and in-memory databases need none.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK_ID])
        try:
            yield
        finally:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK_ID])
        return
    if connection.vendor == "sqlite" and not _in_memory(db["NAME"]):
        from filelock import FileLock

        # The lock file stays (deleting it would race with a process about to lock it).
        with FileLock(str(db["NAME"]) + ".migrate.lock"):
            yield
        return
    yield
