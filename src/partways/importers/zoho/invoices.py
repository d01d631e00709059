"""Zoho Invoice's invoices export (Invoices → ⋯ → Export Invoices, CSV).

One row per line item (83 columns); the invoice's own columns (``Invoice Number``,
``Invoice Date``, ``Due Date``, ``Invoice Status``, ``Customer Name``, ``Currency
Code``, ``Total``, ``WriteOff Amount``) repeat on each, so an invoice is its first
row. Payments are not taken from ``Balance`` and ``Last Payment Date``: Zoho exports
customer payments separately, one row per payment, and a partly paid invoice's
balance does not say when each part came.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class ZohoInvoicesImporter(CsvImporter):
    name = "zoho-invoices"
    title = marked("Zoho Invoice invoices export (CSV, one row per line item)")
    kinds = ("invoices",)
    columns = {
        "issued": Column("Invoice Date", kind="date", not_empty=True),
        "number": Column("Invoice Number", not_empty=True),
        "status": Column("Invoice Status"),
        "client": Column("Customer Name", not_empty=True),
        "due": Column("Due Date", kind="date", required=False),
        "currency": Column("Currency Code", kind="currency", required=False),
        "total": Column("Total", kind="money", not_empty=True),
        "written_off": Column("WriteOff Amount", kind="money", required=False),
    }
    signature = ("issued", "number", "status", "client", "total")
    date_order = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d %b %Y")

    def build(self, table: Table) -> Records:
        invoices = (
            table.frame.group_by("client", "number", maintain_order=True)
            .first()
            .select(
                "client",
                "number",
                pl.col("issued").alias("issued_on"),
                pl.col("due").alias("due_on"),
                pl.col("total").alias("amount_minor"),
                "currency",
                pl.col("status").str.to_lowercase(),
                pl.col("written_off").alias("written_off_minor"),
                "line",
            )
        )
        records = Records()
        records.add("invoices", invoices)
        return records
