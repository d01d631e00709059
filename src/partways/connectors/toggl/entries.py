"""Toggl time entries as the detailed report's CSV export gives them to the importer.

A synced entry and the same entry imported from the CSV export (``importers/toggl/
csv_report.py``) must be one record: the same key (client, project, person, UTC
start, seconds, description) and, as far as the API allows, the same other fields.
So every value is filled the way that importer reads the CSV cell Toggl writes for it:
the person is the user's name (the ``User`` column), the description is ``Task:
description`` (joined as the importer joins the two columns), the start is the
instant to the second (the CSV's ``Start time`` has no fractions), and the rate is
the one the importer derives from the entry's rounded amount (``Amount`` ÷ hours).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from partways.importers.records import UTC
from partways.importers.values import joined


@dataclass(frozen=True)
class Entry:
    """One stopped time entry, with the names the CSV would write beside it."""

    id: str
    person: str | None
    client: str | None
    project: str | None
    task: str | None
    description: str | None
    start: dt.datetime  # UTC, whole seconds
    seconds: int
    billable: bool
    rate_cents: int | None  # the hourly rate Toggl applied, in cents
    currency: str | None


@dataclass
class Names:
    """What ids stand for: clients, projects (and their client), tasks, users."""

    clients: dict[int, str]
    projects: dict[int, tuple[str | None, int | None]]
    tasks: dict[int, str]
    users: dict[int, str]

    @classmethod
    def of(
        cls,
        clients: list[dict[str, Any]],
        projects: list[dict[str, Any]],
        tasks: list[dict[str, Any]] | None = None,
        users: list[dict[str, Any]] | None = None,
    ) -> Names:
        return cls(
            clients={int(c["id"]): str(c.get("name") or "") for c in clients if "id" in c},
            projects={
                int(p["id"]): (_text(p.get("name")), _int(p.get("client_id", p.get("cid"))))
                for p in projects
                if "id" in p
            },
            tasks={int(t["id"]): str(t.get("name") or "") for t in tasks or () if "id" in t},
            users={
                int(u["id"]): str(u.get("fullname") or u.get("name") or "")
                for u in users or ()
                if "id" in u
            },
        )

    def project(self, project_id: Any) -> tuple[str | None, str | None]:
        """(client name, project name) of a project id, as the CSV's two columns."""
        pid = _int(project_id)
        if pid is None or pid not in self.projects:
            return None, None
        name, client_id = self.projects[pid]
        return _text(self.clients.get(client_id)) if client_id is not None else None, name


def _text(value: Any) -> str | None:
    """Trimmed text, empty as None: how the importer reads a CSV cell."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def instant(value: Any, time_zone: str) -> dt.datetime | None:
    """A UTC instant, to the second, from Toggl's RFC 3339 text (an offset is always
    written; text without one is read in ``time_zone``, as the importer would)."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        when = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZoneInfo(time_zone))
    return when.astimezone(dt.UTC).replace(microsecond=0)


def stopped(start: dt.datetime | None, seconds: Any, stop: Any, time_zone: str) -> int | None:
    """The entry's seconds; None while it runs (negative duration, no stop)."""
    if start is None or stop in (None, ""):
        return None
    value = _int(seconds)
    if value is None:
        end = instant(stop, time_zone)
        value = int((end - start).total_seconds()) if end is not None else None
    return value if value is not None and value >= 0 else None


def report_entries(
    row: Mapping[str, Any], names: Names, currency: str | None, time_zone: str
) -> tuple[list[Entry], int]:
    """The entries of one detailed-report row (the row holds what they share), and how
    many of its entries still run."""
    client, project = names.project(row.get("project_id"))
    task_id = _int(row.get("task_id"))
    person = _text(row.get("username")) or _text(names.users.get(_int(row.get("user_id")) or -1))
    rate = _int(row.get("hourly_rate_in_cents"))
    entries, running = [], 0
    for item in row.get("time_entries") or ():
        start = instant(item.get("start"), time_zone)
        seconds = stopped(start, item.get("seconds"), item.get("stop"), time_zone)
        if start is None or seconds is None or item.get("id") is None:
            running += 1
            continue
        entries.append(
            Entry(
                id=str(item["id"]),
                person=person,
                client=client,
                project=project,
                task=_text(names.tasks.get(task_id)) if task_id is not None else None,
                description=_text(row.get("description")),
                start=start,
                seconds=seconds,
                billable=bool(row.get("billable")),
                rate_cents=rate,
                currency=(_text(row.get("currency")) or currency or "").upper() or None,
            )
        )
    return entries, running


def api_entry(
    item: Mapping[str, Any], person: str | None, names: Names, currency: str | None, tz: str
) -> Entry | None:
    """An entry from ``/me/time_entries`` (no rate there), or None while it runs."""
    start = instant(item.get("start"), tz)
    seconds = stopped(start, item.get("duration"), item.get("stop"), tz)
    if start is None or seconds is None:
        return None
    client, project = names.project(item.get("project_id", item.get("pid")))
    task_id = _int(item.get("task_id", item.get("tid")))
    return Entry(
        id=str(item["id"]),
        person=person,
        client=client,
        project=project,
        task=_text(names.tasks.get(task_id)) if task_id is not None else None,
        description=_text(item.get("description")),
        start=start,
        seconds=seconds,
        billable=bool(item.get("billable")),
        rate_cents=None,
        currency=(currency or "").upper() or None,
    )


def csv_amount(entry: Entry) -> int | None:
    """The ``Amount`` cell Toggl writes for the entry, in cents: rate × hours, rounded
    to the cent (Toggl rounds displayed amounts to two decimals); empty when the entry
    is not billable or has no rate."""
    if not entry.billable or entry.rate_cents is None:
        return None
    exact = Decimal(entry.rate_cents) * entry.seconds / 3600
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def frame(entries: list[Entry]) -> pl.DataFrame:
    """The entries as the ``time_entries`` rows the CSV importer builds."""
    raw = pl.DataFrame(
        {
            "client": [e.client for e in entries],
            "project": [e.project for e in entries],
            "person": [e.person for e in entries],
            "started_at": [e.start for e in entries],
            "duration_seconds": [e.seconds for e in entries],
            "billable": [e.billable for e in entries],
            "amount": [csv_amount(e) for e in entries],
            "currency": [e.currency for e in entries],
            "task": [e.task for e in entries],
            "description": [e.description for e in entries],
        },
        schema={
            "client": pl.String,
            "project": pl.String,
            "person": pl.String,
            "started_at": UTC,
            "duration_seconds": pl.Int64,
            "billable": pl.Boolean,
            "amount": pl.Int64,
            "currency": pl.String,
            "task": pl.String,
            "description": pl.String,
        },
    )
    # The same expressions as TogglCsvImporter.build, so the rate and the description
    # come out exactly as from the CSV.
    hours = pl.col("duration_seconds") / 3600
    rate = pl.when(hours > 0).then((pl.col("amount").cast(pl.Float64) / hours).round(0))
    return raw.select(
        "client",
        "project",
        "person",
        "started_at",
        "duration_seconds",
        "billable",
        rate.cast(pl.Int64).alias("bill_rate_minor"),
        "currency",
        joined(pl.col("task"), pl.col("description")).alias("description"),
    )
