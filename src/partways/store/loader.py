"""Reading the database into the engine's :class:`Dataset`, whole tables at once.

Tables are read with ConnectorX straight into Arrow. It is several times faster than
a DB-API cursor for millions of rows, types SQLite's date and datetime columns from
their declared types (so nothing is parsed afterwards), and reads the two largest
tables in parallel partitions. On 5M time entries from SQLite: ConnectorX 3.0 s with
two partitions, ADBC 5.4 s plus 0.8 s to parse its text timestamps
(docs/benchmarks.md). Message text is not read, but for the inbound chat messages
that hold an "@" (mentions, see ``addressees``): the engine needs the labels.

On SQLite, ConnectorX runs in a child process (``loader_child``): it carries its own
SQLite library, which must never open the file this process has open.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polars as pl
from django.db import connection

from partways.core.dataset import Business, Dataset

from . import snapshot
from .addressees import with_to_staff
from .loader_child import read_query, read_tables

# One query per engine table. {where} is replaced by a client filter, or nothing.
QUERIES: dict[str, str] = {
    "clients": "SELECT id AS client_id, name, archived FROM partways_client "
    "WHERE archived = {false} {and_id}",
    "contracts": 'SELECT id AS contract_id, client_id, start, "end", auto_renew, notice_days, '
    "reply_window_hours, main_channel FROM partways_contract {where}",
    "time_entries": "SELECT id, client_id, started_at, duration_seconds AS seconds, billable, "
    "cost_rate_minor, currency FROM partways_timeentry {where}",
    "expenses": "SELECT id AS expense_id, client_id, spent_on, amount_minor, currency "
    "FROM partways_expense {where}",
    "invoices": "SELECT id AS invoice_id, client_id, number, issued_on, due_on, amount_minor, "
    "currency, disputed, reminders_sent, written_off_minor FROM partways_invoice {where}",
    "payments": "SELECT id AS payment_id, invoice_id, client_id, paid_on, amount_minor, "
    "currency FROM partways_payment {where}",
    # Who an inbound message was for is decided from the current team (addressees.py):
    # its recipients, and the text of the inbound chat messages that hold an "@" (for
    # mentions). No other text is read. ELSE '' rather than NULL: ConnectorX cannot
    # type a SQLite expression column whose first value is NULL.
    "messages": "SELECT id AS message_id, client_id, direction, channel, sent_at, "
    "CASE WHEN direction = 'in' THEN recipients ELSE '' END AS recipients, "
    "CASE WHEN direction = 'in' AND channel = 'chat' AND {has_at} THEN text ELSE '' END "
    "AS mention_text FROM partways_message WHERE client_id IS NOT NULL {and_client}",
    "message_labels": "SELECT l.id AS label_id, l.message_id, l.label, l.score "
    "FROM partways_messagelabel l {label_join}",
    "meetings": "SELECT id AS meeting_id, client_id, starts_at, status, client_prepared "
    "FROM partways_meeting {where}",
    "proposals": "SELECT id AS proposal_id, client_id, kind, title, submitted_on, decided_on, "
    "outcome, reason, revision_round FROM partways_proposal {where}",
    "deliverables": "SELECT id AS deliverable_id, client_id, title, status, requested_on, due, "
    "original_due, in_scope FROM partways_deliverable {where}",
    "incidents": "SELECT i.id AS incident_id, i.client_id, i.kind, "
    "COALESCE(t.name, i.reporter_name) AS reporter, i.severity, i.occurred_at, i.note "
    "FROM partways_incident i LEFT JOIN partways_teammember t ON t.id = i.reporter_id "
    "{where_i}",
    "flags": "SELECT id AS flag_id, client_id, kind, reason, created_on, active "
    "FROM partways_clientflag {where}",
    "repair_plans": "SELECT id AS plan_id, client_id, opened_on, review_on, baseline_score, "
    "status FROM partways_repairplan {where}",
}


def _sql(name: str, client_ids: Sequence[int] | None) -> str:
    ids = ",".join(str(int(i)) for i in client_ids) if client_ids is not None else None
    sqlite = connection.vendor == "sqlite"
    subs = {
        "false": "0" if sqlite else "false",
        # A function rather than LIKE '%@%': no percent sign for a driver to misread.
        "has_at": "instr(text, '@') > 0" if sqlite else "strpos(text, '@') > 0",
        "and_id": f"AND id IN ({ids})" if ids is not None else "",
        "where": f"WHERE client_id IN ({ids})" if ids is not None else "",
        "where_i": f"WHERE i.client_id IN ({ids})" if ids is not None else "",
        "and_client": f"AND client_id IN ({ids})" if ids is not None else "",
        "label_join": (
            f"JOIN partways_message m ON m.id = l.message_id WHERE m.client_id IN ({ids})"
        )
        if ids is not None
        else "",
    }
    return QUERIES[name].format(**subs)


# Up to this many clients, the loader reads through Django's connection.
FEW_CLIENTS = 10
# The largest tables, read in parallel partitions by id in a full load.
PARTITION_ON = {"time_entries": "id", "messages": "message_id"}


def _sqlite_url() -> str:
    return "sqlite://" + quote(str(Path(connection.settings_dict["NAME"]).resolve()))


def _partitions() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _read_postgres(sql: str, partition_on: str | None) -> pl.DataFrame:
    # In this process: PostgreSQL has no shared-library trap.
    return read_query(_postgres_uri(connection.settings_dict), sql, partition_on, _partitions())


def _postgres_uri(s: dict[str, Any]) -> str:
    auth = quote(s.get("USER") or "", safe="")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"], safe="")
    host = s.get("HOST") or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth + '@' if auth else ''}{host}{port}/{s['NAME']}"


def _cursor_read(sql: str) -> pl.DataFrame:
    with connection.cursor() as cur:
        cur.execute(sql)
        cols = [c[0] for c in cur.description]
        rows = cur.fetchall()
    return pl.DataFrame(rows, schema=cols, orient="row", infer_schema_length=None)


def _count_between(table: str, after: int, upto: int) -> int:
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {table} WHERE id > %s AND id <= %s", [after, upto])
        return int(cur.fetchone()[0])


def _has_archived_clients() -> bool:
    # Most workspaces have none, and then there is nothing to filter out.
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM partways_client WHERE archived = %s LIMIT 1", [True])
        return cur.fetchone() is not None


def _partition(name: str, client_ids: Sequence[int] | None) -> str | None:
    # Only a full load is large enough to be worth reading in parallel partitions.
    return PARTITION_ON.get(name) if client_ids is None else None


def _read_tables(
    client_ids: Sequence[int] | None, progress: Callable[[str], None] | None
) -> dict[str, pl.DataFrame]:
    """Every engine table as a frame, read the fastest way that is safe here.

    A few clients' rows come back faster through Django's open connection than through
    ConnectorX, which connects anew for every query; many clients' rows are faster
    through ConnectorX, which does not build a Python object per value. On SQLite,
    ConnectorX runs in a child process (``loader_child``): its own SQLite library must
    never open the file this process has open.
    """
    few = client_ids is not None and len(client_ids) <= FEW_CLIENTS
    if not few and connection.vendor == "sqlite":
        database = Path(str(connection.settings_dict["NAME"])).resolve()
        queries = [(name, _sql(name, client_ids), _partition(name, client_ids)) for name in QUERIES]

        def read(chosen: list[snapshot.Query]) -> dict[str, pl.DataFrame]:
            if client_ids is None and not any(name in snapshot.TRACKED for name, *_ in chosen):
                # Nothing but the few tables kept nowhere (their rows come from several
                # tables): a child process would cost more than reading them here.
                return {name: _cursor_read(sql) for name, sql, _partition in chosen}
            return read_tables(_sqlite_url(), chosen, _partitions(), database.parent, progress)

        if client_ids is not None:
            return read(queries)
        # A full read takes the largest tables from their columnar copies (snapshot.py).
        with connection.cursor() as cursor:
            now = snapshot.versions(cursor)
        return snapshot.read_tables(database, queries, now, _count_between, read)
    if not few and connection.vendor != "postgresql":
        raise RuntimeError(f"unsupported database vendor {connection.vendor!r}")
    frames: dict[str, pl.DataFrame] = {}
    for name in QUERIES:
        if progress:
            progress(name)
        sql = _sql(name, client_ids)
        frames[name] = (
            _cursor_read(sql) if few else _read_postgres(sql, _partition(name, client_ids))
        )
    return frames


def load_dataset(
    business: Business,
    client_ids: Sequence[int] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Read every table the engine needs (only ``client_ids``' rows when given).

    Archived clients are left out: their relationship has already ended.
    """
    # Resolve Django's connection first: its settings name the database to read.
    connection.ensure_connection()
    frames = _read_tables(client_ids, progress)
    if _has_archived_clients():
        # In place, one table at a time: each table's unfiltered rows are let go as soon
        # as its filtered ones exist, so the two never all coexist (a full read is
        # hundreds of megabytes).
        live = frames["clients"].get_column("client_id").implode()
        for name in list(frames):
            if name != "clients" and "client_id" in frames[name].columns:
                frames[name] = frames[name].filter(pl.col("client_id").is_in(live))
    # To staff or not, from the team as it is now [002 #2] (addressees.py).
    team = _cursor_read("SELECT id, name, email, role FROM partways_teammember")
    frames["messages"] = with_to_staff(frames["messages"], team)
    # Who reported an incident counts by the same team [002 #2] (signals/context.py).
    frames["team"] = team.select("name", "email", "role")
    return Dataset.from_frames(business, **frames)
