"""From record frames to table rows, one function per kind of record.

Each writer takes the importer's frame (with ``_key`` and ``_digest``), resolves
clients and projects, fills in what the export leaves out (the base currency, due
dates from payment terms) and returns the rows as the table stores them. Rows that
cannot be stored (time without a client, a draft invoice) are counted as skipped
with the reason, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from django.db import models

from partways.core.phrase import Phrase, say
from partways.store.models import (
    ClientFlag,
    Contract,
    Deliverable,
    Expense,
    Incident,
    Invoice,
    Meeting,
    Payment,
    Proposal,
    TimeEntry,
)

from .bulk import fetch
from .context import Context

KEYS = ["_key", "_digest"]

# Invoices in these states were never owed: importing them would show unpaid debt.
NOT_OWED = ["draft", "void", "voided", "cancelled", "canceled", "deleted", "archived"]


def _drop(frame: pl.DataFrame, ctx: Context, bad: pl.Expr, reason: Phrase) -> pl.DataFrame:
    count = frame.select(bad.sum()).item()
    if count:
        ctx.skip(reason, int(count))
        return frame.filter(~bad)
    return frame


def _with_clients(
    frame: pl.DataFrame, ctx: Context, without: Phrase, email: str | None = None
) -> pl.DataFrame:
    """``frame`` with each row's ``client_id``; rows whose client is not known are
    dropped, counted as ``without`` (their kind without a client)."""
    emails = frame[email] if email else None
    ids = ctx.client_ids(frame["client"], emails)
    if email:
        for address in frame.filter(ids.is_null())[email].drop_nulls().to_list():
            ctx.unmatched_addresses[address] += 1
    frame = frame.with_columns(ids.alias("client_id"))
    return _drop(frame, ctx, pl.col("client_id").is_null(), without)


def _text(col: str, length: int | None = None) -> pl.Expr:
    expr = pl.col(col).fill_null("")
    return (expr.str.slice(0, length) if length else expr).alias(col)


def _currency(ctx: Context) -> pl.Expr:
    return pl.col("currency").fill_null(ctx.base_currency).str.to_uppercase().alias("currency")


def time_entries(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_time_entries_no_client", "time entries without a client")
    )
    frame = _drop(
        frame,
        ctx,
        pl.col("duration_seconds") < 0,
        say("import.skip_negative_duration", "time entries with negative duration"),
    )
    frame = frame.with_columns(ctx.project_ids(frame["client_id"], frame["project"]).alias("pid"))
    return frame.select(
        "client_id",
        pl.col("pid").alias("project_id"),
        _text("person", 200),
        "started_at",
        "duration_seconds",
        pl.col("billable").fill_null(True),
        pl.col("bill_rate_minor").fill_null(0),
        "cost_rate_minor",
        _currency(ctx),
        "invoiced",
        _text("description"),
        *KEYS,
    )


def invoices(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _drop(
        frame,
        ctx,
        pl.col("status").str.to_lowercase().is_in(NOT_OWED),
        say("import.skip_draft_invoices", "draft or void invoices"),
    )
    frame = _with_clients(
        frame,
        ctx,
        say("import.skip_invoices_no_client", "invoices without a client"),
        "client_email",
    )
    frame = _drop(
        frame,
        ctx,
        pl.col("issued_on").is_null(),
        say("import.skip_invoice_no_date", "invoices without an issue date"),
    )
    # One number, one invoice per client: a row listed twice (or under two spellings of
    # the client) keeps its last, most recent version.
    once = frame.unique(subset=["client_id", "number"], keep="last", maintain_order=True)
    ctx.skip(
        say("import.skip_invoice_repeated", "invoice numbers listed again (the last row kept)"),
        frame.height - once.height,
    )
    frame = once
    due = ctx.due_dates(frame["client_id"], frame["issued_on"])
    return frame.select(
        "client_id",
        _text("number", 64),
        "issued_on",
        pl.col("due_on").fill_null(due),
        pl.col("amount_minor").fill_null(0),
        _currency(ctx),
        pl.col("disputed").fill_null(False),
        pl.lit(0, pl.Int64).alias("reminders_sent"),
        pl.col("written_off_minor").fill_null(0),
        *KEYS,
    )


def payments(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame,
        ctx,
        say("import.skip_payments_no_client", "payments without a client"),
        "client_email",
    )
    frame = _drop(
        frame,
        ctx,
        pl.col("paid_on").is_null(),
        say("import.skip_payment_no_date", "payments without a date"),
    )
    ids = frame["client_id"].unique().to_list()
    schema = {
        "invoice_id": pl.Int64,
        "client_id": pl.Int64,
        "invoice_number": pl.String,
        "invoice_currency": pl.String,
    }
    known = (
        fetch(
            f"SELECT id, client_id, number, currency FROM partways_invoice "
            f"WHERE client_id IN ({','.join('%s' for _ in ids)})",
            ids,
            schema,
        )
        if ids
        else pl.DataFrame(schema=schema)
    )
    frame = frame.join(known, on=["client_id", "invoice_number"], how="left", maintain_order="left")
    return frame.select(
        "invoice_id",
        _text("invoice_number", 64),
        "client_id",
        "paid_on",
        "amount_minor",
        # A payment without a currency is in its invoice's currency.
        pl.coalesce("currency", "invoice_currency", pl.lit(ctx.base_currency))
        .str.to_uppercase()
        .alias("currency"),
        _text("method", 40),
        *KEYS,
    )


def expenses(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_expenses_no_client", "expenses without a client")
    )
    frame = _drop(
        frame,
        ctx,
        pl.col("spent_on").is_null(),
        say("import.skip_expense_no_date", "expenses without a date"),
    )
    frame = frame.with_columns(ctx.project_ids(frame["client_id"], frame["project"]).alias("pid"))
    return frame.select(
        "client_id",
        pl.col("pid").alias("project_id"),
        "spent_on",
        "amount_minor",
        _currency(ctx),
        _text("description"),
        pl.col("rebilled").fill_null(False),
        *KEYS,
    )


def meetings(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    by_name = ctx.client_ids(frame["client"])
    by_attendee = [_meeting_client(addrs or [], ctx) for addrs in frame["attendees"].to_list()]
    frame = frame.with_columns(
        by_name.fill_null(pl.Series(by_attendee, dtype=pl.Int64)).alias("client_id")
    )
    frame = _drop(
        frame,
        ctx,
        pl.col("client_id").is_null(),
        say("import.skip_meeting_no_client", "meetings with no known client among the attendees"),
    )
    return frame.select(
        "client_id",
        _text("title", 200),
        "starts_at",
        pl.col("status").fill_null("held"),
        pl.lit(None, pl.Boolean).alias("client_prepared"),
        pl.lit(False).alias("is_check_in"),
        *KEYS,
    )


def _meeting_client(attendees: list[str], ctx: Context) -> int | None:
    """The client of a meeting by its attendees: the first one a client is known by.
    When every attendee known is one client's, the others not yet known (and not yours)
    are learned as that client's contacts: who the client brings to a meeting is theirs."""
    clients = [ctx.directory.client_of_address(a) for a in attendees]
    found = next((c for c in clients if c is not None), None)
    if found is not None and {c for c in clients if c is not None} == {found}:
        for address, client in zip(attendees, clients, strict=True):
            lowered = address.strip().lower()
            if "@" in lowered and client is None:
                ctx.learn_contact(found, lowered)
    return found


def contracts(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_contracts_no_client", "contracts without a client")
    )
    return frame.select(
        "client_id",
        _text("title", 200),
        "start",
        "end",
        pl.col("auto_renew").fill_null(False),
        pl.col("renewal_months").fill_null(12),
        pl.col("notice_days").fill_null(30),
        _text("termination_clause"),
        _text("ending", 10),
        "signed_on",
        _text("scope"),
        "reply_window_hours",
        _text("main_channel"),
        _currency(ctx),
        pl.col("payment_terms_days").fill_null(30),
        *KEYS,
    )


def deliverables(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_deliverables_no_client", "deliverables without a client")
    )
    frame = frame.with_columns(ctx.project_ids(frame["client_id"], frame["project"]).alias("pid"))
    return frame.select(
        "client_id",
        pl.col("pid").alias("project_id"),
        _text("title", 200),
        pl.col("status").fill_null("planned"),
        "requested_on",
        "due",
        "original_due",
        "delivered_on",
        pl.col("paid_for").fill_null(False),
        pl.col("in_scope").fill_null(True),
        *KEYS,
    )


def proposals(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_proposals_no_client", "proposals without a client")
    )
    titles = {
        (c, t.casefold()): pk
        for pk, c, t in Deliverable.objects.filter(
            client_id__in=frame["client_id"].unique().to_list()
        ).values_list("pk", "client_id", "title")
    }
    deliverable = [
        titles.get((c, t.casefold())) if t else None
        for c, t in frame.select("client_id", "deliverable").iter_rows()
    ]
    return frame.select(
        "client_id",
        pl.Series("deliverable_id", deliverable, dtype=pl.Int64),
        _text("kind"),
        _text("title", 200),
        "submitted_on",
        "decided_on",
        pl.col("outcome").fill_null("pending"),
        _text("reason"),
        pl.col("revision_round").fill_null(1),
        *KEYS,
    )


def incidents(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(
        frame, ctx, say("import.skip_incidents_no_client", "incidents without a client")
    )
    team = ctx.directory.team
    reporter = [team.get((r or "").lower()) for r in frame["reporter"].to_list()]
    return frame.select(
        "client_id",
        _text("kind"),
        pl.Series("reporter_id", reporter, dtype=pl.Int64),
        _text("reporter", 200).alias("reporter_name"),
        pl.col("severity").fill_null("medium"),
        "occurred_at",
        _text("note"),
        *KEYS,
    )


def flags(frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
    frame = _with_clients(frame, ctx, say("import.skip_flags_no_client", "flags without a client"))
    return frame.select(
        "client_id",
        _text("kind"),
        _text("reason"),
        "created_on",
        pl.col("active").fill_null(True),
        *KEYS,
    )


Writer = Callable[[pl.DataFrame, Context], pl.DataFrame]

# Kind -> (model, writer). Clients, projects and messages have writers of their own.
WRITERS: dict[str, tuple[type[models.Model], Writer]] = {
    "time_entries": (TimeEntry, time_entries),
    "invoices": (Invoice, invoices),
    "payments": (Payment, payments),
    "expenses": (Expense, expenses),
    "meetings": (Meeting, meetings),
    "contracts": (Contract, contracts),
    "deliverables": (Deliverable, deliverables),
    "proposals": (Proposal, proposals),
    "incidents": (Incident, incidents),
    "flags": (ClientFlag, flags),
}
