"""Harvest's time entries, clients and projects as the records the CSV importers make.

A time entry synced here and the same entry imported from Harvest's detailed time
report must get the same record key, so every identity field is filled the way
:class:`~partways.importers.harvest.time_report.HarvestTimeImporter` fills it from
the export, and with the same Polars expressions where the export has text:

- the person is the user's name (the export writes it as First Name + Last Name);
- the entry starts at 09:00 local time on its ``spent_date`` (the export has no time
  of day; ``started_time``, which only timestamp-timer accounts have, is not used);
- the seconds are ``hours`` at the two decimals the export writes, times 3600;
- the description is ``Task: notes`` (or whichever of the two there is).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import polars as pl

from partways.importers.harvest.time_report import DAY_START, person
from partways.importers.values import currency, joined, local_datetime, text

# The export writes hours with two decimals (0.01 h is 36 s); the API's float is
# read at the same precision so that both give the same seconds.
HOURS = Decimal("0.01")

_RAW = {
    "client": pl.String,
    "project": pl.String,
    "person": pl.String,
    "day": pl.Date,
    "duration_seconds": pl.Int64,
    "billable": pl.Boolean,
    "bill_rate_minor": pl.Int64,
    "cost_rate_minor": pl.Int64,
    "currency": pl.String,
    "invoiced": pl.Boolean,
    "task": pl.String,
    "notes": pl.String,
}


def decimal(value: Any) -> Decimal | None:
    """A JSON number as the Decimal it was written as (``2.11``, not 2.1099999…)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def seconds(hours: Any) -> int | None:
    """Seconds of ``hours`` read at the export's two decimals."""
    value = decimal(hours)
    if value is None:
        return None
    return int(value.quantize(HOURS, rounding=ROUND_HALF_UP) * 3600)


def minor(amount: Any) -> int:
    """An hourly rate in minor units, rounded half away from zero as the importer does.

    A missing rate is 0: the export writes ``0.00`` where the API has ``null`` (a
    non-billable entry, a user without a cost rate).
    """
    value = decimal(amount)
    if value is None:
        return 0
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _lines(value: Any) -> str | None:
    """Text with every line break a LF, as the CSV reader gives a multi-line cell."""
    if not isinstance(value, str):
        return None
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _name(obj: Any) -> str | None:
    return _lines(obj.get("name")) if isinstance(obj, Mapping) else None


def hours_of(entry: Mapping[str, Any]) -> Any:
    """The hours an entry counts with: a running timer counts what it had before it was
    last started (0 for a new timer, which is not synced until it stops)."""
    if entry.get("is_running"):
        return entry.get("hours_without_timer")
    return entry.get("hours")


def raw_row(entry: Mapping[str, Any], currencies: Mapping[Any, Any]) -> dict[str, Any]:
    """One entry's values before the importer's text handling (see :func:`entry_frame`)."""
    client: Mapping[str, Any] = entry.get("client") or {}
    code = client.get("currency") or currencies.get(client.get("id"))
    return {
        "client": _name(client),
        "project": _name(entry.get("project")),
        "person": _name(entry.get("user")),
        "day": dt.date.fromisoformat(str(entry["spent_date"])[:10]),
        "duration_seconds": seconds(hours_of(entry)),
        "billable": entry.get("billable"),
        "bill_rate_minor": minor(entry.get("billable_rate")),
        "cost_rate_minor": minor(entry.get("cost_rate")),
        "currency": code if isinstance(code, str) else None,
        "invoiced": entry.get("is_billed"),
        "task": _name(entry.get("task")),
        "notes": _lines(entry.get("notes")),
    }


def entry_frame(rows: list[dict[str, Any]], time_zone: str) -> pl.DataFrame:
    """``time_entries`` rows (plus ``day``) from :func:`raw_row` values, through the
    same expressions the CSV importer applies to the export's cells."""
    raw = pl.DataFrame(rows, schema=_RAW)
    return raw.select(
        text(pl.col("client")).alias("client"),
        text(pl.col("project")).alias("project"),
        # The export's two name cells, trimmed, joined by a space: here one cell.
        person(text(pl.col("person")), pl.lit(None, pl.String)).alias("person"),
        local_datetime(pl.col("day"), pl.lit(DAY_START), time_zone).alias("started_at"),
        "duration_seconds",
        pl.col("billable").fill_null(True),
        "bill_rate_minor",
        "cost_rate_minor",
        currency(text(pl.col("currency"))).alias("currency"),
        "invoiced",
        joined(text(pl.col("task")), text(pl.col("notes"))).alias("description"),
        "day",
    )


def client_rows(clients: Sequence[Mapping[str, Any]]) -> tuple[pl.DataFrame, list[str]]:
    """``clients`` rows (the name, as the clients list export gives it) and their ids."""
    named = [(str(c["id"]), _name(c)) for c in clients if _name(c)]
    frame = pl.DataFrame({"client": [n for _, n in named]}, schema={"client": pl.String})
    return frame.select(text(pl.col("client")).alias("client")), [i for i, _ in named]


def project_rows(projects: Sequence[Mapping[str, Any]]) -> tuple[pl.DataFrame, list[str]]:
    """``projects`` rows (client name, project name) and their ids."""
    named = [(str(p["id"]), _name(p.get("client")), _name(p)) for p in projects if _name(p)]
    frame = pl.DataFrame(
        {"client": [c for _, c, _ in named], "project": [n for _, _, n in named]},
        schema={"client": pl.String, "project": pl.String},
    )
    return (
        frame.select(
            text(pl.col("client")).alias("client"), text(pl.col("project")).alias("project")
        ),
        [i for i, _, _ in named],
    )
