"""Collecting parsed messages into one ``messages`` frame, with their errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from partways.core.phrase import Phrase, say

from ..base import RowError
from ..frames import frame as build_frame
from ..records import SCHEMAS, Records

_COLUMNS = [c for c in SCHEMAS["messages"] if c != "client"]
# Lists and datetimes are slow to hand to Polars one Python object at a time, so the
# columns are collected as text (addresses joined by a line break, which no address
# holds) and microseconds since 1970, and converted once per file.
_SCHEMA = {
    **{c: SCHEMAS["messages"][c] for c in _COLUMNS},
    "line": pl.Int64,
    "recipients": pl.String,
    "sent_at": pl.Int64,
}
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


class MessageRows:
    """Messages in file order, built column by column (a frame is made once, at the end)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.columns: dict[str, list[Any]] = {c: [] for c in _SCHEMA}
        self.errors: list[RowError] = []

    def add(
        self,
        record: dict[str, Any],
        line: int | None,
        fallback: dt.datetime | None = None,
        where: str | None = None,
    ) -> None:
        """Keep ``record``; a message without a date falls back or becomes an error.

        ``fallback`` is the mbox ``From `` line's date; ``where`` names the file the
        message came from when it is not ``self.path`` (a folder of messages).
        """
        if record["sent_at"] is None:
            if fallback is None:
                written = record.get("date_header")
                problem = (
                    say(
                        "import.mail_date_unreadable",
                        "the message {message} has the Date {date}, which is not a date; "
                        "expected a Date header such as 'Mon, 3 Mar 2026 10:00:00 +0100'",
                        message=_describe(record),
                        date=repr(written),
                    )
                    if written
                    else say(
                        "import.mail_date_missing",
                        "the message {message} has no Date header; "
                        "expected a Date header such as 'Mon, 3 Mar 2026 10:00:00 +0100'",
                        message=_describe(record),
                    )
                )
                self.errors.append(RowError(where or self.path, line, "Date", problem))
                return
            record["sent_at"] = fallback
        for column in _COLUMNS:
            self.columns[column].append(record[column])
        self.columns["line"].append(line)
        self.columns["recipients"][-1] = "\n".join(record["recipients"])
        self.columns["sent_at"][-1] = (record["sent_at"] - _EPOCH) // _MICROSECOND

    def extend(self, columns: dict[str, list[Any]], errors: list[RowError]) -> None:
        """Append another collector's columns and errors (a worker's share of a file)."""
        for name, values in columns.items():
            self.columns[name].extend(values)
        self.errors.extend(errors)

    def records(self) -> Records:
        frame = build_frame(self.columns, _SCHEMA).with_columns(
            pl.col("sent_at").cast(pl.Datetime("us")).dt.replace_time_zone("UTC"),
            pl.when(pl.col("recipients") == "")
            .then(pl.lit([], dtype=pl.List(pl.String)))
            .otherwise(pl.col("recipients").str.split("\n"))
            .alias("recipients"),
        )
        records = Records()
        records.add("messages", frame)
        return records


def _describe(record: dict[str, Any]) -> Phrase | str:
    """How an error names a message: its Message-ID, else its subject."""
    if record.get("message_id"):
        return f"<{record['message_id']}>"
    if record.get("subject"):
        return repr(record["subject"])
    return say("import.mail_unnamed", "without Message-ID or Subject")
