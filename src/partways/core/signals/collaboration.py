"""Rejected recommendations [000 #2] and vague, indecisive feedback [001]."""

from __future__ import annotations

import polars as pl

from .base import Explainer, Row, Signal, evidence_frame, ratio
from .context import Context, monthly


def _decided(ctx: Context) -> pl.LazyFrame:
    return ctx.proposals.filter(pl.col("decided"))


def _rejected_components(ctx: Context) -> pl.LazyFrame:
    d = _decided(ctx).filter(pl.col("outcome").is_in(["accepted", "rejected", "revision"]))
    return monthly(
        d,
        decided=pl.len(),
        rejected=(pl.col("outcome") == "rejected").sum(),
        revisions=(pl.col("outcome") == "revision").sum(),
        max_round=pl.col("revision_round").max(),
    )


def _rejected_explain(row: Row, ex: Explainer) -> str:
    decided = int(row["decided"])
    if row["value"] is None:
        return ex.too_few(f"{decided} proposals decided", "rejected_recommendations.min_decided")
    text = (
        f"The client rejected {int(row['rejected'])} of {decided} recommendations and "
        f"deliverables put to them ({ex.pct(row['value'])})"
    )
    if row["revisions"]:
        text += f", and sent {int(row['revisions'])} back for another revision round"
    return text + "."


def _rejected_evidence(ctx: Context) -> pl.LazyFrame:
    d = _decided(ctx).filter(pl.col("outcome") == "rejected")
    return evidence_frame(
        d,
        pl.col("decided_on"),
        pl.format("proposal {}", pl.col("proposal_id")),
        pl.format(
            "'{}' rejected (round {}){}",
            pl.col("title"),
            pl.col("revision_round"),
            pl.when(pl.col("reason").fill_null("").str.strip_chars() != "")
            .then(pl.format(": {}", pl.col("reason").str.slice(0, 120)))
            .otherwise(pl.lit("")),
        ),
    )


REJECTED_RECOMMENDATIONS = Signal(
    id="rejected_recommendations",
    tags="[000 #2]",
    title="Keeps rejecting your recommendations",
    direction="higher_is_worse",
    components=_rejected_components,
    value=lambda ctx: ratio("rejected", "decided"),
    judged=lambda ctx: pl.col("decided") >= ctx.cfg["rejected_recommendations.min_decided"],
    explain=_rejected_explain,
    evidence=_rejected_evidence,
)


def _feedback(ctx: Context) -> pl.LazyFrame:
    return _decided(ctx).filter(pl.col("outcome").is_in(["rejected", "revision"]))


def _indecisive_components(ctx: Context) -> pl.LazyFrame:
    return monthly(
        _feedback(ctx),
        feedback=pl.len(),
        vague=pl.col("vague").sum(),
        rounds=pl.col("revision_round").sum(),
    )


def _indecisive_explain(row: Row, ex: Explainer) -> str:
    n = int(row["feedback"])
    if row["value"] is None:
        return ex.too_few(f"{n} rejections or revision requests", "indecisive.min_feedback")
    return (
        f"{int(row['vague'])} of {n} rejections and revision requests came without a "
        f"concrete change to make ({ex.pct(row['value'])}); work reached round "
        f"{row['rounds'] / n:.1f} on average."
    )


def _indecisive_evidence(ctx: Context) -> pl.LazyFrame:
    d = _feedback(ctx).filter(pl.col("vague"))
    return evidence_frame(
        d,
        pl.col("decided_on"),
        pl.format("proposal {}", pl.col("proposal_id")),
        pl.format(
            "'{}' round {}: {}",
            pl.col("title"),
            pl.col("revision_round"),
            pl.when(pl.col("reason").fill_null("").str.strip_chars() == "")
            .then(pl.lit("no reason given"))
            .otherwise(pl.format('"{}"', pl.col("reason").str.slice(0, 120))),
        ),
    )


INDECISIVE = Signal(
    id="indecisive",
    tags="[001]",
    title="Vague, indecisive feedback",
    direction="higher_is_worse",
    components=_indecisive_components,
    value=lambda ctx: ratio("vague", "feedback"),
    judged=lambda ctx: pl.col("feedback") >= ctx.cfg["indecisive.min_feedback"],
    explain=_indecisive_explain,
    evidence=_indecisive_evidence,
)
