"""FreshBooks' clients export.

``Organization, First Name, Last Name, Email, Phone, Street, City, Province/State,
Country, Postal Code, Notes``. The client is the organisation; a client without one
(a private person) is named by the contact's name, as FreshBooks shows it.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class FreshBooksClientsImporter(CsvImporter):
    name = "freshbooks-clients"
    title = marked("FreshBooks clients export (CSV)")
    kinds = ("clients",)
    columns = {
        "organization": Column("Organization"),
        "first": Column("First Name"),
        "last": Column("Last Name"),
        "email": Column("Email"),
        "phone": Column("Phone", required=False),
        "state": Column("Province/State"),
        "country": Column("Country", required=False),
        "notes": Column("Notes", required=False),
    }
    signature = ("organization", "first", "last", "email", "state")

    def build(self, table: Table) -> Records:
        contact = pl.concat_str([pl.col("first"), pl.col("last")], separator=" ", ignore_nulls=True)
        contact = pl.when(contact != "").then(contact)
        frame = table.frame.select(
            pl.coalesce("organization", contact).alias("client"),
            "email",
            contact.alias("contact_name"),
            "phone",
            "country",
            "notes",
            "line",
        )
        frame = table.reject(
            frame,
            pl.col("client").is_null(),
            '"Organization"',
            say(
                "import.freshbooks_no_client",
                'is empty and so are "First Name" and "Last Name"; expected a client name',
            ),
        )
        records = Records()
        records.add("clients", frame)
        return records
