"""Live sync: the services a business connected, and what each one synced."""

from __future__ import annotations

from django.db import models


class Connection(models.Model):
    """One account at a service (``partways connect``), its credentials encrypted.

    ``secret`` holds the credentials as Fernet ciphertext (store/sync/secrets.py);
    nothing else here is secret. ``cursor`` is where the next sync starts, in the
    connector's own terms; ``last_result`` what the last sync did or why it failed.
    """

    service = models.CharField(max_length=32)
    # How the user names it: the service's name, or another for a second account.
    label = models.CharField(max_length=64, unique=True)
    account = models.CharField(max_length=300, blank=True, default="")
    base_url = models.CharField(max_length=500, blank=True, default="")
    secret = models.TextField()
    cursor = models.JSONField(default=dict)
    # Synced on the worker's schedule (the setting sync.interval_hours) when on.
    scheduled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_ok = models.BooleanField(null=True)
    last_result = models.JSONField(default=dict)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class SyncedRecord(models.Model):
    """A record a connection synced: the service's id, and the key it was imported under.

    The key is how the record is found again (``ImportedKey``): an edit that changes
    what the key is made of moves it, a deletion removes the record it names.
    """

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="synced")
    kind = models.CharField(max_length=20)
    service_id = models.CharField(max_length=100)
    key = models.BigIntegerField()
    # The key its identity fields give before identical records are told apart by
    # rank: which synced records are twins (store/sync/keys.py).
    plain = models.BigIntegerField()
    # The day it is filed under: what a trailing window is measured against.
    dated = models.DateField(null=True)
    # Whose list it came from (a Clockify member): a window read in full for some
    # scopes only says nothing of the others' records.
    scope = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "kind", "service_id"], name="synced_record_once"
            )
        ]
        indexes = [
            models.Index(fields=["connection", "kind", "dated"]),
            models.Index(fields=["connection", "kind", "plain"]),
        ]
