"""Starting Django from the CLI: settings, the data directory and migrations."""

from __future__ import annotations

import os

SETTINGS_MODULE = "partways.store.settings"


def setup() -> None:
    """Configure Django once per process (a no-op when already configured)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def ensure_database(verbose: bool = False) -> None:
    """Create the data directory and apply pending migrations, if any."""
    setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        from pathlib import Path

        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
