"""Rejected recommendations [000 #2] and vague, indecisive feedback [001]."""

from __future__ import annotations

import polars as pl

from ..phrase import Num, Phrase, say_n, sentences
from .base import (
    Explainer,
    Row,
    Signal,
    detail,
    evidence_frame,
    message_evidence,
    ratio,
)
from .context import Context, combine, monthly


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


def _rejected_explain(row: Row, ex: Explainer) -> Phrase:
    decided = int(row["decided"])
    if row["value"] is None:
        return ex.too_few(
            say_n("decided.proposals", "{n} proposal decided", "{n} proposals decided", decided),
            "rejected_recommendations.min_decided",
        )
    rejected = say_n(
        "rejected_recommendations.value",
        "The client rejected {rejected} of {n} recommendation and deliverable put to them "
        "({share}).",
        "The client rejected {rejected} of {n} recommendations and deliverables put to them "
        "({share}).",
        decided,
        rejected=int(row["rejected"]),
        share=ex.pct(row["value"]),
    )
    revisions = say_n(
        "rejected_recommendations.revisions",
        "They sent {n} back for another revision round.",
        "They sent {n} back for another revision round.",
        row["revisions"],
    )
    return sentences(rejected, revisions if row["revisions"] else None)


def _rejected_evidence(ctx: Context) -> pl.LazyFrame:
    d = _decided(ctx).filter(pl.col("outcome") == "rejected")
    return evidence_frame(
        d,
        pl.col("decided_on"),
        pl.format("proposal {}", pl.col("proposal_id")),
        pl.when(pl.col("reason").fill_null("").str.strip_chars() != "")
        .then(
            detail(
                "evidence.rejected_because",
                "“{title}” rejected (round {round}): {reason}",
                title=pl.col("title"),
                round=pl.col("revision_round"),
                reason=pl.col("reason").str.slice(0, 120),
            )
        )
        .otherwise(
            detail(
                "evidence.rejected",
                "“{title}” rejected (round {round})",
                title=pl.col("title"),
                round=pl.col("revision_round"),
            )
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
    # "The only feedback is 'that's not quite it'" [001]: the feedback often comes by
    # mail, not in the proposal's record, so a client message read as vague feedback
    # counts as one more round of feedback without a concrete change to make.
    return combine(
        monthly(
            _feedback(ctx),
            feedback=pl.len(),
            vague=pl.col("vague").sum(),
            rounds=pl.col("revision_round").sum(),
        ),
        monthly(ctx.inbound.filter(pl.col("vague")), vague_messages=pl.len()),
    )


def _indecisive_explain(row: Row, ex: Explainer) -> Phrase:
    n = int(row["feedback"])
    if row["value"] is None:
        return ex.too_few(
            say_n(
                "feedback.count",
                "{n} rejection or revision request",
                "{n} rejections or revision requests",
                n,
            ),
            "indecisive.min_feedback",
        )
    said = int(row["vague_messages"])
    rounds = Num(row["rounds"] / n, 1)
    if not said:
        return say_n(
            "indecisive.value",
            "{vague} of {n} rejection or revision request came without a concrete change "
            "to make ({share}); work reached round {rounds} on average.",
            "{vague} of {n} rejections and revision requests came without a concrete change "
            "to make ({share}); work reached round {rounds} on average.",
            n,
            vague=int(row["vague"]),
            share=ex.pct(row["value"]),
            rounds=rounds,
        )
    # The share counts the messages with the rounds: the sentence says so.
    return sentences(
        say_n(
            "indecisive.messages",
            "{n} client message gave only vague feedback.",
            "{n} client messages gave only vague feedback.",
            said,
        ),
        say_n(
            "indecisive.value_with_messages",
            "Counted with {rounds_n} rejections and revision requests, {vague} of {n} pieces "
            "of feedback came without a concrete change to make ({share}); work reached "
            "round {rounds} on average.",
            "Counted with {rounds_n} rejections and revision requests, {vague} of {n} pieces "
            "of feedback came without a concrete change to make ({share}); work reached "
            "round {rounds} on average.",
            n + said,
            rounds_n=n,
            vague=int(row["vague"]) + said,
            share=ex.pct(row["value"]),
            rounds=rounds,
        ),
    )


def _indecisive_evidence(ctx: Context) -> pl.LazyFrame:
    said = message_evidence(
        ctx,
        ctx.inbound.filter(pl.col("vague")),
        "evidence.vague_message",
        "only vague feedback, sent {at}",
    )
    return pl.concat([_vague_rounds(ctx), said.lazy()])


def _vague_rounds(ctx: Context) -> pl.LazyFrame:
    d = _feedback(ctx).filter(pl.col("vague"))
    return evidence_frame(
        d,
        pl.col("decided_on"),
        pl.format("proposal {}", pl.col("proposal_id")),
        pl.when(pl.col("reason").fill_null("").str.strip_chars() == "")
        .then(
            detail(
                "evidence.vague_no_reason",
                "“{title}” round {round}: no reason given",
                title=pl.col("title"),
                round=pl.col("revision_round"),
            )
        )
        .otherwise(
            detail(
                "evidence.vague",
                "“{title}” round {round}: “{reason}”",
                title=pl.col("title"),
                round=pl.col("revision_round"),
                reason=pl.col("reason").str.slice(0, 120),
            )
        ),
    )


INDECISIVE = Signal(
    id="indecisive",
    tags="[001]",
    title="Vague, indecisive feedback",
    direction="higher_is_worse",
    components=_indecisive_components,
    value=lambda ctx: ratio(
        pl.col("vague") + pl.col("vague_messages"), pl.col("feedback") + pl.col("vague_messages")
    ),
    judged=lambda ctx: pl.col("feedback") >= ctx.cfg["indecisive.min_feedback"],
    explain=_indecisive_explain,
    evidence=_indecisive_evidence,
)
