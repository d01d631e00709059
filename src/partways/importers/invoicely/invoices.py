"""Invoicely's invoices export: ``Date, Due, Details, Client, Status, Total``.

``Details`` is the invoice number (``INV-1``); dates are written ``Jan 28 2021``.
Invoicely's statuses are its own words (``Due``, ``Paid``, ``Overdue``, ``Draft``…),
kept lower-cased. The export has no payments and no currency.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked

from ..csvmap import Column, CsvImporter, Table, normalise_header
from ..records import Records

_HEADER = ("date", "due", "details", "client", "status", "total")


class InvoicelyInvoicesImporter(CsvImporter):
    name = "invoicely-invoices"
    title = marked("Invoicely invoices export (CSV)")
    kinds = ("invoices",)
    columns = {
        "issued": Column("Date", kind="date", not_empty=True),
        "due": Column("Due", kind="date", required=False),
        "number": Column("Details", not_empty=True),
        "client": Column("Client", not_empty=True),
        "status": Column("Status"),
        "total": Column("Total", kind="money", not_empty=True),
    }
    signature = ("issued", "due", "number", "client", "status", "total")
    date_order = ("%b %d %Y", "%b %d, %Y", "%d %b %Y", "%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y")

    def header_matches(self, fields: list[str]) -> bool:
        # Six common words: only the exact header, nothing more, is Invoicely's.
        return tuple(normalise_header(f) for f in fields) == _HEADER

    def build(self, table: Table) -> Records:
        invoices = table.frame.select(
            "client",
            "number",
            pl.col("issued").alias("issued_on"),
            pl.col("due").alias("due_on"),
            pl.col("total").alias("amount_minor"),
            pl.col("status").str.to_lowercase(),
            "line",
        )
        records = Records()
        records.add("invoices", invoices)
        return records
