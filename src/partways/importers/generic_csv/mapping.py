"""The column-mapping file: which record kind a CSV holds and where each field comes from.

Read from TOML or YAML (see this folder's README.md for the format). Every problem
in the mapping file is collected and raised together as one :class:`ImportFailed`,
each with its line, because a mapping that is wrong anywhere would misread every row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl

from partways.core.phrase import Phrase, say

from ..base import ImportFailed, joined, located
from ..records import SCHEMAS, UTC
from ..records_file.located import Node, load
from ..records_file.schema import CHOICES

# The fields each kind cannot do without (mapped to a column, or given as a value).
REQUIRED: dict[str, tuple[str, ...]] = {
    "clients": ("client",),
    "projects": ("project",),
    "time_entries": ("started_at", "duration_seconds"),
    "invoices": ("number", "amount_minor"),
    "payments": ("paid_on", "amount_minor"),
    "expenses": ("spent_on", "amount_minor"),
    "messages": ("sent_at",),
    "meetings": ("starts_at",),
    "contracts": ("client", "start"),
    "deliverables": ("client", "title"),
    "proposals": ("client", "kind", "title", "submitted_on"),
    "incidents": ("client", "kind", "occurred_at"),
    "flags": ("client", "kind", "reason", "created_on"),
}

# Allowed values of the fields that have a fixed set (checked on every row).
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    **CHOICES,
    "messages": {"channel": ("email", "chat")},
    "meetings": {"status": ("held", "no_show", "cancelled")},
}

# The largest whole number a record field holds (a 64-bit integer).
INT64 = 2**63 - 1

TOP_KEYS = ("partways", "kind", "time_zone", "date_format", "decimal_comma", "currency", "fields")
FIELD_KEYS = ("header", "value", "date", "time", "kind", "format", "decimal_comma", "split")


def value_kinds(kind: str, name: str) -> tuple[str, ...]:
    """How a field's cells may be written; the first is the default."""
    dtype = SCHEMAS[kind][name]
    if name == "duration_seconds":
        return ("duration", "hours", "minutes", "seconds")
    if name.endswith("_minor"):
        return ("money", "minor")
    if name == "currency":
        return ("currency",)
    if dtype == pl.Boolean:
        return ("bool",)
    if dtype == pl.Int64:
        return ("int",)
    if dtype == pl.Date:
        return ("date",)
    if dtype == UTC:
        return ("instant", "date")
    if dtype == pl.List(pl.String):
        return ("list",)
    return ("text",)


@dataclass
class FieldMap:
    """Where one record field comes from: a column (or a date and a time column), or a value."""

    name: str
    value_kind: str
    header: str | None = None
    time_header: str | None = None  # with ``header`` as the date column of an instant
    constant: Any = None
    has_constant: bool = False
    date_format: str | None = None
    decimal_comma: bool | None = None
    split: str = ","


@dataclass
class Mapping:
    """A checked mapping file."""

    path: Path
    kind: str
    fields: dict[str, FieldMap]
    time_zone: str | None = None
    currency: str | None = None
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read_mapping(path: Path) -> Mapping:
    """The mapping in ``path``; raises :class:`ImportFailed` listing every problem in it."""
    root, errors = load(path)
    problems = [(e.line, e.message) for e in errors]
    checker = _Checker(problems)
    mapping = checker.check(path, root)
    if problems or mapping is None:
        problems.sort(key=lambda p: p[0] or 0)
        listed = joined([located(message, None, line or None) for line, message in problems])
        raise ImportFailed(
            say(
                "import.mapping_unusable",
                "the column mapping is not usable: {problems}.",
                problems=listed,
            ),
            str(path),
        )
    return mapping


class _Checker:
    def __init__(self, problems: list[tuple[int | None, Phrase]]) -> None:
        self.problems = problems

    def bad(self, node: Node | None, message: Phrase) -> None:
        self.problems.append((node.line if node is not None else None, message))

    def check(self, path: Path, root: Node) -> Mapping | None:
        if not root.is_mapping:
            self.bad(
                root, say("import.mapping_not_a_mapping", "expected a mapping with kind and fields")
            )
            return None
        top = root.value
        for key in top:
            if key not in TOP_KEYS:
                self.bad(
                    top[key],
                    say(
                        "import.mapping_unknown_key",
                        "unknown key {key}; expected one of {keys}",
                        key=repr(key),
                        keys=", ".join(TOP_KEYS),
                    ),
                )
        kind = self.text(top.get("kind"), "kind")
        if kind is None:
            self.bad(
                root,
                say(
                    "import.mapping_kind_missing",
                    "'kind' is missing; expected one of {kinds}",
                    kinds=", ".join(SCHEMAS),
                ),
            )
            return None
        if kind not in SCHEMAS:
            self.bad(
                top["kind"],
                say(
                    "import.mapping_kind_unknown",
                    "kind {kind} is not a record kind; expected one of {kinds}",
                    kind=repr(kind),
                    kinds=", ".join(SCHEMAS),
                ),
            )
            return None
        time_zone = self.text(top.get("time_zone"), "time_zone")
        if time_zone is not None:
            try:
                ZoneInfo(time_zone)
            except (ZoneInfoNotFoundError, ValueError):
                self.bad(
                    top["time_zone"],
                    say(
                        "import.mapping_zone_unknown",
                        "time_zone {zone} is not a time zone; "
                        "expected an IANA name, e.g. Europe/Zagreb",
                        zone=repr(time_zone),
                    ),
                )
                time_zone = None
        date_format = self.date_format(top.get("date_format"))
        comma = self.boolean(top.get("decimal_comma"), "decimal_comma")
        currency = self.currency(top.get("currency"), "currency")
        fields_node = top.get("fields")
        if fields_node is None or not fields_node.is_mapping:
            self.bad(
                fields_node or root,
                say(
                    "import.mapping_fields_missing",
                    "'fields' is missing or not a mapping; expected record field = column header",
                ),
            )
            return None
        fields: dict[str, FieldMap] = {}
        for name, node in fields_node.value.items():
            if name not in SCHEMAS[kind]:
                self.bad(
                    node,
                    say(
                        "import.mapping_field_unknown",
                        "{name} is not a field of {kind}; expected one of {fields}",
                        name=repr(name),
                        kind=kind,
                        fields=", ".join(SCHEMAS[kind]),
                    ),
                )
                continue
            mapped = self.field(kind, name, node, date_format, comma)
            if mapped is not None:
                fields[name] = mapped
        for name in REQUIRED[kind]:
            if name not in fields_node.value:
                self.bad(
                    fields_node,
                    say(
                        "import.mapping_field_needed",
                        "the field {name} is not mapped; {kind} need it",
                        name=repr(name),
                        kind=kind,
                    ),
                )
        return Mapping(path, kind, fields, time_zone, currency, ENUMS.get(kind, {}))

    def field(
        self, kind: str, name: str, node: Node, date_format: str | None, comma: bool | None
    ) -> FieldMap | None:
        kinds = value_kinds(kind, name)
        if isinstance(node.value, str):
            return FieldMap(
                name, kinds[0], header=node.value, date_format=date_format, decimal_comma=comma
            )
        if not node.is_mapping:
            self.bad(
                node,
                say(
                    "import.mapping_field_shape",
                    "{name}: expected a column header, or a mapping with header, "
                    "value, or date and time",
                    name=name,
                ),
            )
            return None
        spec = node.value
        for key in spec:
            if key not in FIELD_KEYS:
                self.bad(
                    spec[key],
                    say(
                        "import.mapping_field_unknown_key",
                        "{name}: unknown key {key}; expected one of {keys}",
                        name=name,
                        key=repr(key),
                        keys=", ".join(FIELD_KEYS),
                    ),
                )
        sources = [k for k in ("header", "value", "date") if k in spec]
        if len(sources) != 1:
            self.bad(
                node,
                say(
                    "import.mapping_field_sources",
                    "{name}: expected exactly one of header, value or date "
                    "(with time); found {found}",
                    name=name,
                    found=", ".join(sources),
                )
                if sources
                else say(
                    "import.mapping_field_no_source",
                    "{name}: expected exactly one of header, value or date (with time); found none",
                    name=name,
                ),
            )
            return None
        value_kind = self.text(spec.get("kind"), f"{name}.kind") or kinds[0]
        if value_kind not in kinds:
            self.bad(
                spec["kind"],
                say(
                    "import.mapping_value_kind",
                    "{name}: kind {kind} is not possible here; expected one of {kinds}",
                    name=name,
                    kind=repr(value_kind),
                    kinds=", ".join(kinds),
                ),
            )
            return None
        out = FieldMap(
            name,
            value_kind,
            date_format=self.date_format(spec.get("format")) or date_format,
            decimal_comma=self.boolean(spec.get("decimal_comma"), f"{name}.decimal_comma"),
        )
        if out.decimal_comma is None:
            out.decimal_comma = comma
        if "split" in spec:
            out.split = self.text(spec["split"], f"{name}.split") or ","
        if "value" in spec:
            out.has_constant = True
            out.constant = self.constant(name, value_kind, spec["value"])
        elif "date" in spec:
            if kinds[0] != "instant":
                self.bad(
                    spec["date"],
                    say(
                        "import.mapping_date_not_instant",
                        "{name}: date and time columns are for date-time fields; use header",
                        name=name,
                    ),
                )
                return None
            out.value_kind = "date_time"
            out.header = self.text(spec["date"], f"{name}.date")
            out.time_header = self.text(spec.get("time"), f"{name}.time")
            if out.time_header is None:
                out.value_kind = "date"
        else:
            out.header = self.text(spec["header"], f"{name}.header")
        if "time" in spec and "date" not in spec:
            self.bad(
                spec["time"],
                say(
                    "import.mapping_time_without_date",
                    "{name}: time goes with date, not with header or value",
                    name=name,
                ),
            )
        return out

    # --- scalar checks ---------------------------------------------------------------

    def text(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.bad(
                node,
                say(
                    "import.mapping_not_text",
                    "{what}: {value} is not text; expected text in quotes",
                    what=what,
                    value=repr(node.value),
                ),
            )
            return None
        return str(node.value)

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if node is None:
            return None
        if not isinstance(node.value, bool):
            self.bad(
                node,
                say(
                    "import.mapping_not_bool",
                    "{what}: {value} is not true or false",
                    what=what,
                    value=repr(node.value),
                ),
            )
            return None
        return bool(node.value)

    def currency(self, node: Node | None, what: str) -> str | None:
        text = self.text(node, what)
        if text is not None and not re.fullmatch(r"[A-Za-z]{3}", text):
            self.bad(
                node,
                say(
                    "import.mapping_not_currency",
                    "{what}: {value} is not a currency; expected an ISO 4217 code, e.g. EUR",
                    what=what,
                    value=repr(text),
                ),
            )
            return None
        return text.upper() if text else None

    def date_format(self, node: Node | None) -> str | None:
        text = self.text(node, "date_format")
        if text is None:
            return None
        # A format must read back the date it writes, or it is not a date format.
        sample = dt.date(2024, 3, 31)
        try:
            if dt.datetime.strptime(sample.strftime(text), text).date() != sample:
                raise ValueError
        except ValueError:
            self.bad(
                node,
                say(
                    "import.mapping_not_date_format",
                    "{value} is not a date format; expected strftime codes, "
                    "e.g. %d.%m.%Y or %m/%d/%Y",
                    value=repr(text),
                ),
            )
            return None
        return text

    def constant(self, name: str, value_kind: str, node: Node) -> Any:
        value = node.value
        if value_kind in ("text", "list"):
            ok = isinstance(value, str)
        elif value_kind == "currency":
            ok = isinstance(value, str) and re.fullmatch(r"[A-Za-z]{3}", value) is not None
            value = value.upper() if ok else value
        elif value_kind == "bool":
            ok = isinstance(value, bool)
        elif value_kind in ("int", "minor", "seconds"):
            ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) <= INT64
        elif value_kind == "money":
            # nan and inf are numbers to TOML and YAML (.nan, .inf), not amounts.
            ok = (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and abs(value) * 100 <= INT64
            )
            value = round(value * 100) if ok else value
        elif value_kind == "date":
            ok = isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        else:
            ok = False
        if not ok:
            expected = {
                "money": say("import.mapping_expected_money", "an amount such as 12.50"),
                "int": say("import.mapping_expected_int", "a whole number"),
                "minor": say("import.mapping_expected_minor", "a whole number of cents"),
                "seconds": say("import.mapping_expected_seconds", "a whole number of seconds"),
            }.get(value_kind) or say(
                "import.mapping_expected_kind", "a {kind} value", kind=value_kind
            )
            self.bad(
                node,
                say(
                    "import.mapping_value_misfit",
                    "{name}: the value {value} does not fit a {kind} field; expected {expected}",
                    name=name,
                    value=repr(value),
                    kind=value_kind,
                    expected=expected,
                ),
            )
        return value
