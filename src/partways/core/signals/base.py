"""What a signal is, and how one is turned into values, severities, sentences and evidence."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..config import Direction, Thresholds
from ..phrase import Money, Phrase, Share, say
from .context import KEY, Context, Frame

SEVERITIES = ("none", "low", "medium", "high")
SEVERITY_POINTS = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_ENUM = pl.Enum(SEVERITIES)

EVIDENCE_SCHEMA = {
    "client_id": pl.Int64,
    "date": pl.Date,
    "record": pl.String,
    "detail": pl.String,
}


@dataclass(frozen=True)
class Explainer:
    """Helpers a signal's finding builder gets: money in the base currency and the settings."""

    cfg: Thresholds
    base_currency: str
    target_rate_minor: int

    def money(self, minor: float | None) -> Money:
        return Money(minor or 0.0, self.base_currency)

    def too_few(self, what: Phrase, setting: str) -> Phrase:
        """ "Only 3 client messages in the window: too few to judge (needs 5)."."""
        return say(
            "too_few",
            "Only {what} in the window: too few to judge (needs {needed}).",
            what=what,
            needed=int(self.cfg[setting]),
        )

    @staticmethod
    def pct(share: float | None) -> Share:
        return Share(share)


Row = dict[str, Any]


@dataclass(frozen=True)
class Signal:
    """One warning sign from PLAYBOOK §1.

    ``components`` returns additive numbers per client and month (counts and sums),
    so the same ``value`` expression gives both the window's value (components
    summed over the window) and the month-by-month series.
    """

    id: str
    tags: str
    title: str
    direction: Direction
    components: Callable[[Context], pl.DataFrame | pl.LazyFrame]
    value: Callable[[Context], pl.Expr]
    explain: Callable[[Row, Explainer], Phrase]
    evidence: Callable[[Context], pl.DataFrame | pl.LazyFrame]
    judged: Callable[[Context], pl.Expr] = field(default=lambda ctx: pl.lit(True))
    # Per-client facts the sentence needs beyond the components (client_id + columns).
    extras: Callable[[Context], pl.DataFrame | pl.LazyFrame] | None = None
    # A windowed signal looks at the last few months; a flag that is still active
    # counts however old it is.
    windowed: bool = True
    # A sign that turns bad within weeks when something goes wrong (a failed delivery,
    # a hard time in the client's life): its recent months are also compared with the
    # client's own earlier months, so a sudden rise shows before the window catches up.
    # Not for silence: a quiet month is as often a holiday as a problem.
    spikes: bool = False


def severity_expr(
    value: pl.Expr, ladder: tuple[float, float, float], direction: Direction
) -> pl.Expr:
    low, medium, high = ladder

    def worse(t: float) -> pl.Expr:
        return value >= t if direction == "higher_is_worse" else value < t

    return (
        pl.when(value.is_null())
        .then(pl.lit("none"))
        .when(worse(high))
        .then(pl.lit("high"))
        .when(worse(medium))
        .then(pl.lit("medium"))
        .when(worse(low))
        .then(pl.lit("low"))
        .otherwise(pl.lit("none"))
        .cast(SEVERITY_ENUM)
    )


def ratio(num: str | pl.Expr, den: str | pl.Expr) -> pl.Expr:
    """num / den as Float64, null when den is zero."""
    n = pl.col(num) if isinstance(num, str) else num
    d = pl.col(den) if isinstance(den, str) else den
    return pl.when(d != 0).then(n.cast(pl.Float64) / d).otherwise(None)


def empty_components(*cols: str) -> pl.DataFrame:
    return pl.DataFrame(
        schema={"client_id": pl.Int64, "month": pl.Date, **{c: pl.Float64 for c in cols}}
    )


def evidence_frame(frame: Frame, date: pl.Expr, record: pl.Expr, detail: pl.Expr) -> Frame:
    """Evidence rows: the day, the record cited, and the detail as a finding (see
    :func:`detail`)."""
    return frame.select(
        "client_id",
        date.cast(pl.Date).alias("date"),
        record.cast(pl.String).alias("record"),
        detail.cast(pl.String).alias("detail"),
    )


def detail(code: str, text: str, /, **params: pl.Expr) -> pl.Expr:
    """An evidence line as a finding, row by row: the JSON of a :class:`Phrase` with this
    code and English template, and each row's parameters (plain values, or the tagged
    ones :func:`money_param`, :func:`date_param` ... build)."""
    head = pl.lit(code).alias("code"), pl.lit(text).alias("text")
    if not params:
        return pl.lit(json.dumps(Phrase(code, text).to_json()))
    return pl.struct(
        *head, pl.struct([e.alias(k) for k, e in params.items()]).alias("params")
    ).struct.json_encode()


def detail_n(code: str, singular: str, plural: str, n: pl.Expr, /, **params: pl.Expr) -> pl.Expr:
    """:func:`detail` for a line whose wording depends on the count ``n``."""
    return pl.struct(
        pl.lit(code).alias("code"),
        pl.lit(singular).alias("text"),
        pl.lit(plural).alias("plural"),
        pl.struct([n.cast(pl.Int64).alias("n"), *[e.alias(k) for k, e in params.items()]]).alias(
            "params"
        ),
    ).struct.json_encode()


def money_param(minor: pl.Expr, currency: pl.Expr) -> pl.Expr:
    return pl.struct(minor.cast(pl.Float64).alias("money"), currency.alias("currency"))


def date_param(day: pl.Expr) -> pl.Expr:
    return pl.struct(day.cast(pl.Date).dt.strftime("%Y-%m-%d").alias("date"))


def moment_param(local: pl.Expr) -> pl.Expr:
    """A wall-clock time (naive, already in the business's zone)."""
    return pl.struct(local.dt.strftime("%Y-%m-%dT%H:%M").alias("datetime"))


def num_param(value: pl.Expr, digits: int = 0) -> pl.Expr:
    return pl.struct(value.cast(pl.Float64).alias("num"), pl.lit(digits).alias("digits"))


def term_param(word: pl.Expr, context: str) -> pl.Expr:
    return pl.struct(word.cast(pl.String).alias("term"), pl.lit(context).alias("context"))


def message_evidence(ctx: Context, frame: Frame, code: str, text: str) -> Frame:
    """Messages as evidence; ``text`` words the detail, with ``{at}`` for when it was sent."""
    sent = pl.col("sent_at").dt.convert_time_zone(ctx.tz)
    return evidence_frame(
        frame,
        sent.dt.date(),
        pl.format("message {}", pl.col("message_id")),
        detail(code, text, at=moment_param(sent.dt.replace_time_zone(None))),
    )


__all__ = [
    "KEY",
    "Context",
    "EVIDENCE_SCHEMA",
    "Explainer",
    "Row",
    "SEVERITIES",
    "SEVERITY_ENUM",
    "SEVERITY_POINTS",
    "Signal",
    "empty_components",
    "evidence_frame",
    "message_evidence",
    "detail",
    "detail_n",
    "money_param",
    "date_param",
    "moment_param",
    "num_param",
    "term_param",
    "ratio",
    "severity_expr",
]
