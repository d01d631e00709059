"""Invoice Ninja's payments export (v4 ``Payments`` section, v5 payments).

v4 writes ``Client, Invoice Number, Amount, Date``; a refund is its own row with a
negative amount (``($400.00)``), kept as a negative payment. Two identical rows are
two payments of the same amount on the same day (a client paying two instalments),
so rows are never merged. v5 writes one row per payment with what was refunded of it
(``Payment Refunded``) and a status; the payment counts for what was kept.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, Table
from ..records import Records
from .base import InvoiceNinjaCsv

# v5 payment states whose money never arrived, or did not stay ("Voided" is how
# Invoice Ninja writes status 2, a payment cancelled after it was recorded).
_NOT_RECEIVED = ("pending", "cancelled", "canceled", "failed", "voided")


class InvoiceNinjaPaymentsImporter(InvoiceNinjaCsv):
    name = "invoiceninja-payments"
    title = marked("Invoice Ninja payments export (CSV, v4 or v5)")
    kinds = ("payments",)
    columns = {
        "client": Column("Client", "Client Name", not_empty=True),
        "number": Column("Invoice Number", "Invoice Invoice Number", required=False),
        "amount": Column("Amount", "Payment Amount", kind="money", not_empty=True),
        "refunded": Column("Payment Refunded", kind="money", required=False),
        "day": Column("Date", "Payment Date", kind="date", not_empty=True),
        "currency": Column("Payment Currency", kind="currency", required=False),
        "method": Column("Payment Method", "Payment Type", required=False),
        "reference": Column(
            "Payment Transaction Reference", "Transaction Reference", required=False
        ),
        "status": Column("Payment Status", required=False),
    }
    # The section line (v4) or the v5 column names make the file Invoice Ninja's; a
    # short signature lets a file without its date column be told what it lacks.
    signature = ("client", "amount")
    v4_sections = ("payments",)
    v5_entity = "payment"

    def build(self, table: Table) -> Records:
        records = Records()
        # An absent column comes as text nulls; the refund is money when it is there.
        frame = table.frame.with_columns(pl.col("refunded").cast(pl.Int64))
        status = pl.col("status").str.to_lowercase()
        unpaid = frame.filter(status.is_in(_NOT_RECEIVED))
        for (word,), group in unpaid.group_by("status", maintain_order=True):
            records.skip(
                say("import.skip_payment_status", "payment {status}", status=str(word).lower()),
                group.height,
            )
        frame = frame.filter(~status.is_in(_NOT_RECEIVED) | status.is_null())
        kept = pl.col("amount") - pl.col("refunded").fill_null(0)
        # A payment refunded in full brought no money; a zero payment is still a row.
        all_back = pl.col("refunded").is_not_null() & (kept == 0) & (pl.col("amount") != 0)
        records.skip(
            say("import.skip_payment_refunded", "payment refunded in full"),
            frame.filter(all_back).height,
        )
        frame = frame.filter(~all_back)
        payments = frame.select(
            "client",
            pl.col("number").alias("invoice_number"),
            pl.col("day").alias("paid_on"),
            kept.alias("amount_minor"),
            "currency",
            "method",
            "reference",
            "line",
        )
        records.add("payments", payments)
        return records
