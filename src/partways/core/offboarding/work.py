"""Steps 2 and 3: the work still owed, and the money still owed `[000 step 2] [001]`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OPEN_STATUSES = frozenset({"planned", "in_progress", "delivered"})


@dataclass(frozen=True)
class Deliverable:
    title: str
    status: str  # planned, in_progress, delivered, accepted, cancelled
    due: dt.date | None
    paid_for: bool
    in_scope: bool = True


@dataclass(frozen=True)
class Receivable:
    number: str
    due_on: dt.date
    outstanding_minor: int
    currency: str
    disputed: bool = False


def owed_work(deliverables: Iterable[Deliverable]) -> list[Deliverable]:
    """Deliverables not yet accepted or cancelled: paid-for ones first, then by due date.

    Anything already paid for must be delivered `[001]`; the rest are to confirm with
    the client. A delivered one is still open until the client accepts it.
    """
    open_ = [d for d in deliverables if d.status in OPEN_STATUSES]
    return sorted(open_, key=lambda d: (not d.paid_for, d.due or dt.date.max, d.title))


def outstanding(receivables: Iterable[Receivable]) -> list[Receivable]:
    """Invoices with money still owed, the longest overdue first."""
    return sorted(
        (r for r in receivables if r.outstanding_minor > 0), key=lambda r: (r.due_on, r.number)
    )


def totals(receivables: Sequence[Receivable]) -> dict[str, int]:
    """Outstanding minor units per currency (two currencies are never added)."""
    out: dict[str, int] = {}
    for r in receivables:
        out[r.currency] = out.get(r.currency, 0) + r.outstanding_minor
    return dict(sorted(out.items()))
