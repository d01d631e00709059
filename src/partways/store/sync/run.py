"""Connecting a service and syncing it: the records go through the importers' pipeline.

A sync reads the service first (nothing is written while it talks to the network),
then writes in one transaction, as an import does (``write_records``): records the
service deleted are removed, and the keys of records edited at the service are moved
so that each is updated in place; then the records are written, each synced row's
service id is remembered with its key, and the cursor moves on. A failure at
any point leaves the database as it was, the cursor included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.utils import timezone

from partways.connectors import Connector, Fetched, SyncFailed
from partways.connectors.registry import connector_class
from partways.core.config import Thresholds
from partways.core.phrase import Phrase, say
from partways.store.business import load_business
from partways.store.imports.apply import FileReport, write_records
from partways.store.imports.keys import with_keys
from partways.store.imports.writers import WRITERS
from partways.store.models import BusinessSettings, Connection, ImportedKey, SyncedRecord

from .secrets import seal, unseal

# Kinds the importers key (``ImportedKey``): the ones an edit or a deletion can name.
# Clients, contacts and projects are matched by name and never removed by a sync: a
# customer deleted at Stripe keeps its history here.
TRACKED = frozenset(WRITERS) - {"clients", "contacts", "client_aliases", "projects"}


def settings_thresholds() -> Thresholds:
    """The thresholds with the business's overrides."""
    return load_business()[1]


def build(
    service: str,
    credentials: dict[str, str],
    base_url: str = "",
) -> Connector:
    """A connector for ``service`` with these credentials, in the business's time zone."""
    cls = connector_class(service)
    cfg = settings_thresholds()
    return cls(
        credentials,
        base_url=base_url or None,
        time_zone=BusinessSettings.load().time_zone,
        window_days=cfg.int("sync.window_days"),
        history_days=cfg.int("sync.history_days"),
    )


def connector_for(connection: Connection) -> Connector:
    return build(connection.service, unseal(connection.secret), connection.base_url)


def connect(
    service: str,
    credentials: dict[str, str],
    *,
    label: str = "",
    base_url: str = "",
) -> Connection:
    """Check the credentials with the service, then store them (encrypted).

    The same label again replaces its credentials and keeps what it synced. Raises
    :class:`SyncFailed` when the service refuses them: nothing is stored then.
    """
    connector = build(service, credentials, base_url)
    account = connector.check()
    label = (label or connector.service).strip()
    existing = Connection.objects.filter(label=label).first()
    if existing is not None and existing.service != connector.service:
        raise SyncFailed(
            say(
                "sync.label_taken",
                "the name {label} is already used by the {service} connection; choose "
                "another with --label.",
                label=repr(label),
                service=existing.service,
            )
        )
    connection = existing or Connection(service=connector.service, label=label)
    connection.account = account[:300]
    connection.base_url = base_url
    connection.secret = seal(credentials)
    connection.save()
    return connection


def sync(connection: Connection) -> FileReport:
    """Read what changed at the service since the last sync and write it.

    Raises :class:`SyncFailed` when the service cannot be read; a report that is
    ``refused`` when the records cannot be written. Either way nothing changed but
    the connection's record of the failure.
    """
    try:
        connector = connector_for(connection)
        fetched = connector.fetch(connection.cursor or {})
    except SyncFailed as exc:
        _failed(connection, exc.phrase)
        raise
    source = f"{connection.service}:{connection.label}"
    keys = {
        kind: with_keys(kind, frame).select("line", "_key")
        for kind, frame in fetched.records.frames.items()
        if kind in TRACKED
    }

    removed: Counter[str] = Counter()

    def before() -> None:
        # Deletions first: the key of a deleted record may be the one an edited
        # record moves to (the second of two identical entries, once the first is
        # gone, takes the plain key the first had).
        removed.update(_remove_gone(connection, fetched))
        _move_edited(connection, fetched, keys)

    def after(report: FileReport) -> None:
        _remember(connection, fetched, keys)
        report.removed.update(removed)
        connection.cursor = fetched.cursor
        _succeeded(connection, report)

    report = write_records(
        fetched.records,
        [],
        importer=connector.importer,
        title=connector.title,
        source=source,
        before=before,
        after=after,
    )
    if report.refused:
        problem = report.errors[0].located() if report.errors else None
        _failed(connection, problem or say("sync.not_written", "the records were not written."))
    return report


def _rows(fetched: Fetched, kind: str, keys: pl.DataFrame) -> list[tuple[str, int]]:
    """(service id, key) of each row of ``kind``."""
    ids = fetched.ids[kind]
    return [(ids[line - 1], key) for line, key in keys.select("line", "_key").iter_rows()]


def _move_edited(connection: Connection, fetched: Fetched, keys: dict[str, pl.DataFrame]) -> None:
    """Give records edited at the service their new key, so they are updated in place.

    A record's key is made of its identity fields (``KEY_FIELDS``); an edit to one (a
    description, a start time) makes a new key, which the import alone would insert
    beside the old record. The old key is moved to the new one here, with a digest
    that cannot match, so the import updates the record it names. When the new key
    already names a record (the edited version came in from a CSV file meanwhile),
    the old record is the double and is removed.
    """
    for kind, frame in keys.items():
        rows = _rows(fetched, kind, frame)
        known = _synced_keys(connection, kind, [sid for sid, _ in rows])
        for service_id, key in rows:
            old = known.get(service_id)
            if old is None or old == key:
                continue
            stored = ImportedKey.objects.filter(key=old, kind=kind).first()
            if stored is None:
                continue  # removed by hand since: the import brings it back as new
            if ImportedKey.objects.filter(key=key).exists():
                _delete_records(kind, [old])
                continue
            ImportedKey.objects.filter(key=old).update(key=key, digest=_unmatchable(stored.digest))


def _unmatchable(digest: int) -> int:
    """A digest other than any a row can have now: the old one, changed by one bit."""
    return digest ^ 1


def _synced_keys(connection: Connection, kind: str, service_ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(service_ids), 900):
        chunk = service_ids[start : start + 900]
        found.update(
            SyncedRecord.objects.filter(
                connection=connection, kind=kind, service_id__in=chunk
            ).values_list("service_id", "key")
        )
    return found


def _remember(connection: Connection, fetched: Fetched, keys: dict[str, pl.DataFrame]) -> None:
    """Each synced row's service id, with the key it is now imported under."""
    for kind, frame in keys.items():
        rows = _rows(fetched, kind, frame)
        dates = fetched.dates[kind]
        service_ids = [sid for sid, _ in rows]
        for start in range(0, len(service_ids), 900):
            SyncedRecord.objects.filter(
                connection=connection, kind=kind, service_id__in=service_ids[start : start + 900]
            ).delete()
        SyncedRecord.objects.bulk_create(
            (
                SyncedRecord(
                    connection=connection, kind=kind, service_id=sid, key=key, dated=dates[i]
                )
                for i, (sid, key) in enumerate(rows)
            ),
            batch_size=2000,
        )


def _remove_gone(connection: Connection, fetched: Fetched) -> Counter[str]:
    """Remove what the service deleted, or no longer lists inside a window read in full.

    Runs before the sync's records are written, on what earlier syncs remembered; a
    record the service both lists and calls deleted is kept (it was restored).
    """
    removed: Counter[str] = Counter()
    gone: dict[str, set[str]] = {
        k: set(v) - set(fetched.ids.get(k, ())) for k, v in fetched.deleted.items()
    }
    for kind, since in fetched.complete_since.items():
        listed = set(fetched.ids.get(kind, ()))
        synced = SyncedRecord.objects.filter(connection=connection, kind=kind)
        if since is not None:
            synced = synced.filter(dated__gte=since)
        gone.setdefault(kind, set()).update(
            sid for sid in synced.values_list("service_id", flat=True) if sid not in listed
        )
    for kind, service_ids in gone.items():
        if kind not in TRACKED or not service_ids:
            continue
        known = _synced_keys(connection, kind, sorted(service_ids))
        removed[kind] += _delete_records(kind, list(known.values()))
        SyncedRecord.objects.filter(
            connection=connection, kind=kind, service_id__in=list(known)
        ).delete()
    return +removed


def _delete_records(kind: str, keys: Iterable[int]) -> int:
    """Delete the records imported under ``keys``, and the keys; returns how many."""
    model: Any = WRITERS[kind][0]
    keys = list(keys)
    count = 0
    for start in range(0, len(keys), 900):
        chunk = keys[start : start + 900]
        ids = list(
            ImportedKey.objects.filter(kind=kind, key__in=chunk).values_list("object_id", flat=True)
        )
        count += model.objects.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)
        ImportedKey.objects.filter(kind=kind, key__in=chunk).delete()
    return count


def _counts(report: FileReport) -> dict[str, dict[str, int]]:
    return {
        "new": dict(report.new),
        "updated": dict(report.updated),
        "unchanged": dict(report.unchanged),
        "removed": dict(report.removed),
    }


def _succeeded(connection: Connection, report: FileReport) -> None:
    connection.last_sync_at = timezone.now()
    connection.last_ok = True
    connection.last_result = _counts(report)
    connection.save()


def _failed(connection: Connection, problem: Phrase) -> None:
    """Record that the sync failed, and why (the phrase's code and English, for pages
    that word it again in their reader's language)."""
    Connection.objects.filter(pk=connection.pk).update(
        last_sync_at=timezone.now(),
        last_ok=False,
        last_result={"error": problem.english(), "phrase": problem.to_json()},
    )
    connection.refresh_from_db()
