"""FreshBooks' invoices export: one row per line item.

``Client Name, Invoice #, Date Issued, Invoice Status, Date Paid, Item Name, Item
Description, Rate, Quantity, Discount Percentage, Line Subtotal, Tax 1 Type, Tax 1
Amount, Tax 2 Type, Tax 2 Amount, Line Total, Currency``. An invoice's amount is the
sum of its lines' totals (taxes included). FreshBooks writes when an invoice was paid
here and nowhere else, so a paid invoice with a ``Date Paid`` also gives a payment of
its whole amount on that day.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from partways.core.phrase import marked, say, say_n

from ..base import RowError
from ..csvmap import Column, CsvImporter, Table
from ..records import Records
from ..textio import CsvText, read_csv

# Statuses FreshBooks gives an invoice paid in full.
_PAID = ("paid", "auto-paid", "auto paid")


class FreshBooksInvoicesImporter(CsvImporter):
    name = "freshbooks-invoices"
    title = marked("FreshBooks invoices export (CSV, one row per line item)")
    kinds = ("invoices", "payments")
    columns = {
        "client": Column("Client Name", not_empty=True),
        "number": Column("Invoice #", not_empty=True),
        "issued": Column("Date Issued", kind="date", not_empty=True),
        "status": Column("Invoice Status"),
        "paid_on": Column("Date Paid", kind="date", required=False),
        "total": Column("Line Total", kind="money", not_empty=True),
        "currency": Column("Currency", kind="currency", required=False),
    }
    signature = ("client", "number", "issued", "status", "total")
    date_order = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d.%m.%Y.")

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Invoices and payments, and every problem; raises ImportFailed for an unreadable file.

        An invoice is the sum of its lines, so an invoice with a line that cannot be
        read is left out whole (with an error naming it) rather than imported short.
        """
        csv = read_csv(path, accept=self.header_matches)
        table, errors = self.parse(csv)
        if errors:
            table.frame = self._drop_incomplete(csv, table, errors)
        records = self.build(table)
        return records, errors + table.errors

    def _drop_incomplete(self, csv: CsvText, table: Table, errors: list[RowError]) -> pl.DataFrame:
        """``table.frame`` without the invoices that lost a line to an error."""
        raw = csv.frame
        bad_lines = {e.line for e in errors}
        lines = csv.lines_of(range(raw.height))
        bad_rows = [row for row, line in lines.items() if line in bad_lines]
        client, number = table.headers["client"], table.headers["number"]
        broken = (
            raw.filter(pl.col("_row").is_in(bad_rows))
            .select(
                pl.col(client).str.strip_chars().alias("client"),
                pl.col(number).str.strip_chars().alias("number"),
            )
            .unique(maintain_order=True)
        )
        if not broken.height:
            return table.frame
        dropped = table.frame.join(broken, on=["client", "number"], how="semi")
        for invoice in (
            dropped.group_by("client", "number", maintain_order=True)
            .agg(pl.col("line").min())
            .iter_rows(named=True)
        ):
            table.errors.append(
                RowError(
                    str(table.path),
                    invoice["line"],
                    '"Invoice #"',
                    say(
                        "import.freshbooks_invoice_incomplete",
                        "invoice {number} left out: another of its lines could not be "
                        "read, and its total would be short; expected every line of an invoice "
                        "to be readable",
                        number=str(invoice["number"]),
                    ),
                )
            )
        return table.frame.join(broken, on=["client", "number"], how="anti")

    def build(self, table: Table) -> Records:
        frame = table.frame.with_columns(pl.col("status").str.to_lowercase())
        invoices = frame.group_by("client", "number", maintain_order=True).agg(
            pl.col("issued").first().alias("issued_on"),
            pl.col("total").sum().alias("amount_minor"),
            pl.col("currency").first(),
            pl.col("status").first(),
            pl.col("paid_on").drop_nulls().first(),
            pl.col("line").first(),
        )
        records = Records()
        records.add(
            "invoices", invoices.with_columns((pl.col("status") == "disputed").alias("disputed"))
        )
        paid = invoices.filter(pl.col("status").is_in(_PAID) & pl.col("paid_on").is_not_null())
        payments = paid.select(
            "client",
            pl.col("number").alias("invoice_number"),
            "paid_on",
            "amount_minor",
            "currency",
            "line",
        )
        records.add("payments", payments)
        partial = invoices.filter(pl.col("status") == "partial").height
        if partial:
            records.notes.append(
                say_n(
                    "import.freshbooks_partly_paid",
                    "{n} partly paid invoice(s): FreshBooks' invoices export does not say "
                    "how much was paid, so no payment was taken from them.",
                    "{n} partly paid invoice(s): FreshBooks' invoices export does not say "
                    "how much was paid, so no payment was taken from them.",
                    partial,
                )
            )
        return records
