"""Harvest's detailed time report, exported as CSV.

Columns: ``Date, Client, Project, Project Code, Task, Notes, Hours, Billable?,
Invoiced?, Approved?, First Name, Last Name, Roles, Employee?, Billable Rate,
Billable Amount, Cost Rate, Cost Amount, Currency, External Reference URL``.
Numbers follow the account's number format (``2.000,0`` and ``0,01`` in a German
one); the currency is written ``Euro - EUR``. Harvest gives each entry a day and
a number of hours but no start time, so entries start at 09:00 local time on
their day (partways looks at time by month, so the hour only has to be stable).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records
from ..values import joined, local_datetime

# The start partways gives an entry that has only a day (see the module docstring).
DAY_START = dt.time(9, 0)


def person(first: pl.Expr, last: pl.Expr) -> pl.Expr:
    """``First Last``, or whichever of the two is there (null when neither)."""
    return pl.concat_str([first, last], separator=" ", ignore_nulls=True).replace("", None)


class HarvestTimeImporter(CsvImporter):
    name = "harvest"
    title = marked("Harvest detailed time report (CSV)")
    kinds = ("time_entries",)
    columns = {
        "day": Column("Date", kind="date", not_empty=True),
        "client": Column("Client"),
        "project": Column("Project"),
        "task": Column("Task", required=False),
        "notes": Column("Notes", required=False),
        "hours": Column("Hours", kind="duration", not_empty=True),
        "billable": Column("Billable?", kind="bool", required=False),
        "invoiced": Column("Invoiced?", kind="bool", required=False),
        "first": Column("First Name"),
        "last": Column("Last Name"),
        "rate": Column("Billable Rate", kind="money", required=False),
        "cost": Column("Cost Rate", kind="money", required=False),
        "currency": Column("Currency", kind="currency", required=False),
    }
    # First and last name in two columns plus "Hours" are Harvest's own.
    signature = ("day", "project", "hours", "first", "last")
    date_order = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y")

    def build(self, table: Table) -> Records:
        frame = table.frame
        frame = frame.select(
            "client",
            "project",
            person(pl.col("first"), pl.col("last")).alias("person"),
            local_datetime(pl.col("day"), pl.lit(DAY_START), self.time_zone).alias("started_at"),
            pl.col("hours").alias("duration_seconds"),
            # Aliased: without either column, two literals would share one name.
            (pl.col("billable") if table.has("billable") else pl.lit(True))
            .fill_null(True)
            .alias("billable"),
            pl.col("rate").alias("bill_rate_minor"),
            pl.col("cost").alias("cost_rate_minor"),
            "currency",
            (pl.col("invoiced") if table.has("invoiced") else pl.lit(None, pl.Boolean)).alias(
                "invoiced"
            ),
            joined(pl.col("task"), pl.col("notes")).alias("description"),
            "line",
        )
        frame = table.reject(
            frame,
            pl.col("started_at").is_null(),
            f'"{table.headers["day"]}"',
            say(
                "import.harvest_day_start_skipped",
                "09:00 on this day does not exist in {zone}; expected a day "
                "that has that hour, or a different --time-zone",
                zone=self.time_zone,
            ),
        )
        records = Records()
        records.add("time_entries", frame)
        return records
