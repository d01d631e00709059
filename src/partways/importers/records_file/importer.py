"""The records file: contracts, proposals, deliverables, incidents, flags and clients.

What no export holds (a contract's notice period, a client's rejected proposals,
an incident a team member reports) is written by hand into one YAML or TOML file,
documented in this folder's README.md and ``example.yaml``/``example.toml``. The
file is checked strictly: an unknown key, a value of the wrong type, a bad date or
a value outside the allowed ones is an error with its line and column, and the
record it is in is left out; the other records still import.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl

from partways.core.phrase import Phrase, marked, say

from ..base import Importer, ImportFailed, RowError
from ..frames import frame
from ..records import SCHEMAS, Records
from ..textio import head_text
from .convert import Invalid, convert, not_fit, shown
from .located import Node, load
from .schema import CONTACT, SECTIONS, VERSION_KEY, VERSIONS, Field

SUFFIXES = (".yaml", ".yml", ".toml")
_TOP_KEYS = "|".join([VERSION_KEY, *SECTIONS])
# A top-level key at the start of a line: `contracts:` (YAML), `partways = 1` or a
# table header `[[contracts]]` / `[clients.x]` (TOML).
_YAML_SIGN = re.compile(rf"^(?:{_TOP_KEYS})\s*:", re.MULTILINE)
_TOML_SIGN = re.compile(rf"^(?:{VERSION_KEY}\s*=|\[\[?\s*(?:{_TOP_KEYS})\s*[.\]])", re.MULTILINE)


class RecordsFileImporter(Importer):
    name = "records"
    title = marked("partways records file (YAML or TOML): contracts, proposals, incidents, flags")
    kinds = tuple(kind for kind, _ in SECTIONS.values())

    def identify(self, path: Path) -> bool:
        name = path.name.lower()
        # Column-mapping files of the generic CSV importer are YAML/TOML too.
        if not name.endswith(SUFFIXES) or ".mapping." in name or not path.is_file():
            return False
        sign = _TOML_SIGN if name.endswith(".toml") else _YAML_SIGN
        return sign.search(head_text(path)) is not None

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """The records of every section; raises :class:`ImportFailed` for an unreadable file.

        A file that is not valid YAML/TOML, whose top level is not a mapping, or that
        declares a format version this partways does not know cannot be read at all.
        """
        root, errors = load(path)
        if not root.is_mapping:
            raise ImportFailed(
                say(
                    "import.records_top_level",
                    "the file's top level is {value}; expected a mapping of sections ({sections}).",
                    value=shown(root),
                    sections=", ".join(SECTIONS),
                ),
                str(path),
                root.line,
            )
        reader = _Reader(path, self.time_zone, errors)
        reader.version(root)
        records = Records()
        for section, node in root.value.items():
            if section == VERSION_KEY:
                continue
            if section not in SECTIONS:
                reader.unknown(root, section, "section", list(SECTIONS))
                continue
            kind, fields = SECTIONS[section]
            rows = reader.section(section, node, fields)
            if kind == "clients":
                rows = reader.clients(rows, records)
            if rows:
                records.add(kind, _frame(kind, rows))
        if not records.count():
            records.notes.append(say("import.records_empty", "The records file holds no records."))
        # Duplicate keys are found while reading, the rest while checking: file order.
        errors.sort(key=lambda e: e.line or 0)
        return records, errors


class _Reader:
    """Walks the document, collecting rows and errors."""

    def __init__(self, path: Path, time_zone: str, errors: list[RowError]) -> None:
        self.path = path
        self.time_zone = time_zone
        self.errors = errors

    def error(
        self, node: Node | tuple[int | None, int | None], where: str, message: Phrase
    ) -> None:
        line, column = (node.line, node.column) if isinstance(node, Node) else node
        label = f"{where} ({column})" if column else where
        self.errors.append(RowError(str(self.path), line, label, message))

    def unknown(
        self, parent: Node, key: str, what: str, allowed: list[str], section: str = ""
    ) -> None:
        where = f"{section}.{key}" if section else key
        if what == "section":
            message = say(
                "import.records_unknown_section",
                "unknown section {key}; expected one of {allowed}",
                key=repr(key),
                allowed=", ".join(allowed),
            )
        else:
            message = say(
                "import.records_unknown_field",
                "unknown field {key}; expected one of {allowed}",
                key=repr(key),
                allowed=", ".join(allowed),
            )
        self.error(parent.keys.get(key, (parent.line, parent.column)), where, message)

    def version(self, root: Node) -> None:
        node = root.value.get(VERSION_KEY)
        if node is None:
            return
        if isinstance(node.value, bool) or node.value not in VERSIONS:
            raise ImportFailed(
                say(
                    "import.records_version",
                    "{key} is {value}; this version of partways reads records files of "
                    "version {versions}.",
                    key=VERSION_KEY,
                    value=shown(node),
                    versions=", ".join(map(str, VERSIONS)),
                ),
                str(self.path),
                node.line,
            )

    def section(self, name: str, node: Node, fields: dict[str, Field]) -> list[dict[str, Any]]:
        """One row per valid record of the section (with its ``line``); errors for the rest."""
        if node.value is None:
            return []
        if not node.is_list:
            self.error(
                node,
                name,
                say(
                    "import.records_not_a_list",
                    "{value} is not a list of records; expected one "
                    "entry per record (YAML: '- client: …'; TOML: [[{name}]])",
                    value=shown(node),
                    name=name,
                ),
            )
            return []
        rows = []
        for item in node.value:
            row = self.record(name, item, fields)
            if row is not None:
                rows.append(row)
        return rows

    def record(self, section: str, item: Node, fields: dict[str, Field]) -> dict[str, Any] | None:
        """The record's values by field, or None when any of them is wrong (each reported)."""
        if not item.is_mapping:
            self.error(
                item,
                section,
                say(
                    "import.records_not_a_record",
                    "{value} is not a record; expected a mapping of fields ({fields})",
                    value=shown(item),
                    fields=", ".join(fields),
                ),
            )
            return None
        row: dict[str, Any] = {"line": item.line}
        # A key given twice was reported while reading; which value was meant is unknown.
        ok = not item.duplicates
        failed: set[str] = set()
        for key, child in item.value.items():
            field = fields.get(key)
            if field is None:
                self.unknown(item, key, "field", list(fields), section)
                ok = False
                continue
            try:
                row[key] = self.value(section, key, child, field)
            except _Reported:
                failed.add(key)
            except Invalid as exc:
                self.error(child, f"{section}.{key}", exc.phrase)
                failed.add(key)
        for key, field in fields.items():
            if row.get(key) is not None or key in failed:
                continue
            if not field.required:
                row[key] = field.default
            elif key in item.value:
                self.error(
                    item.value[key],
                    f"{section}.{key}",
                    say(
                        "import.value_empty",
                        "is empty; expected {expected}",
                        expected=field.expected(),
                    ),
                )
                failed.add(key)
            else:
                self.error(
                    item,
                    section,
                    say(
                        "import.records_field_missing",
                        "the field {key} is missing; expected {expected}",
                        key=repr(key),
                        expected=field.expected(),
                    ),
                )
                failed.add(key)
        ok = ok and not failed
        return row if ok else None

    def value(self, section: str, key: str, node: Node, field: Field) -> Any:
        if field.kind == "texts":
            return self.texts(node, field)
        if field.kind == "contacts":
            return self.contacts(section, key, node)
        return convert(node, field, self.time_zone)

    def texts(self, node: Node, field: Field) -> list[str]:
        items = node.value if node.is_list else [node] if isinstance(node.value, str) else None
        if items is None:
            raise not_fit(node, field)
        out = []
        for item in items:
            text = convert(item, Field("text"), self.time_zone)
            if text is not None:
                out.append(text)
        return out

    def contacts(self, section: str, key: str, node: Node) -> list[dict[str, Any]]:
        if not node.is_list:
            raise not_fit(node, Field("contacts"))
        out = []
        for item in node.value:
            contact = self.record(f"{section}.{key}", item, CONTACT)
            if contact is None:
                raise _Reported
            out.append(contact)
        return out

    def clients(self, rows: list[dict[str, Any]], records: Records) -> list[dict[str, Any]]:
        """One row per client with its main contact (the one marked primary, else the
        first); every contact and alias also goes into ``contacts`` and ``client_aliases``.
        """
        out = []
        contact_rows: list[dict[str, Any]] = []
        alias_rows: list[dict[str, Any]] = []
        for row in rows:
            contacts = row.get("contacts") or []
            main = next((c for c in contacts if c.get("primary")), contacts[0] if contacts else {})
            for contact in contacts:
                contact_rows.append(
                    {
                        "client": row["name"],
                        "contact_name": contact.get("name"),
                        "email": contact.get("email"),
                        "phone": contact.get("phone"),
                        "role": contact.get("role"),
                        "gender": contact.get("gender"),
                        "title": contact.get("title"),
                        "latin_name": contact.get("latin_name"),
                        "line": row["line"],
                    }
                )
            for alias in row.get("aliases") or []:
                alias_rows.append({"client": row["name"], "alias": alias, "line": row["line"]})
            out.append(
                {
                    "client": row["name"],
                    "email": main.get("email"),
                    "contact_name": main.get("name"),
                    "phone": main.get("phone"),
                    "country": row.get("country"),
                    "notes": row.get("notes"),
                    "legal_name": row.get("legal_name"),
                    "address": row.get("address"),
                    "line": row["line"],
                }
            )
        if contact_rows:
            records.add("contacts", _frame("contacts", contact_rows))
        if alias_rows:
            records.add("client_aliases", _frame("client_aliases", alias_rows))
        return out


class _Reported(Exception):
    """An error inside a nested record, already reported with its own position."""


def _frame(kind: str, rows: list[dict[str, Any]]) -> pl.DataFrame:
    schema = {**SCHEMAS[kind], "line": pl.Int64}
    return frame([{k: row.get(k) for k in schema} for row in rows], schema)
