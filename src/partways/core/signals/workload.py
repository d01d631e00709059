"""Time against value, and money lost: [000 #1] [002 #1] [003 #4] [000 #7]."""

from __future__ import annotations

import polars as pl

from ..phrase import Num, Phrase, say, say_n, sentences
from .base import (
    Explainer,
    Row,
    Signal,
    detail,
    detail_n,
    evidence_frame,
    money_param,
    num_param,
    ratio,
)
from .context import Context, combine, month_of_date, monthly
from .currency import with_base_amounts


def _time_vs_value_components(ctx: Context) -> pl.LazyFrame:
    meetings = monthly(
        ctx.meetings,
        meetings=pl.len(),
        unprepared=((pl.col("status") == "held") & (pl.col("client_prepared") == False)).sum(),  # noqa: E712
        no_shows=(pl.col("status") == "no_show").sum(),
    )
    props = ctx.proposals.with_columns(
        month_of_date("submitted_on").alias("month"),
        (
            pl.coalesce(pl.when(pl.col("decided")).then(pl.col("decided_on")), pl.lit(ctx.as_of))
            - pl.col("submitted_on")
        )
        .dt.total_days()
        .alias("_days"),
    )
    decisions = monthly(props, decisions=pl.len(), decision_days=pl.col("_days").sum())
    return combine(
        ctx.time_monthly.drop("labour_cost"),
        ctx.revenue_monthly.drop("written_off"),
        meetings,
        decisions,
    )


def _time_vs_value_explain(row: Row, ex: Explainer) -> Phrase:
    hours = row["hours"]
    if row["value"] is None:
        return ex.too_few(
            say("hours.logged", "{hours} hours logged", hours=Num(hours, 1)),
            "time_vs_value.min_hours",
        )
    rate = say(
        "time_vs_value.value",
        "Each hour spent earned {rate} against your target of {target} ({share}).",
        rate=ex.money(row["revenue"] / hours),
        target=ex.money(ex.target_rate_minor),
        share=ex.pct(row["value"]),
    )
    median = (
        say(
            "time_vs_value.portfolio",
            "The portfolio's median is {rate}.",
            rate=ex.money(row["portfolio_rate"]),
        )
        if row.get("portfolio_rate")
        else None
    )
    unbilled = say(
        "time_vs_value.nonbillable",
        "{share} of {hours} hours were not billable.",
        share=ex.pct(row["nonbillable_hours"] / hours),
        hours=Num(hours),
    )
    missed = int(row["unprepared"] + row["no_shows"])
    meetings = say_n(
        "time_vs_value.meetings",
        "They came unprepared to or missed {missed} of {n} meeting.",
        "They came unprepared to or missed {missed} of {n} meetings.",
        row["meetings"],
        missed=missed,
    )
    decisions = (
        say(
            "time_vs_value.decisions",
            "Decisions took {days} days on average.",
            days=Num(row["decision_days"] / row["decisions"]),
        )
        if row["decisions"]
        else None
    )
    return sentences(rate, median, unbilled, meetings if missed else None, decisions)


def _time_vs_value_evidence(ctx: Context) -> pl.LazyFrame:
    m = ctx.meetings.filter(
        (pl.col("status") == "no_show")
        | ((pl.col("status") == "held") & (pl.col("client_prepared") == False))  # noqa: E712
    )
    meetings = evidence_frame(
        m,
        pl.col("starts_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.lit("meeting"),
        pl.when(pl.col("status") == "no_show")
        .then(detail("evidence.meeting_no_show", "client did not show up"))
        .otherwise(detail("evidence.meeting_unprepared", "client came unprepared")),
    )
    waited = ctx.proposals.with_columns(
        (
            pl.coalesce(pl.when(pl.col("decided")).then(pl.col("decided_on")), pl.lit(ctx.as_of))
            - pl.col("submitted_on")
        )
        .dt.total_days()
        .alias("_days")
    ).filter(pl.col("_days") >= 14)
    proposals = evidence_frame(
        waited,
        pl.col("submitted_on"),
        pl.format("proposal {}", pl.col("proposal_id")),
        detail_n(
            "evidence.proposal_waited",
            "“{title}” waited {n} day for a decision",
            "“{title}” waited {n} days for a decision",
            pl.col("_days"),
            title=pl.col("title"),
        ),
    )
    # The months that paid too little are evidence too: without meetings or proposals
    # to point at, the rate alone flags the sign, and a flag always shows its evidence.
    floor = ctx.cfg["time_vs_value.low"] * ctx.ds.business.target_hourly_rate_minor
    months = (
        ctx.time_monthly.join(ctx.revenue_monthly, on=["client_id", "month"], how="left")
        .with_columns(pl.col("revenue").fill_null(0.0))
        .filter((pl.col("hours") > 0) & (pl.col("revenue") / pl.col("hours") < floor))
    )
    poor = evidence_frame(
        months,
        pl.col("month"),
        pl.col("month").dt.strftime("month %Y-%m"),
        detail(
            "evidence.month_rate",
            "{hours} hours for {revenue} ({rate} an hour)",
            hours=num_param(pl.col("hours"), 1),
            revenue=money_param(pl.col("revenue"), pl.lit(ctx.ds.business.base_currency)),
            rate=money_param(
                pl.col("revenue") / pl.col("hours"), pl.lit(ctx.ds.business.base_currency)
            ),
        ),
    )
    return pl.concat([meetings, proposals, poor])


TIME_VS_VALUE = Signal(
    id="time_vs_value",
    tags="[000 #1] [002 #1] [003 #4]",
    title="Takes more time than they are worth",
    direction="lower_is_worse",
    components=_time_vs_value_components,
    value=lambda ctx: ratio("revenue", "hours") / ctx.ds.business.target_hourly_rate_minor,
    judged=lambda ctx: pl.col("hours") >= ctx.cfg["time_vs_value.min_hours"],
    explain=_time_vs_value_explain,
    evidence=_time_vs_value_evidence,
)


def _expenses(ctx: Context) -> pl.LazyFrame:
    exp = ctx.ds.expenses.filter(ctx.upto_date("spent_on"))
    exp = with_base_amounts(exp, ctx.ds.business, {"amount_minor": "amount"})
    return monthly(
        exp.with_columns(month_of_date("spent_on").alias("month")), expenses=pl.col("amount").sum()
    )


def _losing_money_components(ctx: Context) -> pl.LazyFrame:
    return ctx.memo("losing_money", lambda: _losing_money_parts(ctx))


def _losing_money_parts(ctx: Context) -> pl.LazyFrame:
    return combine(
        ctx.revenue_monthly,
        ctx.time_monthly.select("client_id", "month", "labour_cost"),
        _expenses(ctx),
    )


def _margin() -> pl.Expr:
    return pl.col("revenue") - pl.col("labour_cost") - pl.col("expenses")


def _losing_money_value(ctx: Context) -> pl.Expr:
    costs = pl.col("labour_cost") + pl.col("expenses")
    # With no revenue at all, any cost is a total loss: -100%.
    return (
        pl.when(pl.col("revenue") > 0)
        .then(_margin() / pl.col("revenue"))
        .when(costs > 0)
        .then(pl.lit(-1.0))
        .otherwise(None)
    )


def _losing_money_explain(row: Row, ex: Explainer) -> Phrase:
    if row["value"] is None:
        return say("losing_money.too_little", "Too little cost in the window to judge the margin.")
    margin = row["revenue"] - row["labour_cost"] - row["expenses"]
    value = say(
        "losing_money.value",
        "You invoiced {revenue}; the time cost {labour} and expenses {expenses}, a margin of "
        "{margin} ({share}).",
        revenue=ex.money(row["revenue"]),
        labour=ex.money(row["labour_cost"]),
        expenses=ex.money(row["expenses"]),
        margin=ex.money(margin),
        share=ex.pct(row["value"]),
    )
    written_off = say(
        "losing_money.written_off",
        "{amount} was written off.",
        amount=ex.money(row["written_off"]),
    )
    return sentences(value, written_off if row["written_off"] else None)


def _losing_money_evidence(ctx: Context) -> pl.LazyFrame:
    comp = _losing_money_components(ctx)
    currency = pl.lit(ctx.ds.business.base_currency)
    return evidence_frame(
        comp,
        pl.col("month"),
        pl.col("month").dt.strftime("month %Y-%m"),
        detail(
            "evidence.month_margin",
            "revenue {revenue}, cost {cost}, margin {margin}",
            revenue=money_param(pl.col("revenue"), currency),
            cost=money_param(pl.col("labour_cost") + pl.col("expenses"), currency),
            margin=money_param(_margin(), currency),
        ),
    )


LOSING_MONEY = Signal(
    id="losing_money",
    tags="[000 #7] [002 #1]",
    title="You lose money on them",
    direction="lower_is_worse",
    components=_losing_money_components,
    value=_losing_money_value,
    judged=lambda ctx: (
        (pl.col("labour_cost") + pl.col("expenses")) >= ctx.cfg["losing_money.min_cost"] * 100
    ),
    explain=_losing_money_explain,
    evidence=_losing_money_evidence,
)
