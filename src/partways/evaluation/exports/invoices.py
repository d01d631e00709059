"""Invoices and payments as FreshBooks' invoice-details CSV, or Invoice Ninja v5's
invoice and payment reports.

Both are exported on the agency's ``as_of`` day: payments after it have not happened
yet. A write-off is written as the tools write one: a negative line on the invoice in
FreshBooks, a discount in Invoice Ninja; the invoice's total is what is still owed.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from ..model import Agency, Invoice
from .common import minor

FRESHBOOKS_HEADER = [
    "Client Name",
    "Invoice #",
    "Date Issued",
    "Invoice Status",
    "Date Paid",
    "Item Name",
    "Item Description",
    "Rate",
    "Quantity",
    "Discount Percentage",
    "Line Subtotal",
    "Tax 1 Type",
    "Tax 1 Amount",
    "Tax 2 Type",
    "Tax 2 Amount",
    "Line Total",
    "Currency",
]


def _state(invoice: Invoice, agency: Agency) -> tuple[Decimal, Decimal, str]:
    """(paid by as_of, still owed, the day it was settled or '')."""
    payments = sorted(
        (p for p in invoice.payments if p.paid_on <= agency.as_of), key=lambda p: p.paid_on
    )
    owed = invoice.amount - invoice.written_off
    paid = sum((p.amount for p in payments), Decimal(0))
    settled = payments[-1].paid_on.isoformat() if payments and paid >= owed else ""
    return paid, owed - paid, settled


def _issued(agency: Agency) -> list[tuple[str, str, Invoice]]:
    return sorted(
        (
            (c.name, c.currency.upper(), i)
            for c in agency.clients
            for i in c.invoices
            if i.issued_on <= agency.as_of
        ),
        key=lambda t: (t[2].issued_on, t[2].number),
    )


def _line(name: str, description: str, rate: Decimal, quantity: Decimal) -> list[str]:
    total = rate * quantity
    return [
        name,
        description,
        minor(rate),
        f"{quantity:.8f}",
        "0.0000",
        minor(total),
        "",
        "0.00",
        "",
        "0.00",
        minor(total),
    ]


def write_freshbooks(agency: Agency, folder: Path) -> list[Path]:
    """FreshBooks' invoice-details export, one row per line item.

    FreshBooks writes only the day an invoice was paid in full; partial payments leave
    the status ``partial`` and no date, so they are lost to this export, as they are
    to anyone who imports it.
    """
    path = folder / "freshbooks_invoices.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FRESHBOOKS_HEADER)
        for client, currency, inv in _issued(agency):
            paid, left, settled = _state(inv, agency)
            if settled:
                status = "paid"
            elif paid > 0:
                status = "partial"
            elif inv.due_on < agency.as_of:
                status = "overdue"
            else:
                status = "sent"
            head = [client, inv.number, inv.issued_on.isoformat(), status, settled]
            lines = [_line("Services", f"Invoice {inv.number}", inv.amount, Decimal(1))]
            if inv.written_off:
                lines.append(_line("Write-off", "Amount written off", -inv.written_off, Decimal(1)))
            for line in lines:
                writer.writerow([*head, *line, currency])
    return [path]


INVOICE_NINJA_INVOICES = [
    "Client Name",
    # The report can add the client's contact; the first one is who invoices go to.
    "Contact Email",
    "Client Currency",
    "Invoice Invoice Number",
    "Invoice Amount",
    "Invoice Balance",
    "Invoice Paid to Date",
    "Invoice Discount",
    "Invoice Date",
    "Invoice Due Date",
    "Invoice Status",
]
INVOICE_NINJA_PAYMENTS = [
    "Client Name",
    "Payment Date",
    "Payment Amount",
    "Payment Refunded",
    "Payment Applied",
    "Payment Transaction Reference",
    "Payment Currency",
    "Payment Number",
    "Payment Method",
    "Payment Status",
    "Invoice Invoice Number",
]


def write_invoiceninja(agency: Agency, folder: Path) -> list[Path]:
    """Invoice Ninja v5's invoice report and payment report (two files, both needed:
    the invoices file's paid-to-date is not read as payments)."""
    invoices = folder / "invoiceninja_invoices.csv"
    payments = folder / "invoiceninja_payments.csv"
    number = 0
    with (
        invoices.open("w", encoding="utf-8", newline="") as fi,
        payments.open("w", encoding="utf-8", newline="") as fp,
    ):
        wi, wp = csv.writer(fi, lineterminator="\n"), csv.writer(fp, lineterminator="\n")
        wi.writerow(INVOICE_NINJA_INVOICES)
        wp.writerow(INVOICE_NINJA_PAYMENTS)
        billed = {c.name: (c.contacts[0].email if c.contacts else "") for c in agency.clients}
        for client, currency, inv in _issued(agency):
            paid, left, settled = _state(inv, agency)
            status = "Paid" if settled else "Partial" if paid > 0 else "Sent"
            wi.writerow(
                [
                    client,
                    billed[client],
                    currency,
                    inv.number,
                    minor(inv.amount - inv.written_off),
                    minor(max(left, Decimal(0))),
                    minor(paid),
                    minor(inv.written_off),
                    inv.issued_on.isoformat(),
                    inv.due_on.isoformat(),
                    status,
                ]
            )
            for p in sorted(inv.payments, key=lambda p: p.paid_on):
                if p.paid_on > agency.as_of:
                    continue
                number += 1
                wp.writerow(
                    [
                        client,
                        p.paid_on.isoformat(),
                        minor(p.amount),
                        "0.00",
                        minor(p.amount),
                        f"TRX-{number:05d}",
                        currency,
                        f"{number:04d}",
                        "Bank Transfer",
                        "Completed",
                        inv.number,
                    ]
                )
    return [invoices, payments]
