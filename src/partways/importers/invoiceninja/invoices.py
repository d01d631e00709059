"""Invoice Ninja's invoices export (v4 ``INVOICES`` section, v5 invoices or invoice items).

Both versions write one row per line item, repeating the invoice's own columns on
each: ``Amount`` is the invoice total, not the item's, so an invoice is its first
row and nothing is summed.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, Table
from ..records import Records
from .base import InvoiceNinjaCsv


class InvoiceNinjaInvoicesImporter(InvoiceNinjaCsv):
    name = "invoiceninja-invoices"
    title = marked("Invoice Ninja invoices export (CSV, v4 or v5)")
    kinds = ("invoices",)
    columns = {
        "client": Column("Client", "Client Name", not_empty=True),
        "email": Column("Email", "Contact Email", required=False),
        "number": Column("Invoice Number", "Invoice Invoice Number", not_empty=True),
        "amount": Column("Amount", "Invoice Amount", kind="money", not_empty=True),
        "status": Column("Status", "Invoice Status", required=False),
        "issued": Column("Invoice Date", kind="date", not_empty=True),
        "due": Column("Due Date", "Invoice Due Date", kind="date", required=False),
        # v5 names the client's currency; v4 writes only a symbol before each amount.
        "currency": Column("Client Currency", "Currency", kind="currency", required=False),
    }
    signature = ("client", "number", "amount", "issued")
    v4_sections = ("invoices",)
    v5_entity = "invoice"

    def build(self, table: Table) -> Records:
        items = table.frame.height
        # One invoice per (client, number), in the order the export first lists it.
        invoices = (
            table.frame.group_by("client", "number", maintain_order=True)
            .first()
            .select(
                "client",
                pl.col("email").alias("client_email"),
                "number",
                pl.col("issued").alias("issued_on"),
                pl.col("due").alias("due_on"),
                pl.col("amount").alias("amount_minor"),
                "currency",
                pl.col("status").str.to_lowercase(),
                "line",
            )
        )
        records = Records()
        records.add("invoices", invoices)
        if items > invoices.height:
            records.notes.append(
                say(
                    "import.ninja_line_items",
                    "{items} line-item rows make {invoices} invoices; each invoice's "
                    "amount is its total as the export writes it.",
                    items=items,
                    invoices=invoices.height,
                )
            )
        return records
