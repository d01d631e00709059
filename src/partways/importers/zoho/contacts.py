"""Zoho Invoice's contacts export (Customers → ⋯ → Export Customers, CSV).

A contact is a customer or a vendor (``Contact Type``); vendors are counted as
skipped. The client is ``Display Name``, the name Zoho puts on invoices' ``Customer
Name``.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class ZohoContactsImporter(CsvImporter):
    name = "zoho-contacts"
    title = marked("Zoho Invoice contacts export (CSV)")
    kinds = ("clients",)
    columns = {
        "client": Column("Display Name", not_empty=True),
        "company": Column("Company Name", required=False),
        "first": Column("First Name", required=False),
        "last": Column("Last Name", required=False),
        "email": Column("EmailID", "Email ID", required=False),
        "phone": Column("Phone", required=False),
        "mobile": Column("MobilePhone", required=False),
        "country": Column("Billing Country", required=False),
        "notes": Column("Notes", required=False),
        "type": Column("Contact Type", required=False),
        "terms": Column("Payment Terms Label", required=False),
    }
    signature = ("client", "company", "email", "type")

    def build(self, table: Table) -> Records:
        records = Records()
        kind = pl.col("type").str.to_lowercase()
        vendors = table.frame.filter(kind == "vendor")
        records.skip(say("import.skip_vendor", "vendor"), vendors.height)
        contact = pl.concat_str([pl.col("first"), pl.col("last")], separator=" ", ignore_nulls=True)
        clients = table.frame.filter((kind != "vendor") | kind.is_null()).select(
            "client",
            "email",
            pl.when(contact != "").then(contact).alias("contact_name"),
            pl.coalesce("phone", "mobile").alias("phone"),
            "country",
            "notes",
            "line",
        )
        records.add("clients", clients)
        return records
