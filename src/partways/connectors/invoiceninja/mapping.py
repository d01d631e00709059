"""Invoice Ninja v5 API objects as the rows its CSV importer makes of the same records.

The record keys are hashes of the identity fields, so every field here is filled as
:mod:`partways.importers.invoiceninja` fills it from the v5 report exports, which
Invoice Ninja builds from the same transformers the API answers with
(``app/Export/CSV/*Export.php``):

- the client is the client's ``display_name`` (the export's ``client.name`` column);
- an invoice is (client, ``number``), issued on ``date``, due on ``due_date``, for
  ``amount`` in the client's currency, with the export's status word, lower-cased;
- a payment counts what was kept (``amount`` − ``refunded``, each in minor units as
  the importer rounds them), in the payment's own currency, names its invoices' numbers
  joined with ", " as the export does, and carries ``transaction_reference``;
- dates are the plain days Invoice Ninja stores (``Y-m-d``, the company's local
  day), never derived from the UTC timestamps, so no time zone can shift them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl

from partways.importers.values import minor_units

from .statics import Statics

# Invoice::stringStatus with the English texts (lang/en/texts.php: draft, sent,
# partial → "Partial/Deposit", paid, cancelled, reversed), lower-cased as the importer
# lower-cases the export's Status column. -1 overdue and -2 unpaid are computed by
# the web app and never stored.
INVOICE_STATUS = {
    "1": "draft",
    "2": "sent",
    "3": "partial/deposit",
    "4": "paid",
    "5": "cancelled",
    "6": "reversed",
}
# Payment statuses whose money never arrived (Payment::STATUS_PENDING, _CANCELLED,
# shown as "Voided", and _FAILED): the importer skips such rows.
PAYMENT_NOT_RECEIVED = {"1", "2", "3"}


def text(value: Any) -> str | None:
    """Trimmed text; empty as None, as the CSV engine reads an empty cell."""
    if value is None:
        return None
    stripped = str(value).strip()
    return stripped or None


def day(value: Any) -> dt.date | None:
    """A ``Y-m-d`` date as Invoice Ninja stores it (a datetime's date part too)."""
    raw = text(value)
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def plain_number(value: Any) -> str | None:
    """An amount as plain decimal text (JSON floats, or the strings some versions send)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        return None
    return format(number, "f")


def to_minor(values: list[Any]) -> list[int | None]:
    """Amounts in minor units, rounded exactly as the CSV importer rounds them."""
    texts = [plain_number(v) for v in values]
    frame = pl.DataFrame({"amount": texts}, schema={"amount": pl.String})
    return frame.select(minor_units(pl.col("amount"))).to_series().to_list()


def client_name(client: Mapping[str, Any] | None) -> str | None:
    """What the exports write in the client column: ``display_name``, else ``name``."""
    if not client:
        return None
    return text(client.get("display_name")) or text(client.get("name"))


def client_deleted(client: Mapping[str, Any] | None) -> bool:
    # The invoice and payment exports leave out what belongs to a deleted client.
    return bool(client and client.get("is_deleted"))


def primary_contact(client: Mapping[str, Any]) -> Mapping[str, Any]:
    """The client's primary contact, else its first (the export's ``contact.*`` columns)."""
    contacts = [c for c in client.get("contacts") or [] if isinstance(c, Mapping)]
    return next((c for c in contacts if c.get("is_primary")), contacts[0] if contacts else {})


def client_row(client: Mapping[str, Any], statics: Statics) -> dict[str, Any]:
    contact = primary_contact(client)
    names = [text(contact.get("first_name")), text(contact.get("last_name"))]
    contact_name = " ".join(n for n in names if n) or None
    return {
        "client": client_name(client),
        "email": text(contact.get("email")),
        "contact_name": contact_name,
        # The importer reads the client's phone first, then the contact's.
        "phone": text(client.get("phone")) or text(contact.get("phone")),
        "country": statics.country(client.get("country_id")),
        "notes": text(client.get("private_notes")),
    }


def client_currency(
    client: Mapping[str, Any] | None, statics: Statics, company_currency: str | None
) -> str | None:
    """The client's currency code (``settings.currency_id``), else the company's, as
    ``Client::currency()`` falls back through the settings."""
    settings = (client or {}).get("settings") or {}
    code = statics.currency(settings.get("currency_id")) if isinstance(settings, Mapping) else None
    return code or company_currency


def invoice_row(
    invoice: Mapping[str, Any], client: Mapping[str, Any] | None, currency: str | None
) -> dict[str, Any]:
    contact = primary_contact(client) if client else {}
    return {
        "client": client_name(client),
        "client_email": text(contact.get("email")),
        "number": text(invoice.get("number")),
        "issued_on": day(invoice.get("date")),
        "due_on": day(invoice.get("due_date")),
        "amount_text": plain_number(invoice.get("amount")),
        "currency": currency,
        "status": INVOICE_STATUS.get(str(invoice.get("status_id") or "1")),
    }


def invoice_numbers(payment: Mapping[str, Any]) -> str | None:
    """The numbers of the invoices a payment paid, as the payment export writes them:
    one number, or several joined with ", " (``BaseExport::resolveInvoiceKey``)."""
    numbers = [
        str(invoice.get("number") or "")
        for invoice in payment.get("invoices") or []
        if isinstance(invoice, Mapping)
    ]
    return text(", ".join(numbers))


def payment_row(
    payment: Mapping[str, Any], client: Mapping[str, Any] | None, statics: Statics
) -> dict[str, Any]:
    return {
        "client": client_name(client),
        "invoice_number": invoice_numbers(payment),
        "paid_on": day(payment.get("date")),
        "amount_text": plain_number(payment.get("amount")),
        "refunded_text": plain_number(payment.get("refunded")),
        # The payment's own currency (the export's ``payment.currency``); none when
        # the payment has no currency_id, as the export then writes nothing.
        "currency": statics.currency(payment.get("currency_id")),
        "method": statics.payment_type(payment.get("type_id")),
        "reference": text(payment.get("transaction_reference")),
    }


def payment_kept(payment: Mapping[str, Any]) -> bool:
    """Did the payment bring money the importer would count? Not when pending,
    voided or failed, nor when refunded in full (a zero payment is still a row)."""
    if str(payment.get("status_id") or "") in PAYMENT_NOT_RECEIVED:
        return False
    amount, refunded = to_minor([payment.get("amount"), payment.get("refunded")])
    return not (refunded is not None and amount is not None and amount == refunded and amount)


def money_frame(rows: list[dict[str, Any]], kind: str) -> pl.DataFrame:
    """The rows as a frame, their amount texts turned into ``amount_minor``."""
    amounts = to_minor([r.pop("amount_text") for r in rows])
    refunds = to_minor([r.pop("refunded_text", None) for r in rows])
    if kind == "payments":
        # The importer subtracts the refund from the amount, both in minor units.
        amounts = [
            None if a is None else a - (r or 0) for a, r in zip(amounts, refunds, strict=True)
        ]
    frame = pl.DataFrame(rows)
    return frame.with_columns(pl.Series("amount_minor", amounts, dtype=pl.Int64))
