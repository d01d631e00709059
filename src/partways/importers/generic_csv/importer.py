"""Any other CSV, read through a column-mapping file the user writes.

The mapping names the record kind and the column each field comes from; this
module turns it into a :class:`~partways.importers.csvmap.CsvImporter` column map
at run time, so a mapped CSV gets the same parsing and the same error reports
(line, column, what was expected) as the built-in formats.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import polars as pl

from partways.core.phrase import Phrase, marked, say

from .. import values
from ..base import Importer, ImportFailed, RowError
from ..csvmap import Column, CsvImporter, Table
from ..records import SCHEMAS, Records
from ..textio import find_header, head_text, read_csv
from .mapping import REQUIRED, FieldMap, Mapping, read_mapping

MAPPING_SUFFIXES = (".mapping.toml", ".mapping.yaml", ".mapping.yml")
# The csvmap kind each way of writing a value is parsed with.
_CSV_KIND = {
    "text": "text",
    "list": "text",
    "currency": "currency",
    "bool": "bool",
    "int": "int",
    "minor": "int",
    "money": "money",
    "duration": "duration",
    "hours": "number",
    "minutes": "number",
    "seconds": "number",
    "date": "date",
    "instant": "instant",
}
_SECONDS = {"hours": 3600, "minutes": 60, "seconds": 1}


def mapping_beside(path: Path) -> Path | None:
    """The mapping file next to ``path``: ``hours.csv.mapping.toml`` or ``hours.mapping.toml``."""
    for stem in (path.name, path.stem):
        for suffix in MAPPING_SUFFIXES:
            candidate = path.with_name(stem + suffix)
            if candidate.is_file():
                return candidate
    return None


class MappedCsvImporter(Importer):
    """A CSV of any layout, read with the mapping in option ``mapping`` or beside the file."""

    name = "mapped-csv"
    title = marked("Any CSV, with a column-mapping file (TOML or YAML)")
    kinds = tuple(SCHEMAS)
    priority = 0  # the last resort: every specific importer comes first

    def mapping_path(self, path: Path) -> Path | None:
        given = self.options.get("mapping")
        return Path(given) if given else mapping_beside(path)

    def identify(self, path: Path) -> bool:
        name = path.name.lower()
        if not path.is_file() or name.endswith((".toml", ".yaml", ".yml")):
            return False
        return self.mapping_path(path) is not None

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Records of the mapping's kind; raises ImportFailed for a bad mapping or header.

        Without a mapping (no option and no file beside the CSV) the file cannot be
        read, which is said the same way.
        """
        mapping_file = self.mapping_path(path)
        if mapping_file is None:
            raise ImportFailed(
                say(
                    "import.mapping_missing",
                    "no column mapping; write {name}.mapping.toml beside it "
                    "or give one with --mapping.",
                    name=path.name,
                ),
                str(path),
            )
        mapping = read_mapping(mapping_file)
        engine = _engine(mapping, mapping.time_zone or self.time_zone)
        engine.progress = self.progress
        return engine.extract(path)


def _engine(mapping: Mapping, time_zone: str) -> _MappedEngine:
    columns: dict[str, Column] = {}
    for name, field in mapping.fields.items():
        if field.has_constant or field.header is None:
            continue
        # A field the kind cannot do without must have a value on every row.
        needed = name in REQUIRED[mapping.kind]
        if field.value_kind == "date_time":
            columns[name] = Column(field.header, kind="date", not_empty=needed)
            if field.time_header:
                columns[f"{name}__time"] = Column(field.time_header, kind="time", not_empty=needed)
        else:
            columns[name] = Column(field.header, kind=_CSV_KIND[field.value_kind], not_empty=needed)
    # A class per mapping: CsvImporter reads its column map from the class.
    engine_class = type(
        "MappedColumns",
        (_MappedEngine,),
        {
            "columns": columns,
            "signature": tuple(columns),
        },
    )
    engine: _MappedEngine = engine_class(mapping)
    engine.time_zone = time_zone
    return engine


class _MappedEngine(CsvImporter):
    name = "mapped-csv-engine"
    title = "column map built from a mapping file"
    kinds = ()
    signature: ClassVar[tuple[str, ...]] = ()

    def __init__(self, mapping: Mapping) -> None:
        super().__init__()
        self.mapping = mapping

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        # The header is the first line holding every mapped column; when there is
        # none, take the first line, so that the error names the missing columns.
        header = find_header(head_text(path), self.header_matches)
        csv = read_csv(path, header=header)
        table, errors = self.parse(csv)
        records = self.build(table)
        return records, errors + table.errors

    def _field(self, name: str) -> FieldMap | None:
        base = name.removesuffix("__time")
        return self.mapping.fields.get(base)

    def _parse_column(
        self,
        raw: pl.DataFrame,
        header: str,
        column: Column,
        date_formats: dict[str, str],
        name: str,
    ) -> tuple[pl.Series, Phrase]:
        """As CsvImporter's, but a date format or decimal comma the mapping names wins.

        The engine otherwise decides both from the column's values; a user who
        states them knows better (``03/04/2026`` in a column with no day above 12).
        """
        field = self._field(name)
        if field is not None and column.kind == "date" and field.date_format:
            date_formats[name] = field.date_format
            example = dt.date(2024, 3, 31).strftime(field.date_format)
            parsed = raw.select(values.date(pl.col(header), field.date_format)).to_series()
            return parsed, say(
                "import.expected_date_like", "a date written like {example}", example=example
            )
        if (
            field is not None
            and field.decimal_comma is not None
            and column.kind in ("number", "money", "duration")
        ):
            comma = field.decimal_comma
            example = "1.234,50" if comma else "1,234.50"
            series = raw[header]
            if column.kind == "number":
                return values.parse_number(series, comma), say(
                    "import.expected_number_like",
                    "a number written like {example}",
                    example=example,
                )
            if column.kind == "money":
                return values.parse_minor_units(series, comma), say(
                    "import.expected_money_like",
                    "an amount written like {example}",
                    example=example,
                )
            return values.parse_duration(series, comma), say(
                "import.expected_duration_like",
                "a duration written like 1:30:00, 1:30 or {hours} (hours)",
                hours="1,5" if comma else "1.5",
            )
        return super()._parse_column(raw, header, column, date_formats, name)

    def build(self, table: Table) -> Records:
        kind = self.mapping.kind
        exprs = {name: self._value(field) for name, field in self.mapping.fields.items()}
        if self.mapping.currency and "currency" in SCHEMAS[kind]:
            given = exprs.get("currency", pl.lit(None, dtype=pl.String))
            exprs["currency"] = pl.coalesce(given, pl.lit(self.mapping.currency))
        # Both a date and a time were read, yet no instant came out: the clocks skipped it.
        gaps = {
            name: pl.col(name).is_not_null()
            & pl.col(f"{name}__time").is_not_null()
            & exprs[name].is_null()
            for name, field in self.mapping.fields.items()
            if field.value_kind == "date_time" and field.time_header
        }
        frame = table.frame.select(
            *(e.alias(n) for n, e in exprs.items()),
            *(g.alias(f"_gap_{n}") for n, g in gaps.items()),
            "line",
        )
        for name in gaps:
            frame = table.reject(
                frame,
                pl.col(f"_gap_{name}"),
                f'"{table.headers[f"{name}__time"]}"',
                say(
                    "import.mapped_time_skipped",
                    "this local time does not exist in {zone} (the clocks went "
                    "forward); expected a time that happened, or another time_zone",
                    zone=self.time_zone,
                ),
            ).drop(f"_gap_{name}")
        frame = self._check_choices(table, frame)
        records = Records()
        records.add(kind, frame)
        return records

    def _value(self, field: FieldMap) -> pl.Expr:
        name = field.name
        dtype = SCHEMAS[self.mapping.kind][name]
        if field.has_constant:
            return pl.lit(field.constant, dtype=dtype)
        col = pl.col(name)
        kind = field.value_kind
        if kind == "list":
            parts = col.str.split(field.split).list.eval(pl.element().str.strip_chars())
            return parts.list.eval(pl.element().filter(pl.element() != ""))
        if kind in _SECONDS:
            return (col * _SECONDS[kind]).round(0).cast(pl.Int64)
        if kind == "date_time":
            return values.local_datetime(col, pl.col(f"{name}__time"), self.time_zone)
        if kind == "date" and dtype != pl.Date:
            return values.local_datetime(col, None, self.time_zone)  # a day: its midnight
        if name == "status" and self.mapping.kind == "invoices":
            return col.str.to_lowercase()  # the store expects the export's word in lower case
        return col

    def _check_choices(self, table: Table, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` without rows whose value is not one the field allows (each reported)."""
        for name, allowed in self.mapping.enums.items():
            field = self.mapping.fields.get(name)
            if field is None or field.has_constant:
                continue
            frame = table.reject(
                frame,
                pl.col(name).is_not_null() & ~pl.col(name).is_in(list(allowed)),
                f'"{table.headers[name]}"',
                say("import.not_a_choice", "is not one of {choices}", choices=", ".join(allowed)),
            )
        return frame
