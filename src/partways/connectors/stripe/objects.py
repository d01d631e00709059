"""Stripe objects as partways records, filled exactly as the CSV importer fills them.

The payments export (``importers/stripe/payments.py``) names the client by the
customer's description, else its e-mail; keeps what was not refunded; files the
payment on the business's day of its creation; and keeps every amount as hundredths
of its currency, yen included. A charge read from the API gives the same payment,
hence the same key: a user can move from files to sync, or back, without doubles.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

# Currencies Stripe counts in whole units (docs.stripe.com/currencies#zero-decimal),
# and the ones it counts in thousandths (#three-decimal). partways keeps hundredths.
ZERO_DECIMAL = frozenset(
    [
        "bif",
        "clp",
        "djf",
        "gnf",
        "jpy",
        "kmf",
        "krw",
        "mga",
        "pyg",
        "rwf",
        "ugx",
        "vnd",
        "vuv",
        "xaf",
        "xof",
        "xpf",
    ]
)
THREE_DECIMAL = frozenset(["bhd", "jod", "kwd", "omr", "tnd"])
# Charge statuses whose money arrived (some may have been refunded since).
RECEIVED = frozenset({"succeeded"})


def hundredths(amount: int | None, currency: str) -> int | None:
    """A Stripe amount (the currency's smallest unit) as hundredths of the currency."""
    if amount is None:
        return None
    code = currency.lower()
    if code in ZERO_DECIMAL:
        return int(amount) * 100
    if code in THREE_DECIMAL:
        return round(int(amount) / 10)
    return int(amount)


def local_day(unix: int | None, zone: str) -> dt.date | None:
    """The business's day of a Stripe timestamp (seconds since 1970, UTC)."""
    if unix is None:
        return None
    return dt.datetime.fromtimestamp(int(unix), dt.UTC).astimezone(ZoneInfo(zone)).date()


def customer_of(obj: dict[str, Any]) -> dict[str, Any]:
    """The expanded customer of a charge or an invoice ({} when absent or deleted)."""
    customer = obj.get("customer")
    if isinstance(customer, dict) and not customer.get("deleted"):
        return customer
    return {}


def client_name(customer: dict[str, Any], email: str | None = None) -> str | None:
    """The export's client: the customer's description, else its e-mail."""
    description = (customer.get("description") or "").strip()
    return description or (customer.get("email") or email or "").strip() or None


def payment_row(charge: dict[str, Any], zone: str) -> dict[str, Any] | None:
    """The payment a charge is, or None when no money was kept (failed, pending,
    uncaptured, refunded in full)."""
    if charge.get("status") not in RECEIVED or charge.get("captured") is False:
        return None
    currency = str(charge.get("currency") or "")
    kept = int(charge.get("amount") or 0) - int(charge.get("amount_refunded") or 0)
    if kept <= 0:
        return None
    customer = customer_of(charge)
    details = charge.get("payment_method_details") or {}
    method = details.get("type") or (charge.get("source") or {}).get("object")
    invoice = charge.get("invoice")
    return {
        "client": client_name(customer),
        "client_email": (customer.get("email") or None),
        "invoice_number": invoice.get("id") if isinstance(invoice, dict) else invoice,
        "paid_on": local_day(charge.get("created"), zone),
        "amount_minor": hundredths(kept, currency),
        "currency": currency.upper(),
        "method": str(method).lower() if method else None,
        "reference": charge["id"],
    }


# Invoices nobody owes: a draft (never sent) and a voided one (cancelled after).
NOT_OWED = frozenset({"draft", "void"})


def invoice_row(invoice: dict[str, Any], zone: str) -> dict[str, Any] | None:
    """The invoice a Stripe invoice is, or None for a draft or a voided one.

    It is filed under its Stripe id (``in_…``), the number the payments export and the
    charges carry, so its payments find it.
    """
    status = invoice.get("status")
    if status is None or status in NOT_OWED:
        return None
    currency = str(invoice.get("currency") or "")
    customer = customer_of(invoice)
    transitions = invoice.get("status_transitions") or {}
    issued = transitions.get("finalized_at") or invoice.get("created")
    written_off = (
        hundredths(invoice.get("amount_remaining"), currency) if status == "uncollectible" else 0
    )
    return {
        "client": client_name(customer, invoice.get("customer_email")),
        "client_email": customer.get("email") or invoice.get("customer_email"),
        "number": invoice["id"],
        "issued_on": local_day(issued, zone),
        "due_on": local_day(invoice.get("due_date"), zone),
        "amount_minor": hundredths(invoice.get("total"), currency),
        "currency": currency.upper(),
        "status": str(status),
        "written_off_minor": written_off,
        "disputed": False,
    }


def client_rows(customer: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The client a customer is, and an alias when its name differs from the client's.

    The client is named as the payments export names it (description, else e-mail);
    the customer's own name becomes another name of it, so letters and other files
    that use the name find the same client.
    """
    client = client_name(customer)
    if client is None:
        return None, None
    address = customer.get("address") or {}
    name = (customer.get("name") or "").strip()
    row = {
        "client": client,
        "email": customer.get("email") or None,
        "contact_name": name or None,
        "phone": customer.get("phone") or None,
        "country": address.get("country") or None,
    }
    alias = {"client": client, "alias": name} if name and name != client else None
    return row, alias
