"""Clockify time entries as the detailed time report's importer reads them.

A synced entry and the same entry imported from the export must get the same key
(``KEY_FIELDS``: client, project, person, start, seconds, description), so every field
is filled as :class:`~partways.importers.clockify.time_report.ClockifyTimeImporter`
fills it: names trimmed (empty ones are no name), ``Task: description`` composed by the
importer's own :func:`~partways.importers.values.joined`, the start to the second in
UTC, the duration Clockify gives (the export's ``Duration (h)``), the rate of a billable
entry in cents and 0 for a non-billable one (the export writes ``0.00`` there), the
workspace currency when the entry names none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from partways.core.phrase import Phrase, say
from partways.importers.records import UTC
from partways.importers.values import joined, text

# Entry types that are not work for anyone, skipped as the CSV importer skips them
# (same reason, so a report counts them the same way whichever way they came).
NOT_WORK = ("BREAK", "TIME_OFF", "HOLIDAY")
_DURATION = re.compile(
    r"P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?"
)
RAW_SCHEMA: dict[str, Any] = {
    "client": pl.String,
    "project": pl.String,
    "person": pl.String,
    "started_at": UTC,
    "duration_seconds": pl.Int64,
    "billable": pl.Boolean,
    "bill_rate_minor": pl.Int64,
    "currency": pl.String,
    "task": pl.String,
    "note": pl.String,
}


@dataclass(frozen=True)
class Names:
    """What an entry's ids name in its workspace (from the lists read before the entries)."""

    projects: dict[str, dict[str, Any]]
    clients: dict[str, str]
    currency: str | None


def seconds(duration: str | None) -> int | None:
    """Seconds of an ISO 8601 duration (``PT1H30M30S``); None when absent or unreadable."""
    if not duration:
        return None
    match = _DURATION.fullmatch(duration.strip())
    if match is None or not any(match.groupdict().values()):
        return None
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return int(parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"])


def instant(value: str | None) -> dt.datetime | None:
    """A UTC instant from Clockify's ISO text (``2026-03-04T15:23:00Z``), to the second:
    the export writes no fractions, and the key must not tell the two apart."""
    if not value:
        return None
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # Clockify writes UTC with a Z; be tolerant of none
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC).replace(microsecond=0)


def nested(entry: dict[str, Any], name: str) -> dict[str, Any]:
    """An embedded object (``project``, ``task``, ``hourlyRate``): empty when it is
    absent or null, as it is without ``hydrated`` or for an entry with no rate."""
    value = entry.get(name)
    return value if isinstance(value, dict) else {}


def not_work(entry: dict[str, Any]) -> Phrase | None:
    """Why a break or time-off entry is left out (the importer's own reason), else None."""
    kind = str(entry.get("type") or "REGULAR").upper()
    if kind not in NOT_WORK:
        return None
    return say(
        "import.skip_clockify_not_work",
        "Clockify {kind} entries (not client work)",
        kind=kind.lower().replace("_", " "),
    )


def entry_row(
    entry: dict[str, Any], person: str, names: Names, task: str | None
) -> dict[str, Any] | None:
    """The raw row of one finished entry (None while it runs: it has no end yet)."""
    interval = entry.get("timeInterval") or {}
    start, end = instant(interval.get("start")), instant(interval.get("end"))
    if start is None or end is None:
        return None
    length = seconds(interval.get("duration"))
    if length is None:
        length = int((end - start).total_seconds())
    project_id = entry.get("projectId") or ""
    hydrated = nested(entry, "project")
    listed = names.projects.get(project_id, {})
    project = hydrated.get("name") or listed.get("name")
    client_id = hydrated.get("clientId") or listed.get("clientId") or ""
    client = names.clients.get(client_id) or hydrated.get("clientName") or listed.get("clientName")
    billable = bool(entry.get("billable"))
    rate = nested(entry, "hourlyRate")
    amount = rate.get("amount")
    return {
        "client": client,
        "project": project,
        "person": person,
        "started_at": start,
        "duration_seconds": length,
        "billable": billable,
        "bill_rate_minor": int(amount) if billable and amount is not None else 0,
        "currency": (rate.get("currency") or names.currency or None),
        "task": task,
        "note": entry.get("description"),
    }


def entries_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The ``time_entries`` frame of raw rows, texts normalised as the CSV reader does."""
    raw = pl.DataFrame(rows, schema=RAW_SCHEMA)
    return raw.select(
        text(pl.col("client")).alias("client"),
        text(pl.col("project")).alias("project"),
        text(pl.col("person")).alias("person"),
        "started_at",
        "duration_seconds",
        "billable",
        "bill_rate_minor",
        pl.col("currency").str.to_uppercase(),
        joined(text(pl.col("task")), text(pl.col("note"))).alias("description"),
    )


def local_day(start: dt.datetime, time_zone: str) -> dt.date:
    """The day an entry is filed under: its start in the business's time zone, the day
    the export shows it on."""
    return start.astimezone(ZoneInfo(time_zone)).date()
