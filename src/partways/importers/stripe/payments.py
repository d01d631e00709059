"""Stripe's payments export (Dashboard → Payments → Export, the "unified payments" CSV).

The columns depend on what the user ticks in the export dialog; only ``id``,
``Created (UTC)``, ``Amount``, ``Currency`` and ``Status`` are required. A charge that
went through becomes a payment of what was kept (``Amount`` minus ``Amount
Refunded``); failed, pending or uncaptured charges and charges refunded in full are
counted as skipped. The client is ``Customer Description`` (the name the business
gave the customer), else ``Customer Email``.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say, say_n

from ..csvmap import Column, CsvImporter, Table
from ..records import Records
from ..values import local_datetime, time_of_day

# Statuses of a charge whose money arrived (some of it may have been refunded since).
_RECEIVED = ("paid", "succeeded", "refunded", "partially refunded", "partially_refunded")


class StripePaymentsImporter(CsvImporter):
    name = "stripe-payments"
    title = marked("Stripe payments export (CSV)")
    kinds = ("payments",)
    columns = {
        "id": Column("id", not_empty=True),
        "description": Column("Description", required=False),
        "created": Column("Created (UTC)", "Created date (UTC)", kind="date", not_empty=True),
        "created_text": Column("Created (UTC)", "Created date (UTC)"),
        "amount": Column("Amount", kind="number", not_empty=True),
        "refunded": Column("Amount Refunded", kind="number", required=False),
        "currency": Column("Currency", kind="currency", not_empty=True),
        "status": Column("Status", not_empty=True),
        "captured": Column("Captured", kind="bool", required=False),
        "customer": Column("Customer Description", required=False),
        "email": Column("Customer Email", required=False),
        "customer_id": Column("Customer ID", required=False),
        "invoice": Column("Invoice ID", required=False),
        "method": Column("Payment Source Type", "Card Brand", required=False),
    }
    # "Created (UTC)" beside "id" is Stripe's alone; Currency is left out so that a file
    # without it is told what it lacks rather than not recognised.
    signature = ("id", "created", "amount", "status")
    # Stripe writes 2024-03-31 13:05; a file saved again by a spreadsheet may not.
    date_order = ("%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%Y", "%d.%m.%Y.")

    def build(self, table: Table) -> Records:
        records = Records()
        status = pl.col("status").str.to_lowercase()
        frame = table.frame.with_columns(status.alias("status"))
        received = status.is_in(_RECEIVED) & pl.col("captured").cast(pl.Boolean).fill_null(True)
        for (word,), group in frame.filter(~received).group_by("status", maintain_order=True):
            records.skip(
                say(
                    "import.skip_charge_not_received", "charge not received ({status})", status=word
                ),
                group.height,
            )
        frame = frame.filter(received)

        # partways keeps every amount as hundredths of its currency, yen included
        # (core/money.py), and the export writes whole units: always times 100.
        scale = 100
        refunded = pl.col("refunded").cast(pl.Decimal(38, 6))
        # Without the refund column, a charge marked "Refunded" gave everything back.
        refunded = (
            pl.when(refunded.is_null() & (pl.col("status") == "refunded"))
            .then(pl.col("amount"))
            .otherwise(refunded.fill_null(0))
        )
        kept = pl.col("amount") - refunded
        frame = frame.with_columns((kept * scale).round(0).cast(pl.Int64).alias("kept"))
        records.skip(
            say("import.skip_charge_refunded", "charge refunded in full"),
            frame.filter(pl.col("kept") <= 0).height,
        )
        frame = frame.filter(pl.col("kept") > 0)

        # Created is UTC; the day it was paid is the business's own day.
        clock = time_of_day(pl.col("created_text").str.extract(r"(\d{1,2}:\d{2}(:\d{2})?)", 1))
        instant = local_datetime(pl.col("created"), clock.fill_null(pl.time(0)), "UTC")
        paid_on = instant.dt.convert_time_zone(self.time_zone).dt.date()
        payments = frame.select(
            pl.coalesce("customer", "email").alias("client"),
            pl.col("email").alias("client_email"),
            pl.col("invoice").alias("invoice_number"),
            paid_on.alias("paid_on"),
            pl.col("kept").alias("amount_minor"),
            "currency",
            pl.col("method").str.to_lowercase().alias("method"),
            pl.col("id").alias("reference"),
            "line",
        )
        nameless = payments.filter(pl.col("client").is_null()).height
        if nameless:
            records.notes.append(
                say_n(
                    "import.stripe_nameless",
                    "{n} payment(s) have no customer description or e-mail (tick those "
                    "columns when exporting from Stripe); they cannot be matched to a client.",
                    "{n} payment(s) have no customer description or e-mail (tick those "
                    "columns when exporting from Stripe); they cannot be matched to a client.",
                    nameless,
                )
            )
        records.add("payments", payments)
        return records
