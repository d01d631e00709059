"""How often each large table's rows were changed or removed (the loader's snapshot)."""

from __future__ import annotations

from django.db import models


class TableChange(models.Model):
    """Counted by SQLite triggers on every UPDATE and DELETE of a table the loader keeps a
    columnar copy of (store/snapshot.py): a copy whose count differs is read afresh.
    Inserts are not counted: they show in the table's row count and highest id."""

    name = models.CharField(max_length=64, primary_key=True)
    changes = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.changes}"
