"""How Invoice Ninja writes its CSV exports, version 4 and version 5.

Version 4 starts every export with a preamble: a title line (``Invoice Ninja v4.5.17 -
December 19, 2020 11:28 pm``), a blank line and the section's name (``INVOICES``,
``Payments``, ``CLIENTS``, ``Vendors``…), then the header. Version 5 writes the header
on the first line, each column named after its entity (``Client Name``, ``Invoice
Invoice Number``, ``Payment Amount``), which no other tool does.
"""

from __future__ import annotations

import csv
import re

from ..csvmap import normalise_header
from ..textio import find_header, sniff_delimiter

_V4_TITLE = re.compile(r"^\W*Invoice Ninja v\d+(\.\d+)*\b")


def _first_line(head: str) -> str:
    return next((line for line in head.splitlines() if line.strip()), "")


def is_v4(head: str) -> bool:
    """Does the text start with Invoice Ninja v4's title line?"""
    return bool(_V4_TITLE.match(_first_line(head)))


def v4_section(head: str) -> str | None:
    """The section name a v4 export writes above its header, lower-cased (``invoices``).

    It is the first line after the title with text in its first cell only. None when
    the text is not a v4 export, or the header comes before any such line.
    """
    if not is_v4(head):
        return None
    for line in head.splitlines()[1:10]:
        # Excel saves with semicolons where decimals take a comma: split as the file does.
        cells = [c.strip() for c in next(csv.reader([line], delimiter=sniff_delimiter(line)), [])]
        if cells and cells[0] and not any(cells[1:]):
            return cells[0].lower()
        if sum(1 for c in cells if c) > 1:  # the header came first: no section line
            return None
    return None


# v5 names each column after its entity; an export may add columns of related
# entities (a payments report can show the invoice's amount), so the entity the file
# lists is the one most of its columns are named after.
_V5_PREFIXES = {
    "invoice": ("invoice ", "item "),
    "payment": ("payment ",),
    "client": ("client ", "contact "),
}
# Names only v5 writes, one of which must be there for the file to be taken as v5.
_V5_MARKERS = {
    "invoice invoice number",
    "invoice amount",
    "payment amount",
    "client balance",
    "client paid to date",
}


def v5_entity(fields: list[str]) -> str | None:
    """What a v5 report lists (``invoice``, ``payment``, ``client``), or None for other files.

    Client columns are in every report (Invoice Ninja adds the client's name), so
    they count only when nothing else is there.
    """
    names = [normalise_header(f) for f in fields]
    if not _V5_MARKERS & set(names):
        return None
    counts = {
        entity: sum(1 for n in names if n.startswith(prefixes))
        for entity, prefixes in _V5_PREFIXES.items()
    }
    if counts["invoice"] or counts["payment"]:
        return "invoice" if counts["invoice"] > counts["payment"] else "payment"
    return "client" if counts["client"] else None


def v5_head_entity(head: str) -> str | None:
    """:func:`v5_entity` of the first line of ``head`` that has any fields."""
    found = find_header(head, lambda fields: sum(1 for f in fields if f) > 1)
    return v5_entity(found.fields) if found else None
