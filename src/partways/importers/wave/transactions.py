"""Wave's accounting transactions export (Accounting → Transactions → Export, CSV).

A double-entry ledger: every transaction is several rows, one per account it
touches. The rows on the receivable account (``Account Type`` "System Receivable
Invoice") that name a customer and an invoice number are what partways reads: a
debit there is an invoice of that amount, a credit is a payment against it. Sales,
tax, bank, expense and bill rows are the same money seen from other accounts, or
costs that belong to no client, and are counted as skipped.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say

from ..csvmap import Column, CsvImporter, Table
from ..records import Records

_RECEIVABLE = "system receivable invoice"


class WaveTransactionsImporter(CsvImporter):
    name = "wave-transactions"
    title = marked("Wave accounting transactions export (CSV)")
    kinds = ("invoices", "payments")
    columns = {
        "transaction": Column("Transaction ID", not_empty=True),
        "day": Column("Transaction Date", kind="date", not_empty=True),
        "account": Column("Account Name"),
        "description": Column("Transaction Description", required=False),
        "debit": Column("Debit Amount (Two Column Approach)", kind="money"),
        "credit": Column("Credit Amount (Two Column Approach)", kind="money"),
        "customer": Column("Customer"),
        "invoice": Column("Invoice Number"),
        "account_type": Column("Account Type"),
    }
    signature = ("transaction", "day", "debit", "credit", "customer", "invoice", "account_type")

    def build(self, table: Table) -> Records:
        records = Records()
        frame = table.frame
        receivable = (
            (pl.col("account_type").str.to_lowercase() == _RECEIVABLE)
            & pl.col("customer").is_not_null()
            & pl.col("invoice").is_not_null()
        )
        records.skip(
            say("import.skip_wave_other_account", "ledger row on another account"),
            frame.filter(~receivable).height,
        )
        ledger = frame.filter(receivable)
        invoices = ledger.filter(pl.col("debit").fill_null(0) > 0).select(
            pl.col("customer").alias("client"),
            pl.col("invoice").alias("number"),
            pl.col("day").alias("issued_on"),
            pl.col("debit").alias("amount_minor"),
            "line",
        )
        payments = ledger.filter(pl.col("credit").fill_null(0) > 0).select(
            pl.col("customer").alias("client"),
            pl.col("invoice").alias("invoice_number"),
            pl.col("day").alias("paid_on"),
            pl.col("credit").alias("amount_minor"),
            pl.col("transaction").alias("reference"),
            "line",
        )
        records.add("invoices", invoices)
        records.add("payments", payments)
        records.notes.append(
            say(
                "import.wave_transactions_note",
                "Wave's transactions export has no due dates, statuses or currencies: invoices "
                "get the business's payment terms and currency.",
            )
        )
        return records
