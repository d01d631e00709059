"""A columnar copy of the engine's tables, so that a full triage reads Arrow, not SQLite.

Reading five million time entries out of SQLite takes seconds; reading them from an
Arrow file takes a fraction of one. So the loader keeps each table it has read
(``TRACKED``) as ``snapshot/<table>.arrow`` beside the SQLite file, and the next full
read takes it from there, adding only the rows written since (and, when nothing was
written, starts no reading process at all).

Whether a copy still holds what the table holds is decided from the database, never
from a guess (SQLite only; PostgreSQL is read in parallel in-process and keeps none):

* SQLite triggers count every UPDATE and DELETE of a tracked table (``TableChange``),
  whatever wrote it: the ORM, raw SQL, a migration's data step. A copy made at another
  count is read afresh, whole.
* Inserts are not counted (a trigger per inserted row would double an import's time):
  they show as a higher row count and highest id. SQLite has one writer at a time, so
  ids are committed in order, and the rows between the copy's highest id and the
  table's are exactly the new ones; their number is checked against the row count
  before they are appended. Anything else is read afresh, whole.
* A table a migration rebuilt has lost its triggers: then no copy is trusted (or made)
  until they are back (made again after every migration).

Each copy carries what it was made from (the query, the database file, the counts) in
its Arrow metadata, and replaces the previous one atomically, so processes reading and
writing at the same time each see a whole copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import polars as pl

# Engine table → (database table, the id column its query selects): every table read
# from one table alone. Incidents name their reporter from the team (a join) and are
# read each time, with the team itself; they are few.
TRACKED: dict[str, tuple[str, str]] = {
    "clients": ("partways_client", "client_id"),
    "contracts": ("partways_contract", "contract_id"),
    "time_entries": ("partways_timeentry", "id"),
    "expenses": ("partways_expense", "expense_id"),
    "invoices": ("partways_invoice", "invoice_id"),
    "payments": ("partways_payment", "payment_id"),
    "messages": ("partways_message", "message_id"),
    "message_labels": ("partways_messagelabel", "label_id"),
    "meetings": ("partways_meeting", "meeting_id"),
    "proposals": ("partways_proposal", "proposal_id"),
    "deliverables": ("partways_deliverable", "deliverable_id"),
    "flags": ("partways_clientflag", "flag_id"),
    "repair_plans": ("partways_repairplan", "plan_id"),
}
# Only these columns' updates change what the loader reads of a message: labelling a
# message writes its language and analyzer, millions of times, and changes none.
WATCHED: dict[str, tuple[str, ...]] = {
    "partways_message": ("client_id", "direction", "channel", "sent_at", "recipients", "text"),
}
FOLDER = "snapshot"
_META = b"partways"
_TRIGGER = "partways_snapshot_{table}_{event}"
# (table name, SQL, column to partition on or None), as the loader's child reads them.
Query = tuple[str, str, str | None]


@dataclass(frozen=True)
class Version:
    """A tracked table's state: updates and deletes counted, rows, highest id."""

    changes: int
    rows: int
    last_id: int


def trigger_statements(table: str) -> list[str]:
    bump = (
        f"INSERT INTO partways_tablechange (name, changes) VALUES ('{table}', 1) "
        "ON CONFLICT(name) DO UPDATE SET changes = changes + 1;"
    )
    watched = WATCHED.get(table)
    update_of = f" OF {', '.join(watched)}" if watched else ""
    return [
        f"CREATE TRIGGER IF NOT EXISTS {_TRIGGER.format(table=table, event='update')} "
        f"AFTER UPDATE{update_of} ON {table} BEGIN {bump} END",
        f"CREATE TRIGGER IF NOT EXISTS {_TRIGGER.format(table=table, event='delete')} "
        f"AFTER DELETE ON {table} BEGIN {bump} END",
    ]


def ensure_triggers(connection: Any) -> None:
    """Create the counting triggers on SQLite (after every migration: rebuilding a table
    drops its triggers). Nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, _id in TRACKED.values():
            if table in tables and "partways_tablechange" in tables:
                for statement in trigger_statements(table):
                    cursor.execute(statement)


def versions(cursor: Any) -> dict[str, Version] | None:
    """Every tracked table's version, read through Django's connection (the changes
    first: a change made while the rest is read then shows at the next read); None when
    a trigger is missing, and no copy can be trusted."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'partways_snapshot_%'"
    )
    triggers = {row[0] for row in cursor.fetchall()}
    needed = {
        _TRIGGER.format(table=table, event=event)
        for table, _id in TRACKED.values()
        for event in ("update", "delete")
    }
    if not needed <= triggers:
        return None
    cursor.execute("SELECT name, changes FROM partways_tablechange")
    changes = dict(cursor.fetchall())
    out = {}
    for name, (table, _id) in TRACKED.items():
        cursor.execute(f"SELECT COUNT(*), COALESCE(MAX(id), 0) FROM {table}")
        rows, last_id = cursor.fetchone()
        out[name] = Version(int(changes.get(table, 0)), int(rows), int(last_id))
    return out


def _between(query: Query, after: int, upto: int) -> Query:
    name, sql, partition_on = query
    id_column = TRACKED[name][1]
    bounded = f"SELECT * FROM ({sql}) WHERE {id_column} > {int(after)} AND {id_column} <= {upto}"
    return name, bounded, partition_on


def _key(database: Path, sql: str) -> str:
    # The query (a new column is a new copy) and the file itself (a database restored
    # or replaced under the same name is not the one the copy was made from).
    stat = database.stat()
    return hashlib.sha256(f"{stat.st_dev}:{stat.st_ino}\n{sql}".encode()).hexdigest()


@dataclass(frozen=True)
class _Copy:
    """A copy's key and version, and its open file: the rows are read only when the copy
    is used, and from the file the version was read from (a copy replaced meanwhile
    does not mix with it)."""

    key: str
    version: Version
    source: Any  # the memory-mapped file, kept open as long as the copy is
    reader: Any

    def frame(self) -> pl.DataFrame | None:
        import pyarrow as pa

        try:
            table = self.reader.read_all().replace_schema_metadata(None)
        except (OSError, pa.ArrowException):
            return None  # unreadable: read afresh
        frame = pl.from_arrow(table)
        assert isinstance(frame, pl.DataFrame)
        return frame


def _open_copy(path: Path) -> _Copy | None:
    import pyarrow as pa

    try:
        source = pa.memory_map(str(path))
        reader = pa.ipc.open_file(source)
        meta = json.loads((reader.schema.metadata or {})[_META])
    except (OSError, KeyError, ValueError, pa.ArrowException):
        return None  # none yet, or unreadable: read afresh
    return _Copy(meta["key"], Version(**meta["version"]), source, reader)


def _write_copy(path: Path, key: str, version: Version, frame: pl.DataFrame) -> None:
    import pyarrow as pa

    path.parent.mkdir(exist_ok=True)
    _remove_abandoned(path)
    table = frame.to_arrow()
    meta = json.dumps({"key": key, "version": asdict(version)}).encode()
    table = table.replace_schema_metadata({_META: meta})
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        # A reader that opened the previous copy keeps reading it; the next one opens this.
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


# A copy being written is a hidden file beside it; one this old was left by a process
# that was killed while writing.
ABANDONED_SECONDS = 3600


def _remove_abandoned(path: Path) -> None:
    import time

    for left in path.parent.glob(f".{path.name}.*"):
        try:
            if time.time() - left.stat().st_mtime > ABANDONED_SECONDS:
                left.unlink()
        except OSError:
            continue  # another process removed it first


def read_tables(
    database: Path,
    queries: Sequence[Query],
    now: dict[str, Version] | None,
    count_between: Callable[[str, int, int], int],
    read: Callable[[list[Query]], dict[str, pl.DataFrame]],
) -> dict[str, pl.DataFrame]:
    """Every query's frame: tracked tables from their copies plus the rows added since
    (checked with ``count_between(table, after, upto)``), everything else, and whatever
    cannot be taken from a copy, through ``read``. Copies are brought up to date.
    """
    folder = database.parent / FOLDER
    reads: list[Query] = []
    kept: dict[str, tuple[pl.DataFrame | None, str]] = {}
    for query in queries:
        name, sql, _partition = query
        if now is None or name not in TRACKED:
            reads.append(query)
            continue
        version, key = now[name], _key(database, sql)
        copy = _open_copy(folder / f"{name}.arrow")
        usable = (
            copy is not None
            and copy.key == key
            and copy.version.changes == version.changes
            and copy.version.last_id <= version.last_id
            and copy.version.rows
            + count_between(TRACKED[name][0], copy.version.last_id, version.last_id)
            == version.rows
        )
        frame = copy.frame() if copy is not None and usable else None
        if copy is not None and frame is not None:
            kept[name] = (frame, key)
            if copy.version.last_id < version.last_id:
                reads.append(_between(query, copy.version.last_id, version.last_id))
        else:
            kept[name] = (None, key)
            reads.append(_between(query, 0, version.last_id))
    frames = read(reads)
    for name, (frame, key) in kept.items():
        assert now is not None
        added = frames.get(name)
        if added is None:
            assert frame is not None  # a copy with nothing new: nothing was read for it
            frames[name] = frame
            continue
        whole = added if frame is None else pl.concat([frame, added], how="vertical_relaxed")
        # A full disk, a folder another user owns: the copy only ever saves time.
        with contextlib.suppress(OSError):
            _write_copy(folder / f"{name}.arrow", key, now[name], whole)
        frames[name] = whole
    return frames
