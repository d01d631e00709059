"""Payment risk [002 #4] [001]: late payment, overdue balances, disputes and excuses."""

from __future__ import annotations

import polars as pl

from .base import Explainer, Row, Signal, evidence_frame, message_evidence, ratio
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


def _explain(row: Row, ex: Explainer) -> str:
    n = int(row["invoices_due"])
    if row["value"] is None:
        return "No invoice fell due in the window."
    text = (
        f"{int(row['paid_late'])} of {n} invoices due in the window were paid late, "
        f"{row['days_late'] / n:.0f} days late on average"
    )
    if row["overdue"] > 0:
        text += f"; {ex.money(row['overdue'])} is still outstanding"
    text += "."
    extra = []
    if row["reminders"]:
        extra.append(ex.n(row["reminders"], "reminder", "reminders") + " sent")
    if row["disputed"]:
        extra.append(ex.n(row["disputed"], "invoice", "invoices") + " disputed")
    if row["excuses"]:
        extra.append(ex.n(row["excuses"], "message", "messages") + " with payment excuses")
    if extra:
        joined = ", ".join(extra)
        text += " " + joined[0].upper() + joined[1:] + "."
    if row["excuses"] or row["disputed"]:
        text += (
            f" Counting each excuse as {ex.cfg['payment_risk.excuse_days']:.0f} days and each "
            f"dispute as {ex.cfg['payment_risk.dispute_days']:.0f}, the risk is "
            f"{row['value']:.0f} days per invoice."
        )
    return text


def _evidence(ctx: Context) -> pl.LazyFrame:
    late = _due(ctx).filter((pl.col("days_late") > 0) | pl.col("disputed"))
    return pl.concat(
        [
            evidence_frame(
                late,
                pl.col("due_on"),
                pl.format("invoice {}", pl.col("number")),
                pl.format(
                    "{} {} due {}: {} days late{}{}",
                    pl.col("currency"),
                    (pl.col("amount_minor") / 100).round(2),
                    pl.col("due_on"),
                    pl.col("days_late"),
                    pl.when(pl.col("settled_on").is_null())
                    .then(pl.lit(", unpaid"))
                    .otherwise(pl.lit("")),
                    pl.when(pl.col("disputed")).then(pl.lit(", disputed")).otherwise(pl.lit("")),
                ),
            ),
            message_evidence(
                ctx, ctx.inbound.filter(pl.col("payment_excuse")), "payment excuse sent"
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
