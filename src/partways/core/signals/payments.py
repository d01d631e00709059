"""Payment risk [002 #4] [001]: late payment, overdue balances, disputes and excuses."""

from __future__ import annotations

import polars as pl

from ..phrase import Num, Phrase, listed, say, say_n, sentences
from .base import (
    Explainer,
    Row,
    Signal,
    date_param,
    detail_n,
    evidence_frame,
    message_evidence,
    money_param,
    ratio,
    term_param,
)
from .context import Context, combine, monthly


def _due(ctx: Context) -> pl.LazyFrame:
    """Invoices that have fallen due by as_of, bucketed by the month they fell due."""
    return ctx.invoices.filter(pl.col("due_on") <= ctx.as_of).with_columns(
        pl.col("due_month").alias("month")
    )


def _components(ctx: Context) -> pl.LazyFrame:
    inv = monthly(
        _due(ctx),
        invoices_due=pl.len(),
        days_late=pl.col("days_late").sum(),
        paid_late=(pl.col("days_late") > 0).sum(),
        overdue=pl.col("open_amount").sum(),
        disputed=pl.col("disputed").sum(),
        reminders=pl.col("reminders_sent").sum(),
    )
    excuses = monthly(ctx.inbound, excuses=pl.col("payment_excuse").sum())
    return combine(inv, excuses)


def _days_at_risk(ctx: Context) -> pl.Expr:
    """Days late, with each payment excuse and dispute counted as days of risk too.

    Excuses and disputes are how a client who will pay late sounds before the invoice
    is late `[002 #4] [001]`; counting them in days keeps one scale for the sign.
    """
    return (
        pl.col("days_late")
        + pl.col("excuses") * ctx.cfg["payment_risk.excuse_days"]
        + pl.col("disputed") * ctx.cfg["payment_risk.dispute_days"]
    )


def _explain(row: Row, ex: Explainer) -> Phrase:
    n = int(row["invoices_due"])
    if row["value"] is None:
        return say("payment_risk.none_due", "No invoice fell due in the window.")
    late = say_n(
        "payment_risk.value",
        "{late} of {n} invoice due in the window was paid late, {days} days late on average.",
        "{late} of {n} invoices due in the window were paid late, {days} days late on average.",
        n,
        late=int(row["paid_late"]),
        days=Num(row["days_late"] / n),
    )
    outstanding = say(
        "payment_risk.outstanding",
        "{amount} is still outstanding.",
        amount=ex.money(row["overdue"]),
    )
    extra = []
    if row["reminders"]:
        extra.append(
            say_n(
                "payment_risk.reminders",
                "{n} reminder sent",
                "{n} reminders sent",
                row["reminders"],
            )
        )
    if row["disputed"]:
        extra.append(
            say_n(
                "payment_risk.disputed",
                "{n} invoice disputed",
                "{n} invoices disputed",
                row["disputed"],
            )
        )
    if row["excuses"]:
        extra.append(
            say_n(
                "payment_risk.excuses",
                "{n} message with payment excuses",
                "{n} messages with payment excuses",
                row["excuses"],
            )
        )
    risk = say(
        "payment_risk.days_at_risk",
        "Counting each excuse as {excuse} days and each dispute as {dispute}, the risk is "
        "{days} days per invoice.",
        excuse=Num(ex.cfg["payment_risk.excuse_days"]),
        dispute=Num(ex.cfg["payment_risk.dispute_days"]),
        days=Num(row["value"]),
    )
    return sentences(
        late,
        outstanding if row["overdue"] > 0 else None,
        listed("payment_risk.also", "Also: {items}.", extra) if extra else None,
        risk if row["excuses"] or row["disputed"] else None,
    )


def _evidence(ctx: Context) -> pl.LazyFrame:
    late = _due(ctx).filter((pl.col("days_late") > 0) | pl.col("disputed"))
    return pl.concat(
        [
            evidence_frame(
                late,
                pl.col("due_on"),
                pl.format("invoice {}", pl.col("number")),
                pl.when(pl.col("settled_on").is_null() | pl.col("disputed"))
                .then(
                    detail_n(
                        "evidence.invoice_late_state",
                        "{amount} due {due}: {n} day late, {state}",
                        "{amount} due {due}: {n} days late, {state}",
                        pl.col("days_late"),
                        amount=money_param(pl.col("amount_minor"), pl.col("currency")),
                        due=date_param(pl.col("due_on")),
                        state=term_param(
                            pl.when(pl.col("settled_on").is_null() & pl.col("disputed"))
                            .then(pl.lit("unpaid_and_disputed"))
                            .when(pl.col("disputed"))
                            .then(pl.lit("disputed"))
                            .otherwise(pl.lit("unpaid")),
                            "invoice",
                        ),
                    )
                )
                .otherwise(
                    detail_n(
                        "evidence.invoice_late",
                        "{amount} due {due}: {n} day late",
                        "{amount} due {due}: {n} days late",
                        pl.col("days_late"),
                        amount=money_param(pl.col("amount_minor"), pl.col("currency")),
                        due=date_param(pl.col("due_on")),
                    )
                ),
            ),
            message_evidence(
                ctx,
                ctx.inbound.filter(pl.col("payment_excuse")),
                "evidence.payment_excuse",
                "payment excuse sent {at}",
            ),
        ]
    )


PAYMENT_RISK = Signal(
    id="payment_risk",
    tags="[002 #4] [001]",
    title="Payment risk",
    direction="higher_is_worse",
    components=_components,
    value=lambda ctx: ratio(_days_at_risk(ctx), "invoices_due"),
    judged=lambda ctx: pl.col("invoices_due") >= 1,
    explain=_explain,
    evidence=_evidence,
)

__all__ = ["PAYMENT_RISK"]
