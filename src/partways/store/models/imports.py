"""What was imported, so that importing it again adds nothing twice.

Every imported record has a stable key (a hash of the fields that say which record
it is, see ``partways.importers.records.KEY_FIELDS``) and a digest of everything else.
A re-import looks its keys up here: a known key with the same digest is unchanged, a
known key with another digest is updated in place, an unknown key is new.
"""

from typing import Any

from django.db import models


class ImportBatch(models.Model):
    """One file (or mailbox, or folder) imported, with what came of it."""

    imported_at = models.DateTimeField(auto_now_add=True)
    importer = models.CharField(max_length=64)
    source = models.TextField(help_text="The file, folder or mailbox URL as given.")
    counts = models.JSONField(default=dict, help_text="new / updated / unchanged / skipped.")

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.importer}: {self.source}"


class RowidKeyField(models.BigIntegerField):  # type: ignore[type-arg]
    """A 64-bit primary key that SQLite stores as the table's rowid.

    SQLite makes a column its rowid only when declared exactly ``integer primary
    key``; Django declares big integers ``bigint``, which would add a second index
    beside the table. As the rowid, a million keys written in order extend one B-tree.
    """

    def db_type(self, connection: Any) -> str | None:
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)


class ImportedKey(models.Model):
    """The key of one imported record and the row it became."""

    key = RowidKeyField(primary_key=True)
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    digest = models.BigIntegerField()
    # No index on the batch: nothing looks keys up by batch, and every index costs a
    # million-row import a B-tree build.
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="keys", db_index=False
    )


class ImportCursor(models.Model):
    """Where an incremental source (an IMAP folder) stopped, as its importer wrote it."""

    source = models.CharField(max_length=500, unique=True)
    cursor = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
