"""How the client communicates: [000 #4] reply windows, [001] after hours,
[000 #6] pessimism and [000 #3] respect."""

from __future__ import annotations

import polars as pl

from ..phrase import Num, Phrase, say, say_n, sentences
from .base import (
    Explainer,
    Row,
    Signal,
    detail,
    evidence_frame,
    message_evidence,
    num_param,
    ratio,
)
from .context import Context, combine, monthly


def _turns(ctx: Context) -> pl.LazyFrame:
    return ctx.memo("turns", lambda: _find_turns(ctx))


def _find_turns(ctx: Context) -> pl.LazyFrame:
    """Our messages that wait for a reply, each with the client's next reply and the
    working hours it waited (``reply_hours``).

    Only messages that ask something or need a decision wait for a reply (the text
    analysis labels them ``asks``): a status report or "thanks, noted" left unanswered is
    not silence `[000 #4]`. Of several such messages before the client writes again,
    only the first counts: the wait is measured from when the client first owed us an
    answer, and a reminder is not a second question.
    """
    msgs = ctx.messages.select(
        "message_id", "client_id", "direction", "sent_at", "month", "asks"
    ).sort("client_id", "sent_at")
    # Which stretch between two client messages each message falls in.
    stretch = (pl.col("direction") == "in").cast(pl.Int32).cum_sum().over("client_id")
    ours = (
        msgs.with_columns(stretch.alias("_stretch"))
        .filter((pl.col("direction") == "out") & pl.col("asks"))
        .unique(["client_id", "_stretch"], keep="first", maintain_order=True)
        .drop("_stretch", "asks")
    )
    replies = msgs.filter(pl.col("direction") == "in").select(
        "client_id", pl.col("sent_at").alias("reply_at")
    )
    joined = ours.join_asof(
        replies,
        left_on="sent_at",
        right_on="reply_at",
        by="client_id",
        strategy="forward",
        check_sortedness=False,
    )
    joined = joined.join(ctx.reply_windows, on="client_id", how="left")
    end = pl.lit(ctx.end_utc).dt.cast_time_unit("us")
    until = pl.coalesce("reply_at", end)
    # Days off (weekends, by default) do not count against the reply window: a question
    # sent on Friday afternoon and answered on Monday morning was answered in time.
    mask = [d in ctx.ds.business.work_days for d in range(7)]

    def local_day(e: pl.Expr) -> pl.Expr:
        return ctx.local(e).dt.date()

    days_off = (
        local_day(until) - local_day(pl.col("sent_at"))
    ).dt.total_days() - pl.business_day_count(
        local_day(pl.col("sent_at")), local_day(until), week_mask=mask
    )
    waited_h = (until - pl.col("sent_at")).dt.total_seconds() / 3600 - 24 * days_off
    late = waited_h > pl.col("reply_window_hours")
    return joined.with_columns(
        pl.when(pl.col("reply_at").is_not_null()).then(waited_h).alias("reply_hours"),
        late.alias("late"),
        # A message still inside its window is not judged yet.
        (pl.col("reply_at").is_not_null() | late).alias("due"),
    )


def _minimal_components(ctx: Context) -> pl.LazyFrame:
    t = _turns(ctx).filter(pl.col("due"))
    turns = monthly(
        t,
        asked=pl.len(),
        late=pl.col("late").sum(),
        unanswered=pl.col("reply_at").is_null().sum(),
        reply_hours=pl.col("reply_hours").sum(),
        answered=pl.col("reply_at").is_not_null().sum(),
    )
    # A check-in the client did not turn up to is a missed exchange too [000 #4].
    missed = monthly(ctx.meetings.filter(pl.col("status") == "no_show"), missed_meetings=pl.len())
    return combine(turns, missed)


def _minimal_explain(row: Row, ex: Explainer) -> Phrase:
    asked = int(row["asked"])
    if row["value"] is None:
        return ex.too_few(
            say_n(
                "asked.count",
                "{n} of our questions or requests waiting for an answer",
                "{n} of our questions or requests waiting for an answer",
                asked,
            ),
            "minimal_communication.min_messages",
        )
    late = say_n(
        "minimal_communication.value",
        "{late} of {n} question or request waiting for the client's answer went past the "
        "agreed reply window of {hours} hours ({share}).",
        "{late} of {n} questions or requests waiting for the client's answer went past the "
        "agreed reply window of {hours} hours ({share}).",
        asked,
        late=int(row["late"]),
        hours=Num(row["reply_window_hours"]),
        share=ex.pct(row["value"]),
    )
    unanswered = say_n(
        "minimal_communication.unanswered",
        "{n} was never answered.",
        "{n} were never answered.",
        row["unanswered"],
    )
    missed = say_n(
        "minimal_communication.missed_meetings",
        "{n} meeting was missed.",
        "{n} meetings were missed.",
        row["missed_meetings"],
    )
    replies = (
        say(
            "minimal_communication.reply_hours",
            "Replies took {hours} hours on average.",
            hours=Num(row["reply_hours"] / row["answered"]),
        )
        if row["answered"]
        else None
    )
    return sentences(
        late,
        unanswered if row["unanswered"] else None,
        missed if row["missed_meetings"] else None,
        replies,
    )


def _minimal_evidence(ctx: Context) -> pl.LazyFrame:
    t = _turns(ctx).filter(pl.col("due") & pl.col("late"))
    missed = evidence_frame(
        ctx.meetings.filter(pl.col("status") == "no_show"),
        pl.col("starts_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.lit("meeting"),
        detail("evidence.no_show", "the client did not come to the meeting"),
    )
    return pl.concat([missed, _late_evidence(ctx, t)])


def _late_evidence(ctx: Context, t: pl.LazyFrame) -> pl.LazyFrame:
    return evidence_frame(
        t,
        pl.col("sent_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.format("message {}", pl.col("message_id")),
        pl.when(pl.col("reply_at").is_null())
        .then(detail("evidence.never_answered", "never answered"))
        .otherwise(
            detail(
                "evidence.answered_after",
                "answered after {hours} working hours",
                hours=num_param(pl.col("reply_hours").round(0)),
            )
        ),
    )


MINIMAL_COMMUNICATION = Signal(
    id="minimal_communication",
    tags="[000 #4]",
    title="Minimal communication",
    direction="higher_is_worse",
    components=_minimal_components,
    value=lambda ctx: ratio(
        pl.col("late") + pl.col("missed_meetings"), pl.col("asked") + pl.col("missed_meetings")
    ),
    judged=lambda ctx: pl.col("asked") >= ctx.cfg["minimal_communication.min_messages"],
    explain=_minimal_explain,
    evidence=_minimal_evidence,
    extras=lambda ctx: ctx.reply_windows,
)


def _inbound_components(ctx: Context) -> pl.LazyFrame:
    return monthly(
        ctx.inbound,
        inbound=pl.len(),
        negative=pl.col("negative").sum(),
        after_hours=pl.col("after_hours").sum(),
        disrespect=pl.col("disrespect").sum(),
    )


def _after_hours_explain(row: Row, ex: Explainer) -> Phrase:
    n = int(row["inbound"])
    if row["value"] is None:
        return ex.too_few(_client_messages(n), "after_hours.min_messages")
    return say_n(
        "after_hours.value",
        "{late} of {n} client message arrived outside your working hours or on days off ({share}).",
        "{late} of {n} client messages arrived outside your working hours or on days off "
        "({share}).",
        n,
        late=int(row["after_hours"]),
        share=ex.pct(row["value"]),
    )


def _client_messages(n: int) -> Phrase:
    return say_n("client_messages.count", "{n} client message", "{n} client messages", n)


AFTER_HOURS = Signal(
    id="after_hours",
    tags="[001]",
    title="Messages at all hours",
    direction="higher_is_worse",
    components=lambda ctx: _inbound_components(ctx).select(
        "client_id", "month", "inbound", "after_hours"
    ),
    value=lambda ctx: ratio("after_hours", "inbound"),
    judged=lambda ctx: pl.col("inbound") >= ctx.cfg["after_hours.min_messages"],
    explain=_after_hours_explain,
    evidence=lambda ctx: message_evidence(
        ctx, ctx.inbound.filter(pl.col("after_hours")), "evidence.after_hours", "sent at {at}"
    ),
)


def _pessimism_explain(row: Row, ex: Explainer) -> Phrase:
    n = int(row["inbound"])
    if row["value"] is None:
        return ex.too_few(_client_messages(n), "pessimism.min_messages")
    return say_n(
        "pessimism.value",
        "{negative} of {n} client message was negative ({share}).",
        "{negative} of {n} client messages were negative ({share}).",
        n,
        negative=int(row["negative"]),
        share=ex.pct(row["value"]),
    )


PESSIMISM = Signal(
    id="pessimism",
    tags="[000 #6]",
    title="Pessimistic attitude",
    direction="higher_is_worse",
    components=lambda ctx: _inbound_components(ctx).select(
        "client_id", "month", "inbound", "negative"
    ),
    value=lambda ctx: ratio("negative", "inbound"),
    judged=lambda ctx: pl.col("inbound") >= ctx.cfg["pessimism.min_messages"],
    explain=_pessimism_explain,
    evidence=lambda ctx: message_evidence(
        ctx,
        ctx.inbound.filter(pl.col("negative")),
        "evidence.negative",
        "negative message sent {at}",
    ),
    spikes=True,
)


def _low_respect_explain(row: Row, ex: Explainer) -> Phrase:
    n = int(row["disrespect"])
    if not n:
        return say("low_respect.none", "No disrespectful messages in the window.")
    return say_n(
        "low_respect.value",
        "{n} of the client's {inbound} messages belittled you or your work.",
        "{n} of the client's {inbound} messages belittled you or your work.",
        n,
        inbound=int(row["inbound"]),
    )


LOW_RESPECT = Signal(
    id="low_respect",
    tags="[000 #3]",
    title="Little respect",
    direction="higher_is_worse",
    components=lambda ctx: _inbound_components(ctx).select(
        "client_id", "month", "inbound", "disrespect"
    ),
    value=lambda ctx: pl.col("disrespect").cast(pl.Float64),
    explain=_low_respect_explain,
    evidence=lambda ctx: message_evidence(
        ctx,
        ctx.inbound.filter(pl.col("disrespect")),
        "evidence.disrespect",
        "disrespectful message sent {at}",
    ),
)
