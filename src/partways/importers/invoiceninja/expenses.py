"""Invoice Ninja v4's expenses export: ``Client, Project, Notes, Amount, Date``.

Only expenses made for a client tell partways something about that client; the
others (the business's own costs) are counted as skipped.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, Table
from ..records import Records
from .base import InvoiceNinjaCsv


class InvoiceNinjaExpensesImporter(InvoiceNinjaCsv):
    name = "invoiceninja-expenses"
    title = marked("Invoice Ninja v4 expenses export (CSV)")
    kinds = ("expenses",)
    columns = {
        "client": Column("Client"),
        "project": Column("Project", required=False),
        "notes": Column("Notes", required=False),
        "amount": Column("Amount", kind="money", not_empty=True),
        "day": Column("Date", kind="date", not_empty=True),
    }
    signature = ("client", "amount", "day")
    v4_sections = ("expenses",)

    def build(self, table: Table) -> Records:
        records = Records()
        frame = table.frame
        records.skip(
            say("import.skip_expense_no_client", "expense without a client"),
            frame.filter(pl.col("client").is_null()).height,
        )
        expenses = frame.filter(pl.col("client").is_not_null()).select(
            "client",
            "project",
            pl.col("day").alias("spent_on"),
            pl.col("amount").alias("amount_minor"),
            pl.col("notes").alias("description"),
            "line",
        )
        records.add("expenses", expenses)
        return records
