"""What a signal is, and how one is turned into values, severities, sentences and evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..config import Direction, Thresholds
from ..money import format_money
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
    """Helpers a signal's sentence builder gets: money formatting and the settings."""

    cfg: Thresholds
    base_currency: str
    target_rate_minor: int

    def money(self, minor: float | None) -> str:
        return format_money(minor, self.base_currency)

    @staticmethod
    def n(count: float, one: str, many: str) -> str:
        """``3 invoices`` / ``1 invoice``."""
        c = int(count)
        return f"{c} {one if c == 1 else many}"

    def too_few(self, what: str, setting: str) -> str:
        """ "Only 3 client messages in the window: too few to judge (needs 5)."."""
        return f"Only {what} in the window: too few to judge (needs {self.cfg[setting]:.0f})."

    @staticmethod
    def pct(share: float | None) -> str:
        return "–" if share is None else f"{share * 100:.0f}%"


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
    explain: Callable[[Row, Explainer], str]
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
    return frame.select(
        "client_id",
        date.cast(pl.Date).alias("date"),
        record.cast(pl.String).alias("record"),
        detail.cast(pl.String).alias("detail"),
    )


def message_evidence(ctx: Context, frame: Frame, what: str) -> Frame:
    return evidence_frame(
        frame,
        pl.col("sent_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.format("message {}", pl.col("message_id")),
        pl.format(
            "{} {}",
            pl.lit(what),
            pl.col("sent_at").dt.convert_time_zone(ctx.tz).dt.strftime("%Y-%m-%d %H:%M"),
        ),
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
    "ratio",
    "severity_expr",
]
