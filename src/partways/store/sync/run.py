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
from django.db import transaction
from django.utils import timezone

from partways.connectors import Connector, Fetched, SyncFailed
from partways.connectors.registry import connector_class
from partways.core.phrase import Phrase, as_phrase, say
from partways.store.business import load_business
from partways.store.imports.apply import FileReport, write_records
from partways.store.imports.keys import identity_texts, ranked_key
from partways.store.imports.writers import WRITERS
from partways.store.models import BusinessSettings, Connection, ImportedKey, SyncedRecord

from .secrets import seal, unseal

# Kinds the importers key (``ImportedKey``): the ones an edit or a deletion can name.
# Clients, contacts and projects are matched by name and never removed by a sync: a
# customer deleted at Stripe keeps its history here.
TRACKED = frozenset(WRITERS) - {"clients", "contacts", "client_aliases", "projects"}


def build(
    service: str,
    credentials: dict[str, str],
    base_url: str = "",
) -> Connector:
    """A connector for ``service`` with these credentials, in the business's time zone."""
    cls = connector_class(service)
    _business, cfg = load_business()
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

    The same label again with a new token for the same account keeps what it synced.
    With another account (or workspace, or address), what the old one synced stays
    but is no longer followed: the cursor and the table of synced ids start afresh,
    so nothing of the old account is taken for deleted, and the new one is read in
    full (``last_result`` says ``other_account``). Raises :class:`SyncFailed` when
    the service refuses the credentials: nothing is stored then.
    """
    connector = build(service, credentials, base_url)
    account = connector.check()[:300]
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
    with transaction.atomic():
        if existing is not None and _other_account(existing, connector, credentials, account):
            SyncedRecord.objects.filter(connection=existing).delete()
            connection.cursor = {}
            connection.last_ok = None
            connection.last_sync_at = None
            connection.last_result = {"other_account": True}
        connection.account = account
        connection.base_url = base_url
        connection.secret = seal(credentials)
        connection.save()
    return connection


def _other_account(
    existing: Connection, connector: Connector, credentials: dict[str, str], account: str
) -> bool:
    """Do the new credentials open another account than the connection followed?"""
    if existing.account != account or existing.base_url.rstrip("/") != connector.url:
        return True
    try:
        before = unseal(existing.secret)
    except SyncFailed:  # sealed with a retired key: the account's name must do
        return False
    return any(
        before.get(f.name, "") != credentials.get(f.name, "")
        for f in connector.fields
        if not f.secret
    )


def sync(connection: Connection) -> FileReport:
    """Read what changed at the service since the last sync and write it.

    Raises :class:`SyncFailed` when the service cannot be read, or when the
    connection was removed or connected again while it synced; a report that is
    ``refused`` when the records cannot be written. Either way nothing changed but
    the connection's record of the failure.
    """
    sealed = connection.secret
    try:
        connector = connector_for(connection)
        fetched = connector.fetch(connection.cursor or {})
    except SyncFailed as exc:
        _failed(connection, exc.phrase)
        raise
    source = f"{connection.service}:{connection.label}"
    kinds = [kind for kind in fetched.records.kinds() if kind in TRACKED]
    keys: dict[str, pl.DataFrame] = {}
    removed: Counter[str] = Counter()

    def before() -> None:
        _still_connected(connection, sealed)
        # Deletions first: a deleted record's key is free for another to take (the
        # second of two identical entries, once the first is gone).
        removed.update(_remove_gone(connection, fetched))
        for kind in kinds:
            keys[kind] = assign_keys(connection, fetched, kind)
            _move_edited(kind, keys[kind])

    def after(report: FileReport) -> None:
        _remember(connection, fetched, keys)
        report.removed.update(removed)
        _succeeded(connection, fetched.cursor, report)

    try:
        report = write_records(
            fetched.records,
            [],
            importer=connector.importer,
            title=connector.title,
            source=source,
            keys=keys,
            before=before,
            after=after,
        )
    except SyncFailed as exc:
        _failed(connection, exc.phrase)
        raise
    if report.refused:
        problem = report.errors[0].located() if report.errors else None
        _failed(connection, problem or say("sync.not_written", "the records were not written."))
    return report


def _still_connected(connection: Connection, sealed: str) -> None:
    """Hold the connection's row to the end of the sync's transaction; refuse when it
    was removed, or connected again, since the sync began reading."""
    now = (
        Connection.objects.select_for_update()
        .filter(pk=connection.pk)
        .values_list("secret", flat=True)
        .first()
    )
    if now != sealed:
        raise SyncFailed(
            say(
                "sync.connection_changed",
                "the connection was removed or connected again while it synced; nothing "
                "was written.",
            )
        )


def _move_edited(kind: str, frame: pl.DataFrame) -> None:
    """Give records edited at the service their new key, so they are updated in place.

    A record's key is made of its identity fields (``KEY_FIELDS``); an edit to one (a
    description, a start time) gives it a new key, which the import alone would
    insert beside the old record. The old key is moved to the new one here, with a
    digest that cannot match, so the import updates the record it names. A new key
    that already names a record (the edited version came in from a CSV file
    meanwhile: :func:`assign_keys` never gives a key another synced record holds)
    makes the old record the double, and it is removed.
    """
    for key, old in frame.select("_key", "_old").iter_rows():
        if old is None or old == key:
            continue
        stored = ImportedKey.objects.filter(key=old, kind=kind).first()
        if stored is None:
            continue  # removed by hand since: the import brings it back as new
        if ImportedKey.objects.filter(key=key).exists():
            _delete_records(kind, [old])
            continue
        ImportedKey.objects.filter(key=old).update(key=key, digest=_unmatchable(stored.digest))


def assign_keys(connection: Connection, fetched: Fetched, kind: str) -> pl.DataFrame:
    """The key each synced row of ``kind`` is imported under: ``line``, ``_key``,
    ``_plain``, and ``_old``, the key it had (None: never synced).

    An import tells identical rows apart by their rank in the file; a sync lists
    only what changed, so a rank within it would say nothing. Here a row the
    connection synced before keeps its key while its identity fields are the same,
    and any other row takes the first key of its rank series (plain, then ranked)
    that no other record of this connection holds: a new entry identical to one
    synced earlier is a second record, not the first one again, and an edited twin
    is never taken for its sibling. A key held by a record imported from a file is
    free to take: that is how the first sync adopts what the exports brought.
    """
    frame = fetched.records.frames[kind]
    texts = identity_texts(kind, frame)
    lines = frame["line"].to_list()
    ids = [fetched.ids[kind][line - 1] for line in lines]
    plains = [ranked_key(text, 0) for text in texts]
    synced = _synced(connection, kind, "service_id__in", ids)
    held = {key: sid for sid, key, _plain in _synced(connection, kind, "plain__in", plains)}
    before = {sid: (key, plain) for sid, key, plain in synced}
    olds = [before[sid][0] if sid in before else None for sid in ids]
    keys: list[int | None] = [
        before[sid][0] if sid in before and before[sid][1] == plain else None
        for sid, plain in zip(ids, plains, strict=True)
    ]
    used = {key for key in keys if key is not None}
    for i, key in enumerate(keys):
        if key is not None:
            continue
        rank = 0
        while True:
            key = ranked_key(texts[i], rank)
            owner = held.get(key)
            if key not in used and owner in (None, ids[i]):
                break
            rank += 1
        keys[i] = key
        used.add(key)
    return pl.DataFrame(
        {"line": lines, "_key": keys, "_plain": plains, "_old": olds},
        schema={"line": pl.Int64, "_key": pl.Int64, "_plain": pl.Int64, "_old": pl.Int64},
    )


def _synced(
    connection: Connection, kind: str, lookup: str, values: list[Any]
) -> list[tuple[str, int, int]]:
    """(service id, key, plain key) of this connection's records matching ``lookup``."""
    found: list[tuple[str, int, int]] = []
    unique = sorted(set(values))
    for start in range(0, len(unique), 900):
        found.extend(
            SyncedRecord.objects.filter(
                connection=connection, kind=kind, **{lookup: unique[start : start + 900]}
            ).values_list("service_id", "key", "plain")
        )
    return found


def _unmatchable(digest: int) -> int:
    """A digest other than any a row can have now: the old one, changed by one bit."""
    return digest ^ 1


def _remember(connection: Connection, fetched: Fetched, keys: dict[str, pl.DataFrame]) -> None:
    """Each synced row's service id, with the key it is now imported under."""
    for kind, frame in keys.items():
        dates = fetched.dates[kind]
        scopes = fetched.scopes.get(kind)
        rows = [
            (line, fetched.ids[kind][line - 1], key, plain)
            for line, key, plain in frame.select("line", "_key", "_plain").iter_rows()
        ]
        _forget(connection, kind, [sid for _line, sid, _key, _plain in rows])
        SyncedRecord.objects.bulk_create(
            (
                SyncedRecord(
                    connection=connection,
                    kind=kind,
                    service_id=sid,
                    key=key,
                    plain=plain,
                    dated=dates[line - 1],
                    scope=scopes[line - 1] if scopes else "",
                )
                for line, sid, key, plain in rows
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
        if kind in fetched.complete_scopes:
            # Listed in full for these scopes only (the members whose list was read).
            synced = synced.filter(scope__in=sorted(fetched.complete_scopes[kind]))
        gone.setdefault(kind, set()).update(
            sid for sid in synced.values_list("service_id", flat=True) if sid not in listed
        )
    for kind, service_ids in gone.items():
        if kind not in TRACKED or not service_ids:
            continue
        known = _synced(connection, kind, "service_id__in", list(service_ids))
        removed[kind] += _delete_records(kind, [key for _sid, key, _plain in known])
        _forget(connection, kind, [sid for sid, _key, _plain in known])
    return +removed


def _forget(connection: Connection, kind: str, service_ids: list[str]) -> None:
    """Drop what the connection remembered of these service ids."""
    for start in range(0, len(service_ids), 900):
        SyncedRecord.objects.filter(
            connection=connection, kind=kind, service_id__in=service_ids[start : start + 900]
        ).delete()


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


def _succeeded(connection: Connection, cursor: dict[str, Any], report: FileReport) -> None:
    """The cursor and the result, written with the records (only those fields: the
    rest of the row may have been changed by someone else meanwhile)."""
    fields: dict[str, Any] = {
        "cursor": cursor,
        "last_sync_at": timezone.now(),
        "last_ok": True,
        "last_result": _counts(report),
    }
    Connection.objects.filter(pk=connection.pk).update(**fields)
    for name, value in fields.items():
        setattr(connection, name, value)


def last_problem(connection: Connection) -> Phrase | None:
    """Why the last sync failed (None when it did not), as :func:`_failed` kept it."""
    if connection.last_ok is not False:
        return None
    result = connection.last_result or {}
    phrase = result.get("phrase")
    return Phrase.from_json(phrase) if phrase else as_phrase(str(result.get("error", "")))


def last_totals(connection: Connection) -> dict[str, int]:
    """How many records the last sync added, updated and removed, all kinds together."""
    result = connection.last_result or {}
    return {key: sum((result.get(key) or {}).values()) for key in ("new", "updated", "removed")}


def _failed(connection: Connection, problem: Phrase) -> None:
    """Record that the sync failed, and why (the phrase's code and English, for pages
    that word it again in their reader's language). A connection removed meanwhile
    stays removed."""
    fields: dict[str, Any] = {
        "last_sync_at": timezone.now(),
        "last_ok": False,
        "last_result": {"error": problem.english(), "phrase": problem.to_json()},
    }
    Connection.objects.filter(pk=connection.pk).update(**fields)
    for name, value in fields.items():
        setattr(connection, name, value)
