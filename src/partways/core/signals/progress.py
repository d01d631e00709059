"""The relationship does not progress [000 #5]: derived from the other signals' months.

A month is "in trouble" for each sign whose monthly value reached its low level.
After a relationship has lasted long enough, the recent months are compared with
the months before them: flat or worse trouble means it is not progressing.
"""

from __future__ import annotations

import polars as pl
from dateutil.relativedelta import relativedelta

from ..config import Thresholds
from ..phrase import Num, Phrase, say, say_n
from .base import SEVERITY_ENUM, severity_expr
from .context import Context, Frame

ID = "not_progressing"
TAGS = "[000 #5]"
TITLE = "The relationship does not progress"
# Signs that say nothing about how the relationship develops month to month.
EXCLUDED = {ID, "not_a_fit"}


def trouble_by_month(series: Frame) -> Frame:
    """(client_id, month, trouble, signs): how many signs were at low or above each month."""
    return (
        series.filter(~pl.col("signal").is_in(list(EXCLUDED)))
        .group_by("client_id", "month")
        .agg(
            (pl.col("severity") != "none").sum().cast(pl.Float64).alias("trouble"),
            pl.col("signal").filter(pl.col("severity") != "none").alias("signs"),
        )
    )


def plan(
    ctx: Context, series: pl.DataFrame, first_month: pl.LazyFrame
) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Plan (window results, monthly series) for not_progressing.

    ``first_month`` holds each client's first month with any activity.
    """
    cfg: Thresholds = ctx.cfg
    recent_n = cfg.int("not_progressing.recent_months")
    recent_start = ctx.as_of_month - relativedelta(months=recent_n - 1)
    before_start = recent_start - relativedelta(months=recent_n)
    trouble = trouble_by_month(series.lazy())
    per_client = (
        ctx.ds.clients.lazy()
        .select("client_id")
        .join(first_month, on="client_id", how="left")
        .join(
            trouble.group_by("client_id").agg(
                pl.col("trouble").filter(pl.col("month") >= recent_start).sum().alias("_r"),
                pl.col("trouble")
                .filter((pl.col("month") >= before_start) & (pl.col("month") < recent_start))
                .sum()
                .alias("_b"),
            ),
            on="client_id",
            how="left",
        )
        .with_columns(
            (pl.col("_r").fill_null(0) / recent_n).alias("recent"),
            (pl.col("_b").fill_null(0) / recent_n).alias("before"),
            (
                (ctx.as_of_month.year - pl.col("first_month").dt.year()) * 12
                + ctx.as_of_month.month
                - pl.col("first_month").dt.month()
                + 1
            )
            .fill_null(0)
            .cast(pl.Float64)
            .alias("months"),
        )
    )
    judged = pl.col("months") >= cfg["not_progressing.min_months"]
    value = pl.when(judged).then(
        pl.when(pl.col("recent") >= pl.col("before")).then(pl.col("recent")).otherwise(0.0)
    )
    results = per_client.with_columns(value.alias("value")).with_columns(
        severity_expr(pl.col("value"), cfg.ladder(ID), "higher_is_worse").alias("severity")
    )
    monthly = trouble.select(
        "client_id",
        "month",
        pl.col("trouble").alias("value"),
        pl.lit("none").cast(SEVERITY_ENUM).alias("severity"),
    )
    return results.drop("_r", "_b"), monthly


def explain(row: dict[str, object]) -> Phrase:
    months = int(row["months"])  # type: ignore[call-overload]
    if row["value"] is None:
        return say_n(
            "not_progressing.too_young",
            "The relationship is {n} month old: too young to judge its progress.",
            "The relationship is {n} months old: too young to judge its progress.",
            months,
        )
    recent, before = float(row["recent"]), float(row["before"])  # type: ignore[arg-type]
    if recent == 0:
        return say("not_progressing.calm", "No sign was in trouble in recent months.")
    if row["value"] == 0:
        return say(
            "not_progressing.improving",
            "Improving: {recent} signs in trouble a month recently, down from {before}.",
            recent=Num(recent, 1),
            before=Num(before, 1),
        )
    if recent > before:
        return say_n(
            "not_progressing.worse",
            "After {n} month, {recent} signs a month are still in trouble, worse than the "
            "{before} of the months before.",
            "After {n} months, {recent} signs a month are still in trouble, worse than the "
            "{before} of the months before.",
            months,
            recent=Num(recent, 1),
            before=Num(before, 1),
        )
    return say_n(
        "not_progressing.stuck",
        "After {n} month, {recent} signs a month are still in trouble, no better than the "
        "{before} of the months before.",
        "After {n} months, {recent} signs a month are still in trouble, no better than the "
        "{before} of the months before.",
        months,
        recent=Num(recent, 1),
        before=Num(before, 1),
    )
