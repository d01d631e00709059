"""Declarative column maps for CSV exports.

A CSV importer says which columns it reads, under which header names (every
language the tool translates its headers into), and what kind of value each holds:

    columns = {
        "person": Column("User", "Korisnik"),
        "day": Column("Start date", kind="date"),
        "seconds": Column("Duration", kind="duration"),
        "amount": Column(pattern=r"Amount \\(.*\\)", kind="money", required=False),
    }

:class:`CsvImporter` finds those columns in the header, parses each cell with the
column's kind (in the locale the column's values show), reports every cell it
cannot read with its line, column and what was expected, and hands the parsed
table to the importer's :meth:`CsvImporter.build`, which turns it into records.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import polars as pl

from partways.core.phrase import Phrase, say, say_n

from . import values
from .base import Importer, ImportFailed, RowError
from .records import Records
from .textio import CsvHeader, CsvText, find_header, head_text, read_csv

KINDS = (
    "text",
    "int",
    "number",
    "money",
    "date",
    "time",
    "duration",
    "bool",
    "currency",
    "instant",
)

_NULL_TEXT = pl.Series([None], dtype=pl.String)

# The type of a parsed column, also of an optional column the file does not have.
DTYPES: dict[str, pl.DataType] = {
    "text": pl.String(),
    "int": pl.Int64(),
    "number": pl.Decimal(38, 6),
    "money": pl.Int64(),
    "date": pl.Date(),
    "time": pl.Time(),
    "duration": pl.Int64(),
    "bool": pl.Boolean(),
    "currency": pl.String(),
    "instant": pl.Datetime("us", "UTC"),
}

# What a cell of each kind should hold, said in an error about one that does not.
_EXPECTED = {
    "text": say("import.expected_text", "text"),
    "int": say("import.expected_int", "a whole number, e.g. 12"),
    "number": say("import.expected_number", "a number, e.g. 1234.50 or 1.234,50"),
    "money": say(
        "import.expected_money", "an amount, e.g. 1234.50, 1.234,50, $1,234.50 or (400.00)"
    ),
    "time": say("import.expected_time", "a time of day, e.g. 14:30, 14:30:05 or 2:30 PM"),
    "duration": say("import.expected_duration", "a duration, e.g. 1:30:00, 1:30 or 1.5 (hours)"),
    "bool": say(
        "import.expected_bool", "yes or no (also true/false, 1/0, da/ne, ya/tidak, نعم/لا)"
    ),
    "currency": say("import.expected_currency", "a currency, e.g. EUR, Euro - EUR or €"),
    "instant": say("import.expected_instant", "a date and time, e.g. 2024-03-04T10:23:00+01:00"),
}


def normalise_header(name: str) -> str:
    """Header text compared without case, accents, spacing or punctuation at the ends."""
    folded = unicodedata.normalize("NFKC", name).casefold().strip()
    return re.sub(r"\s+", " ", folded).strip(" :?*")


@dataclass(frozen=True)
class Column:
    """A column an importer reads: its header names (any of them) or a header pattern."""

    names: tuple[str, ...]
    kind: str = "text"
    required: bool = True  # the column must be in the header
    not_empty: bool = False  # and every row must have a value in it
    pattern: str | None = None  # a regular expression the header must match instead

    def __init__(
        self,
        *names: str,
        kind: str = "text",
        required: bool = True,
        not_empty: bool = False,
        pattern: str | None = None,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown column kind {kind!r}")
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "not_empty", not_empty)
        object.__setattr__(self, "pattern", pattern)

    def finds(self, header: str) -> bool:
        if self.pattern is not None:
            return re.fullmatch(self.pattern, header.strip(), flags=re.IGNORECASE) is not None
        wanted = {normalise_header(n) for n in self.names}
        return normalise_header(header) in wanted

    def describe(self) -> str:
        return " / ".join(f'"{n}"' for n in self.names) if self.names else f"/{self.pattern}/"


@dataclass
class Table:
    """A CSV export with its mapped columns parsed: what :meth:`CsvImporter.build` gets.

    ``frame`` holds one column per mapped field (typed, null where empty or absent)
    plus ``line`` (the row's line in the file). ``headers`` gives the header each
    field was found under (absent fields are missing), e.g. to read a currency from
    ``Amount (EUR)``.
    """

    path: Path
    frame: pl.DataFrame
    headers: dict[str, str]
    date_formats: dict[str, str] = field(default_factory=dict)

    errors: list[RowError] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.headers

    def reject(
        self, frame: pl.DataFrame, bad: pl.Expr, column: str, message: Phrase
    ) -> pl.DataFrame:
        """``frame`` without the rows where ``bad`` holds; each becomes an error.

        For problems only visible once columns are combined, e.g. a local time that
        does not exist because the clocks went forward that night.
        """
        flagged = frame.filter(bad)
        for line in flagged["line"].to_list():
            self.errors.append(RowError(str(self.path), line, column, message))
        return frame.filter(~bad) if flagged.height else frame

    def reject_skipped_times(self, frame: pl.DataFrame, field: str, zone: str) -> pl.DataFrame:
        """``frame`` without rows whose ``started_at`` is null because their local time
        never happened in ``zone`` (the hour skipped when clocks go forward); each is an
        error at the column of ``field``."""
        return self.reject(
            frame,
            pl.col("started_at").is_null(),
            f'"{self.headers[field]}"',
            say(
                "import.time_skipped",
                "this local time does not exist in {zone} (the clocks went forward); "
                "expected a time that happened, or a different --time-zone",
                zone=zone,
            ),
        )


class CsvImporter(Importer):
    """An importer for one CSV export, driven by its :attr:`columns` map.

    ``signature`` lists fields whose columns must all be present for
    :meth:`identify` to say yes; ``date_order`` lists the date formats to try, most
    likely first (Clockify writes US dates, Kimai the user's locale).
    """

    columns: ClassVar[Mapping[str, Column]]
    signature: ClassVar[tuple[str, ...]]
    date_order: ClassVar[tuple[str, ...]] = values.DATE_FORMATS

    def header_matches(self, fields: list[str]) -> bool:
        return all(any(self.columns[f].finds(h) for h in fields) for f in self.signature)

    def identify(self, path: Path) -> bool:
        if path.suffix.lower() not in {".csv", ".txt", ".tsv", ""} or not path.is_file():
            return False
        return find_header(head_text(path), self.header_matches) is not None

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        csv = read_csv(
            path, accept=self.header_matches, keep=lambda header: self.locate(header).values()
        )
        rows = csv.frame.height
        self.progress(0, rows)
        table, errors = self.parse(csv)
        del csv  # the raw text cells: no longer needed, and a large file's biggest part
        self.progress(rows, rows)
        records = self.build(table)
        return records, errors + table.errors

    def build(self, table: Table) -> Records:
        """Turn the parsed table into records. Every CSV importer writes this."""
        raise NotImplementedError

    # --- the engine ---------------------------------------------------------------

    def locate(self, header: CsvHeader) -> dict[str, str]:
        """Map each field to the header it was found under; raises for missing ones."""
        found: dict[str, str] = {}
        for name, column in self.columns.items():
            match = next((h for h in header.fields if column.finds(h)), None)
            if match is not None:
                found[name] = match
        missing = [c.describe() for n, c in self.columns.items() if c.required and n not in found]
        if missing:
            raise ImportFailed(
                say_n(
                    "import.csv_columns_missing",
                    "the header lacks the column(s) {missing}; found: {found}.",
                    "the header lacks the column(s) {missing}; found: {found}.",
                    len(missing),
                    missing=", ".join(missing),
                    found=", ".join(repr(h) for h in header.fields),
                )
            )
        return found

    def parse(self, csv: CsvText) -> tuple[Table, list[RowError]]:
        """Parse every mapped column. Rows with an unreadable cell are dropped and reported."""
        headers = self.locate(csv.header)
        # Duplicate header names were renamed "X (2)" by read_csv; map to the first.
        raw = csv.frame
        columns: list[pl.Series] = []
        # (field, the rows it fails in, whether it fails by being empty, what it expects)
        problems: list[tuple[str, pl.Series, bool, Phrase]] = []
        date_formats: dict[str, str] = {}
        for name, column in self.columns.items():
            if name not in headers:
                columns.append(pl.Series(name, [None] * raw.height, dtype=DTYPES[column.kind]))
                continue
            # One trimmed copy per column serves the emptiness test and text columns.
            stripped = raw[headers[name]].str.strip_chars()
            empty = stripped.is_null() | (stripped == "")
            if column.kind == "text":
                parsed, expected = stripped.zip_with(~empty, _NULL_TEXT), _EXPECTED["text"]
            else:
                parsed, expected = self._parse_column(
                    raw, headers[name], column, date_formats, name
                )
            columns.append(parsed.alias(name))
            if column.kind != "text":
                problems.append((name, ~empty & parsed.is_null(), False, expected))
            if column.not_empty:
                problems.append((name, empty, True, expected))
        flags = [p[1].alias(f"_bad_{i}") for i, p in enumerate(problems)]
        parsed_frame = pl.DataFrame([*columns, *flags, raw["_row"]])
        errors: list[RowError] = []
        if problems:
            any_bad = pl.any_horizontal([pl.col(f"_bad_{i}") for i in range(len(problems))])
            bad = parsed_frame.filter(any_bad)
            if bad.height:
                errors = self._errors(csv, raw, bad, problems, headers)
                parsed_frame = parsed_frame.filter(~any_bad)
        lines = pl.col("_row") + csv.header.index + 2  # exact unless a field spans lines
        direct = csv.blank_rows == 0 and csv.newlines - csv.header.index - raw.height in (0, 1)
        if errors or not direct:
            mapping = csv.lines_of(parsed_frame["_row"].to_list())
            lines = pl.col("_row").replace_strict(mapping, return_dtype=pl.Int64)
        frame = parsed_frame.select([*self.columns.keys(), lines.alias("line")])
        return Table(csv.path, frame, headers, date_formats), errors

    def _parse_column(
        self,
        raw: pl.DataFrame,
        header: str,
        column: Column,
        date_formats: dict[str, str],
        name: str,
    ) -> tuple[pl.Series, Phrase]:
        """The column parsed by its kind (whole-column, fast path first) and what it expects."""
        series = raw[header]
        kind = column.kind
        if kind == "text":
            return raw.select(values.text(pl.col(header))).to_series(), _EXPECTED["text"]
        if kind in ("number", "money", "duration"):
            comma = values.decimal_comma(series)
            if kind == "number":
                return values.parse_number(series, comma), _EXPECTED[kind]
            if kind == "money":
                return values.parse_minor_units(series, comma), _EXPECTED[kind]
            return values.parse_duration(series, comma), _EXPECTED[kind]
        if kind == "time":
            return values.parse_time(series), _EXPECTED[kind]
        if kind == "date":
            picked = values.pick_date_format(series, self.date_order)
            fmt = picked or self.date_order[0]
            date_formats[name] = fmt
            parsed = raw.select(values.date(pl.col(header), fmt)).to_series()
            if picked is None:  # no value of the column reads in any known way
                shown = ", ".join(_example_date(f) for f in self.date_order[:4])
                return parsed, say(
                    "import.expected_date_any",
                    "a date in a form this export writes, e.g. {examples}",
                    examples=shown,
                )
            return parsed, say(
                "import.expected_date_like_column",
                "a date written like the rest of the column ({example})",
                example=_example_date(fmt),
            )
        expr = {
            "int": pl.col(header).str.strip_chars().cast(pl.Int64, strict=False),
            "bool": values.boolean(pl.col(header)),
            "currency": values.currency(pl.col(header)),
            "instant": values.instant(pl.col(header), self.time_zone),
        }[kind]
        return raw.select(expr).to_series(), _EXPECTED[kind]

    def _errors(
        self,
        csv: CsvText,
        raw: pl.DataFrame,
        bad: pl.DataFrame,
        problems: list[tuple[str, pl.Series, bool, Phrase]],
        headers: dict[str, str],
    ) -> list[RowError]:
        rows = bad["_row"].to_list()
        lines = csv.lines_of(rows)
        raw_rows = raw.filter(pl.col("_row").is_in(rows))
        cells = {r["_row"]: r for r in raw_rows.iter_rows(named=True)}
        errors = []
        for record in bad.iter_rows(named=True):
            row = record["_row"]
            for i, (name, _, empty, expected) in enumerate(problems):
                if record[f"_bad_{i}"]:
                    header = headers[name]
                    number = csv.columns.index(header) + 1 if header in csv.columns else None
                    where = f'"{header}"' + (f" ({number})" if number else "")
                    message = _cell_problem(cells[row][header], empty, expected)
                    errors.append(RowError(str(csv.path), lines[row], where, message))
        return errors


def _cell_problem(value: str | None, empty: bool, expected: Phrase) -> Phrase:
    """What is wrong with a cell: its value (when it has one) is not what was expected."""
    if not empty:
        return say(
            "import.cell_not", "{value} is not {expected}", value=repr(value), expected=expected
        )
    if value in (None, ""):
        return say("import.cell_empty", "is empty; expected {expected}", expected=expected)
    # Only white space: shown, so that the reader sees why it counts as empty.
    return say(
        "import.cell_blank",
        "{value} is empty; expected {expected}",
        value=repr(value),
        expected=expected,
    )


def _example_date(fmt: str) -> str:
    import datetime as dt

    return dt.date(2024, 3, 31).strftime(fmt)
