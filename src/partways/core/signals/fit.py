"""No longer a fit [002 #5]: a judgement only a person can make, entered as a flag."""

from __future__ import annotations

import polars as pl

from ..phrase import Phrase, say
from .base import Explainer, Row, Signal, detail, evidence_frame
from .context import Context, month_of_date, monthly


def _active(ctx: Context) -> pl.DataFrame:
    return ctx.ds.flags.filter(
        (pl.col("kind") == "not_a_fit") & pl.col("active") & ctx.upto_date("created_on")
    ).with_columns(month_of_date("created_on").alias("month"))


def _explain(row: Row, ex: Explainer) -> Phrase:
    if not row["flags"]:
        return say("not_a_fit.none", "Nobody has marked this client as no longer a fit.")
    reason = str(row.get("flag_reason") or "").strip().rstrip(".")
    if not reason:
        return say("not_a_fit.no_reason", "Marked as no longer a fit, with no reason given.")
    return say("not_a_fit.value", "Marked as no longer a fit: {reason}.", reason=reason)


NOT_A_FIT = Signal(
    id="not_a_fit",
    tags="[002 #5]",
    title="No longer a fit",
    direction="higher_is_worse",
    components=lambda ctx: monthly(_active(ctx), flags=pl.len()),
    value=lambda ctx: pl.col("flags").cast(pl.Float64),
    explain=_explain,
    evidence=lambda ctx: evidence_frame(
        _active(ctx),
        pl.col("created_on"),
        pl.lit("flag"),
        pl.when(pl.col("reason").fill_null("").str.strip_chars() == "")
        .then(detail("evidence.flag_no_reason", "no reason given"))
        .otherwise(detail("evidence.flag", "{reason}", reason=pl.col("reason"))),
    ),
    extras=lambda ctx: (
        _active(ctx)
        .sort("created_on")
        .group_by("client_id")
        .agg(pl.col("reason").last().alias("flag_reason"))
    ),
    windowed=False,
)
