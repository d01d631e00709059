"""Invoice Ninja's clients export (v4 ``CLIENTS`` section, v5 clients).

v4 writes the client's own phone and then the contact's, both headed ``Phone``: the
first is read. v5 prefixes each column with its entity (``Client Name``,
``Contact Email``).
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked

from ..csvmap import Column, Table
from ..records import Records
from .base import InvoiceNinjaCsv


class InvoiceNinjaClientsImporter(InvoiceNinjaCsv):
    name = "invoiceninja-clients"
    title = marked("Invoice Ninja clients export (CSV, v4 or v5)")
    kinds = ("clients",)
    columns = {
        "client": Column("Name", "Client Name", not_empty=True),
        "balance": Column("Balance", "Client Balance"),
        "email": Column("Email", "Contact Email", required=False),
        "first": Column("First Name", "Contact First Name", required=False),
        "last": Column("Last Name", "Contact Last Name", required=False),
        "phone": Column("Phone", "Client Phone", "Contact Phone", required=False),
        "country": Column("Billing Country", "Client Country", required=False),
        "notes": Column("Private Notes", "Client Private Notes", required=False),
    }
    signature = ("client", "balance")
    v4_sections = ("clients",)
    v5_entity = "client"

    def build(self, table: Table) -> Records:
        contact = pl.concat_str([pl.col("first"), pl.col("last")], separator=" ", ignore_nulls=True)
        clients = table.frame.select(
            "client",
            "email",
            pl.when(contact != "").then(contact).alias("contact_name"),
            "phone",
            "country",
            "notes",
            "line",
        )
        records = Records()
        records.add("clients", clients)
        return records
