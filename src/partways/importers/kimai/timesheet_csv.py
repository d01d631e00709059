"""Kimai's timesheet export as CSV (Export → CSV), in any of four languages.

The default template writes ``Date, From, To, Duration, Currency, Price, Internal
price, Hourly price, Fixed price, Name, User, E-mail, Staff number, Customer,
Project, Activity, Description, Billable, Tags, Type, …`` with headers in the
user's language (see ``labels.py``) and meta-field columns after them. Dates are in
the language's order, times of day without an offset (the user's zone), the
duration as ``h:mm`` or decimal hours, and Price is the entry's total.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from partways.core.phrase import marked, say

from ..base import RowError
from ..csvmap import Column, CsvImporter, Table, normalise_header
from ..records import Records
from ..textio import CsvText, read_csv
from ..values import joined, local_datetime, time_of_day
from .labels import DATE_ORDERS, LABELS, LANGUAGES

# Arabic-Indic and Persian digits and the Arabic decimal and thousands separators, as
# an Arabic locale may write numbers; and its AM/PM letters, in times of day.
_ARABIC_DIGITS = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    "\u066b": ".",
    "\u066c": ",",
}
_ARABIC_TIME = {**_ARABIC_DIGITS, "ص": "AM", "م": "PM"}
_TYPES = {"bool": pl.Boolean, "money": pl.Int64, "duration": pl.Int64}
_NUMERIC_KINDS = ("date", "duration", "money", "number")
# A time of day at the end of a From/To cell ("09:00", "9:00 AM", "2024-03-31 09:00").
_TIME_AT_END = r"(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)\s*$"


def _column(
    field: str, kind: str = "text", required: bool = True, not_empty: bool = False
) -> Column:
    """A column found under its label in any of the four languages."""
    return Column(*LABELS[field], kind=kind, required=required, not_empty=not_empty)


class KimaiCsvImporter(CsvImporter):
    name = "kimai"
    title = marked("Kimai timesheet export (CSV, any of en/hr/id/ar)")
    kinds = ("time_entries",)
    columns = {
        "day": _column("day", kind="date", not_empty=True),
        "begin": _column("begin", not_empty=True),
        "end": _column("end", required=False),
        "duration": _column("duration", kind="duration"),
        "currency": _column("currency", kind="currency", required=False),
        "price": _column("price", kind="money", required=False),
        "internal_price": _column("internal_price", kind="money", required=False),
        "hourly_price": _column("hourly_price", kind="money", required=False),
        "alias": _column("alias", required=False),
        "username": _column("username", required=False),
        "customer": _column("customer", required=False),
        "project": _column("project", required=False),
        "activity": _column("activity", required=False),
        "description": _column("description", required=False),
        "billable": _column("billable", kind="bool", required=False),
    }
    # Date, From and Duration together are Kimai's: Toggl and Clockify write
    # "Start date", Harvest has no From.
    signature = ("day", "begin", "duration")

    def __init__(self) -> None:
        super().__init__()
        self._fields: list[str] = []  # the header of the file being read, for error columns

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        # Accept a header with two of the three signature columns, so that a file
        # lacking the third is told which column is missing rather than "no header".
        csv = read_csv(path, accept=self.nearly_matches)
        # Read dates in the order of the language the headers are in.
        # (date_order is a class setting elsewhere; here each file decides its own.)
        self.date_order = DATE_ORDERS[self.language(csv.header.fields)]  # type: ignore[misc]
        self._fields = csv.header.fields
        table, errors = self.parse(self.latin_digits(csv))
        records = self.build(table)
        # One list in file order: the cells the engine rejected and those build did.
        return records, sorted(errors + table.errors, key=lambda e: e.line or 0)

    def nearly_matches(self, fields: list[str]) -> bool:
        found = sum(any(self.columns[f].finds(h) for h in fields) for f in self.signature)
        return found >= 2

    def language(self, fields: list[str]) -> str:
        """The language of the header: the one whose "Date" label it uses ("en" if none)."""
        found = {normalise_header(f) for f in fields}
        for index, label in enumerate(LABELS["day"]):
            if normalise_header(label) in found:
                return LANGUAGES[index]
        return "en"

    def latin_digits(self, csv: CsvText) -> CsvText:
        """``csv`` with Arabic digits and AM/PM letters in its date, time and number
        columns written the Latin way (text columns are left as written)."""
        headers = self.locate(csv.header)
        exprs = []
        for field, column in self.columns.items():
            if field not in headers:
                continue
            if field in ("begin", "end"):
                mapping = _ARABIC_TIME
            elif column.kind in _NUMERIC_KINDS:
                mapping = _ARABIC_DIGITS
            else:
                continue
            exprs.append(
                pl.col(headers[field]).str.replace_many(list(mapping), list(mapping.values()))
            )
        csv.frame = csv.frame.with_columns(exprs)
        return csv

    def reject_times(
        self, table: Table, frame: pl.DataFrame, field: str, example: str
    ) -> pl.DataFrame:
        """``frame`` without the rows whose ``field`` (From or To) holds no time of day;
        each becomes an error that quotes the cell."""
        bad = frame.filter(pl.col(field).is_not_null() & pl.col(f"_{field}").is_null())
        if not bad.height:
            return frame
        header = table.headers[field]
        where = f'"{header}" ({self._fields.index(header) + 1})'
        for line, value in bad.select("line", field).iter_rows():
            table.errors.append(
                RowError(
                    str(table.path),
                    line,
                    where,
                    say(
                        "import.kimai_time_not",
                        "{value} is not a time of day; expected e.g. {example}",
                        value=repr(value),
                        example=example,
                    ),
                )
            )
        return frame.filter(pl.col(field).is_null() | pl.col(f"_{field}").is_not_null())

    def build(self, table: Table) -> Records:
        # The CSV engine fills absent columns with null text; give them their types so
        # that they can be divided and compared like present ones.
        absent = [
            pl.lit(None, dtype=_TYPES[c.kind]).alias(name)
            for name, c in self.columns.items()
            if not table.has(name) and c.kind in _TYPES
        ]
        frame = table.frame.with_columns(absent)
        begin = time_of_day(pl.col("begin").str.extract(_TIME_AT_END, 1))
        end = time_of_day(pl.col("end").str.extract(_TIME_AT_END, 1))
        frame = frame.with_columns(begin.alias("_begin"), end.alias("_end"))
        frame = self.reject_times(table, frame, "begin", "09:00, 09:00:00 or 9:00 AM")
        frame = self.reject_times(table, frame, "end", "17:30, 17:30:00 or 5:30 PM")
        start = local_datetime(pl.col("day"), pl.col("_begin"), self.time_zone)
        # An entry whose end is before its start went past midnight.
        stop = local_datetime(pl.col("day"), pl.col("_end"), self.time_zone)
        stop = pl.when(stop < start).then(stop + dt.timedelta(days=1)).otherwise(stop)
        seconds = pl.coalesce("duration", (stop - start).dt.total_seconds().cast(pl.Int64))
        hours = seconds.cast(pl.Float64) / 3600
        per_hour = pl.when(hours > 0)
        frame = frame.select(
            pl.col("customer").alias("client"),
            "project",
            pl.coalesce("alias", "username").alias("person"),
            start.alias("started_at"),
            seconds.alias("duration_seconds"),
            pl.col("billable").fill_null(True),
            # Price is the entry's total; the hourly price is missing for fixed prices.
            pl.coalesce("hourly_price", per_hour.then(pl.col("price") / hours).round(0))
            .cast(pl.Int64)
            .alias("bill_rate_minor"),
            per_hour.then(pl.col("internal_price") / hours)
            .round(0)
            .cast(pl.Int64)
            .alias("cost_rate_minor"),
            "currency",
            joined(pl.col("activity"), pl.col("description")).alias("description"),
            "line",
        )
        frame = table.reject_skipped_times(frame, "begin", self.time_zone)
        frame = table.reject(
            frame,
            pl.col("duration_seconds").is_null(),
            f'"{table.headers["duration"]}"',
            say(
                "import.kimai_no_duration",
                "is empty and there is no end time; expected a duration, e.g. 1:30 or 1.5",
            ),
        )
        records = Records()
        records.add("time_entries", frame)
        return records
