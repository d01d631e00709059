"""Invoice2go's invoices export (Settings → Export data → Invoices, CSV).

One row per invoice, 40 columns. partways reads ``DocumentNumber``, ``DocumentDate``,
``Name`` and ``EmailRecipient`` (the client), ``DocumentStatus``, ``CurrencyCode``,
``TotalAmount``, ``TermsOld`` (payment terms in days), ``DatePaid`` and
``AmountPaidAmount``. ``Items``, ``Taxes`` and ``Payments`` hold nested
mini-tables and are not read.

The due date is the document date plus the terms (0 days: due on receipt). An
invoice with a ``DatePaid`` gives one payment of ``AmountPaidAmount`` on that day:
the export holds no other payment dates (the ``Payments`` cell's nested table is
not read).
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class Invoice2goInvoicesImporter(CsvImporter):
    name = "invoice2go-invoices"
    title = marked("Invoice2go invoices export (CSV)")
    kinds = ("invoices", "payments")
    columns = {
        "number": Column("DocumentNumber", not_empty=True),
        "issued": Column("DocumentDate", kind="date", not_empty=True),
        "client": Column("Name", not_empty=True),
        "email": Column("EmailRecipient", required=False),
        "status": Column("DocumentStatus"),
        "currency": Column("CurrencyCode", kind="currency", required=False),
        "total": Column("TotalAmount", kind="money", not_empty=True),
        "terms": Column("TermsOld", kind="int", required=False),
        "paid_on": Column("DatePaid", kind="date", required=False),
        "paid": Column("AmountPaidAmount", kind="money", required=False),
    }
    signature = ("number", "issued", "client", "status", "total")

    def build(self, table: Table) -> Records:
        frame = table.frame.with_columns(
            pl.col("paid").cast(pl.Int64), pl.col("terms").cast(pl.Int64)
        )
        due = pl.col("issued") + pl.duration(days=pl.col("terms"))
        invoices = frame.select(
            "client",
            pl.col("email").alias("client_email"),
            "number",
            pl.col("issued").alias("issued_on"),
            due.alias("due_on"),
            pl.col("total").alias("amount_minor"),
            "currency",
            pl.col("status").str.to_lowercase(),
            "line",
        )
        payments = frame.filter(pl.col("paid_on").is_not_null() & (pl.col("paid") > 0)).select(
            "client",
            pl.col("email").alias("client_email"),
            pl.col("number").alias("invoice_number"),
            "paid_on",
            pl.col("paid").alias("amount_minor"),
            "currency",
            "line",
        )
        records = Records()
        records.add("invoices", invoices)
        records.add("payments", payments)
        return records
