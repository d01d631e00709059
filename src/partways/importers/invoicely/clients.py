"""The clients export that Invoicely and Invoice2go both write, byte for byte:
``"Client Name","Email","Phone","Country"``.

The two files cannot be told apart, so one importer reads both; it takes only that
exact header, so that other tools' client lists (which have more columns) are left
to their own importers.
"""

from __future__ import annotations

from partways.core.phrase import marked

from ..csvmap import Column, CsvImporter, Table, normalise_header
from ..records import Records

_HEADER = ("client name", "email", "phone", "country")


class SimpleClientsImporter(CsvImporter):
    name = "invoicely-clients"
    title = marked("Invoicely or Invoice2go clients export (CSV)")
    kinds = ("clients",)
    columns = {
        "client": Column("Client Name", not_empty=True),
        "email": Column("Email"),
        "phone": Column("Phone"),
        "country": Column("Country"),
    }
    signature = ("client", "email", "phone", "country")

    def header_matches(self, fields: list[str]) -> bool:
        return tuple(normalise_header(f) for f in fields) == _HEADER

    def build(self, table: Table) -> Records:
        records = Records()
        records.add("clients", table.frame.select("client", "email", "phone", "country", "line"))
        return records
