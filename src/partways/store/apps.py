from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _snapshot_triggers(using: str = "default", **_kwargs: Any) -> None:
    # After every migration: one that rebuilt a table (SQLite's way to alter it) took
    # the table's triggers with it.
    from django.db import connections

    from .snapshot import ensure_triggers

    ensure_triggers(connections[using])


class StoreConfig(AppConfig):
    name = "partways.store"
    label = "partways"
    verbose_name = "partways"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_snapshot_triggers, sender=self)
