"""What importers hand over: one Polars frame per kind of record, in a fixed schema.

Importers know nothing of the database. They name clients as the export writes them
(``client``; sometimes an address in ``client_email``) and the store resolves those
names through aliases and contacts. Money is in integer minor units (cents) of the
row's own currency; timestamps are timezone-aware UTC (the export's own offset or
time zone is applied while reading, so nothing is lost).

Each kind lists the columns that make a record's identity (``KEY_FIELDS``). The
store hashes them into a stable key, so importing the same or an overlapping export
again adds nothing twice; a record whose other columns changed (an invoice that was
paid since the last export) is updated instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from partways.core.phrase import Phrase, as_phrase

UTC = pl.Datetime("us", "UTC")
STRINGS = pl.List(pl.String)

SCHEMAS: dict[str, dict[str, Any]] = {
    "clients": {
        "client": pl.String,
        "email": pl.String,
        "contact_name": pl.String,
        "phone": pl.String,
        "country": pl.String,
        "notes": pl.String,
        "legal_name": pl.String,  # the registered name, for letters
        "address": pl.String,  # the postal address, its lines separated by line breaks
    },
    "contacts": {
        "client": pl.String,
        "contact_name": pl.String,
        "email": pl.String,
        "phone": pl.String,
        "role": pl.String,
        "gender": pl.String,  # female | male: how letters address the person
        "title": pl.String,  # Dr., Prof.
        "latin_name": pl.String,  # the name in Latin letters, for a name in another script
    },
    "client_aliases": {"client": pl.String, "alias": pl.String},
    "projects": {"client": pl.String, "project": pl.String},
    "time_entries": {
        "client": pl.String,
        "project": pl.String,
        "person": pl.String,
        "started_at": UTC,
        "duration_seconds": pl.Int64,
        "billable": pl.Boolean,
        "bill_rate_minor": pl.Int64,  # hourly; null when the export has none
        "cost_rate_minor": pl.Int64,
        "currency": pl.String,
        "invoiced": pl.Boolean,
        "description": pl.String,
    },
    "invoices": {
        "client": pl.String,
        "client_email": pl.String,
        "number": pl.String,
        "issued_on": pl.Date,
        "due_on": pl.Date,
        "amount_minor": pl.Int64,
        "currency": pl.String,
        "status": pl.String,  # the export's own word, lower-case (draft, sent, paid, …)
        "written_off_minor": pl.Int64,
        "disputed": pl.Boolean,
    },
    "payments": {
        "client": pl.String,
        "client_email": pl.String,
        "invoice_number": pl.String,
        "paid_on": pl.Date,
        "amount_minor": pl.Int64,
        "currency": pl.String,
        "method": pl.String,
        "reference": pl.String,
    },
    "expenses": {
        "client": pl.String,
        "project": pl.String,
        "spent_on": pl.Date,
        "amount_minor": pl.Int64,
        "currency": pl.String,
        "description": pl.String,
        "rebilled": pl.Boolean,
    },
    "messages": {
        "message_id": pl.String,  # Message-ID, Slack ts, … (null: derived from content)
        "channel": pl.String,  # email | chat
        "sent_at": UTC,
        "author": pl.String,
        "author_address": pl.String,
        "recipients": STRINGS,  # addresses the message went to (To, Cc)
        "subject": pl.String,
        "text": pl.String,  # quoted replies and signatures removed: what is analysed
        "body": pl.String,  # the message as written, kept as it came
        "thread_key": pl.String,
        "in_reply_to": pl.String,  # the message_id it answers
        "client": pl.String,  # a client name when the source says it (e.g. a channel)
    },
    "meetings": {
        "uid": pl.String,
        "client": pl.String,
        "title": pl.String,
        "starts_at": UTC,
        "status": pl.String,  # held | no_show | cancelled
        "attendees": STRINGS,
    },
    "contracts": {
        "client": pl.String,
        "title": pl.String,
        "start": pl.Date,
        "end": pl.Date,
        "auto_renew": pl.Boolean,
        "renewal_months": pl.Int64,
        "notice_days": pl.Int64,
        "termination_clause": pl.String,
        "ending": pl.String,  # any_time | term_end | for_cause: how it may be ended
        "signed_on": pl.Date,
        "scope": pl.String,
        "reply_window_hours": pl.Int64,
        "main_channel": pl.String,
        "currency": pl.String,
        "payment_terms_days": pl.Int64,
    },
    "deliverables": {
        "client": pl.String,
        "project": pl.String,
        "title": pl.String,
        "status": pl.String,
        "requested_on": pl.Date,
        "due": pl.Date,
        "original_due": pl.Date,
        "delivered_on": pl.Date,
        "paid_for": pl.Boolean,
        "in_scope": pl.Boolean,
    },
    "proposals": {
        "client": pl.String,
        "deliverable": pl.String,
        "kind": pl.String,
        "title": pl.String,
        "submitted_on": pl.Date,
        "decided_on": pl.Date,
        "outcome": pl.String,
        "reason": pl.String,
        "revision_round": pl.Int64,
    },
    "incidents": {
        "client": pl.String,
        "kind": pl.String,
        "reporter": pl.String,
        "severity": pl.String,
        "occurred_at": UTC,
        "note": pl.String,
    },
    "flags": {
        "client": pl.String,
        "kind": pl.String,
        "reason": pl.String,
        "created_on": pl.Date,
        "active": pl.Boolean,
    },
}

# The columns that say which record a row is. Everything else may change between two
# exports of the same record and is then updated.
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "clients": ("client",),
    "contacts": ("client", "email"),
    "client_aliases": ("client", "alias"),
    "projects": ("client", "project"),
    "time_entries": (
        "client",
        "project",
        "person",
        "started_at",
        "duration_seconds",
        "description",
    ),
    "invoices": ("client", "number"),
    "payments": ("client", "invoice_number", "paid_on", "amount_minor", "currency", "reference"),
    "expenses": ("client", "spent_on", "amount_minor", "currency", "description"),
    "messages": ("message_id",),
    "meetings": ("uid",),
    "contracts": ("client", "start"),
    "deliverables": ("client", "title"),
    "proposals": ("client", "title", "revision_round"),
    "incidents": ("client", "kind", "occurred_at"),
    "flags": ("client", "kind", "created_on"),
}

# Kinds in the order the store writes them: clients before what refers to them,
# invoices before their payments, deliverables before their review rounds.
ORDER: tuple[str, ...] = tuple(SCHEMAS)


def empty(kind: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[kind])


def conform(kind: str, frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with exactly the columns of ``kind``: missing ones null, types cast.

    Importers build frames with whichever columns their format has; this fills in
    the rest, so the store can rely on every column being there.
    """
    schema = SCHEMAS[kind]
    exprs = [
        (pl.col(c) if c in frame.columns else pl.lit(None)).cast(dtype).alias(c)
        for c, dtype in schema.items()
    ]
    # Keep the source line: error reports and duplicate counting use it.
    if "line" in frame.columns:
        exprs.append(pl.col("line").cast(pl.Int64))
    return frame.select(exprs)


@dataclass
class Records:
    """Everything one file holds, by kind, plus what the importer wants to say about it."""

    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    # Rows deliberately left out (a failed Stripe charge, a bot's chat message), by
    # reason; and what the importer wants to say about the file. Both are phrases.
    skipped: dict[Phrase, int] = field(default_factory=dict)
    notes: list[Phrase] = field(default_factory=list)
    # For incremental sources: where to continue next time (stored only when the
    # import is written).
    cursor: str | None = None

    def add(self, kind: str, frame: pl.DataFrame) -> None:
        """Add rows of ``kind`` (conformed to its schema; appended to any already there)."""
        frame = conform(kind, frame)
        if kind in self.frames:
            frame = pl.concat([self.frames[kind], frame], how="diagonal_relaxed")
        self.frames[kind] = frame

    def skip(self, reason: Phrase | str, count: int = 1) -> None:
        # (Plain text, from an importer written before reasons were phrases, stands.)
        if count:
            reason = as_phrase(reason)
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def count(self) -> int:
        return sum(f.height for f in self.frames.values())

    def kinds(self) -> list[str]:
        return [k for k in ORDER if k in self.frames and self.frames[k].height]
