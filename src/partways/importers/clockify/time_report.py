"""Clockify's detailed time report, exported as CSV.

Columns: ``Project, Client, Description, Task, User, Group, Email, Tags, [Type],
Billable, [Invoiced, Invoice ID], Start Date, Start Time, End Date, End Time,
Duration (h), Duration (decimal), Billable Rate (USD), Billable Amount (USD)``.
Workspaces without clients drop the ``Client`` column; some name ``Task``
``Activity``. Dates are written in US order (``03/04/2024`` is 4 March), times in
12-hour form with or without seconds (``10:23 AM``, ``11:23:01 AM``), in the
exporting user's time zone without an offset. The rate columns name the workspace
currency in their header.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records
from ..values import currency_in_header, joined, local_datetime

# Entry types that are not work for anyone: Clockify writes them only when the
# workspace uses breaks or time off.
_NOT_WORK = ("break", "holiday", "time off", "time_off")
# The type each column kind parses to, for columns the header lacks.
_KIND_TYPES = {
    "bool": pl.Boolean,
    "date": pl.Date,
    "time": pl.Time,
    "duration": pl.Int64,
    "money": pl.Int64,
}


def typed(table: Table, columns: dict[str, Column]) -> pl.DataFrame:
    """``table.frame`` with each column the header lacks as a null of its kind's type.

    The CSV engine fills absent columns with null text, which Polars will not cast
    to a boolean or combine with a date.
    """
    absent = [
        pl.lit(None, dtype=_KIND_TYPES[c.kind]).alias(name)
        for name, c in columns.items()
        if not table.has(name) and c.kind in _KIND_TYPES
    ]
    return table.frame.with_columns(absent) if absent else table.frame


class ClockifyTimeImporter(CsvImporter):
    name = "clockify"
    title = marked("Clockify detailed time report (CSV)")
    kinds = ("time_entries",)
    columns = {
        "project": Column("Project"),
        "client": Column("Client", required=False),
        "description": Column("Description", required=False),
        "task": Column("Task", "Activity", required=False),
        "person": Column("User", not_empty=True),
        "group": Column("Group", required=False),
        "type": Column("Type", required=False),
        "billable": Column("Billable", kind="bool", required=False),
        "invoiced": Column("Invoiced", kind="bool", required=False),
        "day": Column("Start Date", kind="date", not_empty=True),
        "time": Column("Start Time", kind="time", not_empty=True),
        "end_day": Column("End Date", kind="date", required=False),
        "end_time": Column("End Time", kind="time", required=False),
        "clock": Column("Duration (h)", kind="duration", required=False),
        "hours": Column("Duration (decimal)", kind="duration", required=False),
        "rate": Column(pattern=r"Billable Rate \(.*\)", kind="money", required=False),
    }
    signature = ("project", "person", "day", "time")
    # Clockify writes US dates; the others are there for workspaces set to another format.
    date_order = ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")

    def header_matches(self, fields: list[str]) -> bool:
        """The signature plus a column only Clockify writes (``Group`` or ``Duration (h)``).

        Toggl's detailed report has the same start columns, but neither of these.
        """
        if not super().header_matches(fields):
            return False
        own = (self.columns["group"], self.columns["clock"], self.columns["hours"])
        return any(column.finds(h) for column in own for h in fields)

    def build(self, table: Table) -> Records:
        records = Records()
        frame = typed(table, self.columns)
        if table.has("type"):
            kind = pl.col("type").str.to_lowercase()
            not_work = frame.filter(kind.is_in(_NOT_WORK))
            for (word,), rows in not_work.group_by(["type"], maintain_order=True):
                records.skip(
                    say(
                        "import.skip_clockify_not_work",
                        "Clockify {kind} entries (not client work)",
                        kind=str(word).lower(),
                    ),
                    rows.height,
                )
            frame = frame.filter(~kind.is_in(_NOT_WORK) | kind.is_null())
        start = local_datetime(pl.col("day"), pl.col("time"), self.time_zone)
        end = local_datetime(
            pl.col("end_day").fill_null(pl.col("day")), pl.col("end_time"), self.time_zone
        )
        # "Duration (h)" is exact to the second; "Duration (decimal)" is rounded to
        # hundredths of an hour; an export without either still has start and end.
        from_clock = (end - start).dt.total_seconds().cast(pl.Int64)
        seconds = pl.coalesce("clock", "hours", from_clock)
        currency = currency_in_header(table.headers.get("rate", ""))
        frame = frame.select(
            "client",
            "project",
            "person",
            start.alias("started_at"),
            seconds.alias("duration_seconds"),
            pl.col("billable").fill_null(True),
            pl.col("rate").alias("bill_rate_minor"),
            pl.lit(currency, dtype=pl.String).alias("currency"),
            "invoiced",
            joined(pl.col("task"), pl.col("description")).alias("description"),
            "line",
        )
        frame = table.reject_skipped_times(frame, "time", self.time_zone)
        frame = table.reject(
            frame,
            pl.col("duration_seconds").is_null() | (pl.col("duration_seconds") < 0),
            f'"{table.headers.get("clock", table.headers.get("end_time", "End Time"))}"',
            say(
                "import.clockify_no_duration",
                'the entry has no duration; expected "Duration (h)", "Duration (decimal)" '
                "or an end after the start",
            ),
        )
        records.add("time_entries", frame)
        return records
