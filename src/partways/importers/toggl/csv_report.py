"""Toggl Track's detailed report, exported as CSV.

Columns: ``User, Email, Client, Project, Task, Description, Billable, Start date,
Start time, End date, End time, Duration, Tags, Amount (EUR)``. The amount column
names the workspace currency in its header (``Amount ()`` when none is set); start
times are in the exporting user's time zone, without an offset.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked

from ..csvmap import Column, CsvImporter, Table
from ..records import Records
from ..values import currency_in_header, joined, local_datetime


class TogglCsvImporter(CsvImporter):
    name = "toggl"
    title = marked("Toggl Track detailed report (CSV)")
    kinds = ("time_entries",)
    columns = {
        "person": Column("User", not_empty=True),
        "email": Column("Email", required=False),
        "client": Column("Client", required=False),
        "project": Column("Project", required=False),
        "task": Column("Task", required=False),
        "description": Column("Description", required=False),
        "billable": Column("Billable", kind="bool", required=False),
        "day": Column("Start date", kind="date", not_empty=True),
        "time": Column("Start time", kind="time", not_empty=True),
        "seconds": Column("Duration", kind="duration", not_empty=True),
        "amount": Column(pattern=r"Amount \(.*\)", kind="money", required=False),
    }
    signature = ("person", "day", "time", "seconds")
    date_order = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y")

    def build(self, table: Table) -> Records:
        currency = currency_in_header(table.headers.get("amount", ""))
        hours = pl.col("seconds") / 3600
        # Toggl gives the entry's amount, not its rate: the rate is amount per hour.
        rate = pl.when(hours > 0).then((pl.col("amount").cast(pl.Float64) / hours).round(0))
        frame = table.frame.select(
            "client",
            "project",
            "person",
            local_datetime(pl.col("day"), pl.col("time"), self.time_zone).alias("started_at"),
            pl.col("seconds").alias("duration_seconds"),
            # Without a Billable column (a free workspace) every entry counts as billable.
            (pl.col("billable") if table.has("billable") else pl.lit(None, pl.Boolean))
            .fill_null(True)
            .alias("billable"),
            rate.cast(pl.Int64).alias("bill_rate_minor"),
            pl.lit(currency, dtype=pl.String).alias("currency"),
            joined(pl.col("task"), pl.col("description")).alias("description"),
            "line",
        )
        frame = table.reject_skipped_times(frame, "time", self.time_zone)
        records = Records()
        records.add("time_entries", frame)
        return records
