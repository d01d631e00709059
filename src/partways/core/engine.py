"""Compute every signal for every client at once.

The result is three long frames: one row per client and signal (value, threshold,
severity, sentence, facts), the evidence records behind each flagged signal, and the
month-by-month series of each signal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl
from dateutil.relativedelta import relativedelta

from .config import Thresholds
from .dataset import Dataset
from .phrase import Month, Num, Phrase, Share, from_json_text, say
from .signals import BASE_SIGNALS, SIGNAL_IDS, progress
from .signals.base import (
    EVIDENCE_SCHEMA,
    SEVERITY_ENUM,
    SEVERITY_POINTS,
    Explainer,
    Signal,
    detail_n,
    severity_expr,
)
from .signals.context import KEY, Context
from .text import TextAnalyzer
from .text.registry import make_analyzer

SIGNAL_ENUM = pl.Enum(SIGNAL_IDS)
# Polars' in-memory engine: on a single client's few hundred rows it answers in half
# the time the default engine takes, and on the full portfolio it is as fast.
COLLECT_ENGINE: Final = "in-memory"
RESULT_SCHEMA: dict[str, Any] = {
    "client_id": pl.Int64,
    "signal": SIGNAL_ENUM,
    "value": pl.Float64,
    "threshold": pl.Float64,
    "severity": SEVERITY_ENUM,
    "explanation": pl.String,
    "facts": pl.String,
}
SERIES_SCHEMA: dict[str, Any] = {
    "client_id": pl.Int64,
    "signal": SIGNAL_ENUM,
    "month": pl.Date,
    "value": pl.Float64,
    "severity": SEVERITY_ENUM,
}


@dataclass(frozen=True)
class EngineResult:
    as_of: dt.date
    results: pl.DataFrame
    evidence: pl.DataFrame
    series: pl.DataFrame
    # Portfolio-wide figures that single-client runs reuse (e.g. the median hourly rate).
    portfolio: dict[str, Any]
    # Each (client, signal)'s explanation as data (core.phrase); ``results`` holds its
    # English. Kept as objects: a JSON round trip per row would double the triage time.
    findings: dict[tuple[int, str], Phrase] = field(default_factory=dict)


def compute(
    ds: Dataset,
    as_of: dt.date,
    cfg: Thresholds | None = None,
    analyzer: TextAnalyzer | None = None,
    portfolio: dict[str, Any] | None = None,
) -> EngineResult:
    """Compute all signals as of ``as_of`` (inclusive, in the business's time zone).

    ``portfolio`` carries portfolio-wide figures from an earlier full run when ``ds``
    holds only some clients; without it they are computed from ``ds``.
    Raises :class:`partways.core.dataset.DataError` (e.g. a missing exchange rate).
    """
    ctx = Context(ds, cfg or Thresholds.defaults(), as_of, analyzer or make_analyzer("lexicon"))
    clients = ds.clients.select("client_id")
    ex = Explainer(ctx.cfg, ds.business.base_currency, ds.business.target_hourly_rate_minor)
    results = _ResultRows()
    evidence: list[pl.LazyFrame] = []
    series: list[pl.DataFrame] = []
    # Every signal's window and series are planned lazily and run in one go: one
    # query plan instead of hundreds of small eager steps (a single client's re-triage
    # is dominated by per-step overhead otherwise).
    plans = {sig.id: _window_and_series(sig, ctx, clients) for sig in BASE_SIGNALS}
    done = iter(
        pl.collect_all(
            [lf for win, ser, _ in plans.values() for lf in (win, ser)], engine=COLLECT_ENGINE
        )
    )
    windows: dict[str, pl.DataFrame] = {}
    columns: dict[str, list[str]] = {}
    for sig in BASE_SIGNALS:
        windows[sig.id], ser = next(done), next(done)
        columns[sig.id] = plans[sig.id][2]
        series.append(ser.with_columns(pl.lit(sig.id).cast(SIGNAL_ENUM).alias("signal")))
    portfolio = dict(_portfolio(windows["time_vs_value"]) if portfolio is None else portfolio)
    for sig in BASE_SIGNALS:
        win = windows[sig.id]
        if sig.id == "time_vs_value":
            win = win.with_columns(
                pl.lit(portfolio.get("median_hourly_rate")).alias("portfolio_rate")
            )
        results.add(
            sig.id,
            ctx.cfg.ladder(sig.id)[0],
            win,
            columns[sig.id],
            lambda row, sig=sig: _explain(sig, row, ex, ctx),  # type: ignore[misc]
        )
        planned = _evidence(sig, win, ctx)
        if planned is not None:
            evidence.append(planned)
    series_df = pl.concat(series, how="diagonal").select(list(SERIES_SCHEMA))
    # not_progressing is read off the other signals' series; it and all the evidence
    # are computed in a second batch.
    np_plan, np_series_plan = progress.plan(ctx, series_df, _first_months(ctx))
    np_win, np_series, *evidence_frames = pl.collect_all(
        [np_plan, np_series_plan, *evidence, _progress_evidence(np_plan, np_series_plan, ctx)],
        engine=COLLECT_ENGINE,
    )
    results.add(
        progress.ID,
        ctx.cfg.ladder(progress.ID)[0],
        np_win,
        ["recent", "before", "months"],
        progress.explain,
    )
    series_df = pl.concat(
        [
            series_df,
            np_series.with_columns(pl.lit(progress.ID).cast(SIGNAL_ENUM).alias("signal")).select(
                list(SERIES_SCHEMA)
            ),
        ]
    )
    return EngineResult(
        as_of=as_of,
        results=results.frame().sort("client_id", "signal"),
        evidence=_worded(pl.concat([_empty_evidence(), *evidence_frames], how="vertical")).sort(
            "client_id",
            "signal",
            "date",
            "record",
            "detail_phrase",  # as the rows were kept (``detail`` is now its English)
            descending=[False, False, True, True, True],
        ),
        series=series_df.sort("client_id", "signal", "month"),
        portfolio=portfolio,
        findings=results.findings,
    )


def _window_and_series(
    sig: Signal, ctx: Context, clients: pl.DataFrame
) -> tuple[pl.LazyFrame, pl.LazyFrame, list[str]]:
    """Plan a signal's window values and its monthly series; also return its components."""
    planned = sig.components(ctx).lazy()
    cols = [c for c in planned.collect_schema().names() if c not in KEY]
    comp = planned.with_columns(pl.col(cols).cast(pl.Float64))
    source = comp.filter(ctx.in_window()) if sig.windowed else comp
    win = (
        clients.lazy()
        .join(source.group_by("client_id").agg(pl.col(cols).sum()), on="client_id", how="left")
        .with_columns(pl.col(cols).fill_null(0.0))
    )
    value = pl.when(sig.judged(ctx)).then(sig.value(ctx)).otherwise(None).cast(pl.Float64)
    severity = severity_expr(pl.col("value"), ctx.cfg.ladder(sig.id), sig.direction)
    win = win.with_columns(value.alias("value")).with_columns(severity.alias("severity"))
    facts = cols
    if sig.spikes and sig.windowed:
        win = _with_spike(win, comp, cols, ctx, sig, value, severity)
        facts = [*cols, "spike", "spike_before", "spike_months"]
    if sig.extras is not None:
        win = win.join(sig.extras(ctx).lazy(), on="client_id", how="left")
    ser = (
        _rolling(comp, cols, ctx)
        .with_columns(value.alias("value"))
        .with_columns(severity.alias("severity"))
        .select("client_id", "month", "value", "severity")
    )
    return win, ser, facts


def _with_spike(
    win: pl.LazyFrame,
    comp: pl.LazyFrame,
    cols: list[str],
    ctx: Context,
    sig: Signal,
    value: pl.Expr,
    severity: pl.Expr,
) -> pl.LazyFrame:
    """The window's rows, with a sudden rise read in the recent months `[003 #1] [003 #3]`.

    A sign that reaches medium or more in the recent months (``engine.recent_months``)
    after the earlier months of the window were judged and calm is trouble now: its
    row takes the recent months' components, value and severity, with ``spike`` set,
    ``spike_before`` holding the earlier value and ``spike_months`` the months read as
    recent. The whole window would dilute a burst of a few weeks into months of calm
    ones. A sign at low there rose suddenly too when it is ``engine.spike_rise`` times
    its earlier value. When the recent months are too thin to judge, they reach back a
    month at a time (``engine.recent_max_months``): a client in trouble often writes
    less. Earlier months too thin to judge are no baseline: too little history is not a
    verdict.
    """

    def judged(part: pl.LazyFrame, prefix: str) -> pl.LazyFrame:
        summed = part.group_by("client_id").agg(pl.col(cols).sum())
        return (
            summed.with_columns(value.alias("value"))
            .with_columns(severity.alias("severity"))
            .select(
                "client_id",
                *[pl.col(c).alias(prefix + c) for c in cols],
                pl.col("value").alias(prefix + "value"),
                pl.col("severity").alias(prefix + "severity"),
            )
        )

    in_window = comp.filter(ctx.in_window())
    fields = [*cols, "value", "severity"]
    # The narrowest recent stretch that can be judged, and the window before it.
    pick = pl.lit(None, dtype=pl.Int32)
    for i, start in reversed(list(enumerate(ctx.recent_starts))):
        win = win.join(
            judged(in_window.filter(ctx.in_recent(start)), f"_r{i}_"), on="client_id", how="left"
        ).join(
            judged(in_window.filter(~ctx.in_recent(start)), f"_b{i}_"), on="client_id", how="left"
        )
        pick = pl.when(pl.col(f"_r{i}_value").is_not_null()).then(pl.lit(i)).otherwise(pick)
    win = win.with_columns(pick.fill_null(0).alias("_pick"))

    def chosen(prefix: str, field: str) -> pl.Expr:
        expr = pl.col(f"{prefix}0_{field}")
        for i in range(1, len(ctx.recent_starts)):
            expr = (
                pl.when(pl.col("_pick") == i).then(pl.col(f"{prefix}{i}_{field}")).otherwise(expr)
            )
        return expr.alias(f"_{'recent' if prefix == '_r' else 'before'}_{field}")

    win = win.with_columns(*[chosen(p, f) for p in ("_r", "_b") for f in fields])
    # Severities compare by their place in the ladder (none, low, medium, high).
    now, earlier = pl.col("_recent_severity").to_physical(), pl.col("_before_severity")
    rose = now >= SEVERITY_POINTS["medium"]
    if sig.direction == "higher_is_worse":
        rise = ctx.cfg["engine.spike_rise"]
        rose = rose | (
            (now >= SEVERITY_POINTS["low"])
            & (pl.col("_recent_value") >= rise * pl.col("_before_value"))
        )
    spike = (
        rose
        & (earlier == "none")
        & pl.col("_before_value").is_not_null()
        & (now > pl.col("severity").to_physical())
    ).fill_null(False)
    return (
        win.with_columns(spike.alias("spike"))
        .with_columns(
            *[
                pl.when("spike").then(pl.col("_recent_" + c)).otherwise(pl.col(c)).alias(c)
                for c in cols
            ],
            pl.when("spike").then(pl.col("_recent_value")).otherwise("value").alias("value"),
            pl.when("spike")
            .then(pl.col("_recent_severity"))
            .otherwise("severity")
            .alias("severity"),
            pl.when("spike").then(pl.col("_before_value")).alias("spike_before"),
            pl.when("spike")
            .then(pl.col("_pick").cast(pl.Float64) + ctx.recent_months)
            .alias("spike_months"),
        )
        .drop(pl.selectors.starts_with("_r", "_b", "_pick"))
    )


def _explain(sig: Signal, row: dict[str, Any], ex: Explainer, ctx: Context) -> Phrase:
    """The signal's finding; for a sudden rise, said of the recent months, with what
    the months before looked like."""
    finding = sig.explain(row, ex)
    if not row.get("spike"):
        return finding
    before = row["spike_before"]
    unit = ctx.cfg.unit(f"{sig.id}.low")
    since = ctx.as_of_month - relativedelta(months=int(row["spike_months"]) - 1)
    # "Earlier in the window", not "in the 5 months before": a younger client has
    # fewer months there.
    return say(
        "spike",
        "A sudden rise since {since}: {finding} Earlier in the window ({start} on) it was "
        "{before}.",
        since=since,
        finding=finding,
        start=Month(ctx.window_start),
        before=Share(before) if unit == "share" else Num(before, 1),
    )


def _rolling(comp: pl.LazyFrame, cols: list[str], ctx: Context) -> pl.LazyFrame:
    """Components per client and month, summed over that month and the ones before it.

    A single month is often too thin to judge (one invoice, three messages), so each
    month of a series covers ``engine.series_months`` months ending with it. Months
    without any record count as zero, from the client's first month on.
    """
    n = ctx.cfg.int("engine.series_months")
    grid = (
        comp.group_by("client_id")
        .agg(pl.col("month").min().alias("_first"))
        .with_columns(pl.date_ranges("_first", pl.lit(ctx.as_of_month), "1mo").alias("month"))
        .explode("month")
        .drop("_first")
    )
    return (
        grid.join(comp, on=KEY, how="left")
        .with_columns(pl.col(cols).fill_null(0.0))
        .sort(KEY)
        .with_columns(pl.col(cols).rolling_sum(window_size=n, min_samples=1).over("client_id"))
    )


class _ResultRows:
    """Every signal's rows, gathered as plain lists and turned into one frame at the end.

    One frame instead of one per signal: on a single client the per-frame overhead
    would otherwise outweigh the work.
    """

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {name: [] for name in RESULT_SCHEMA}
        self.findings: dict[tuple[int, str], Phrase] = {}

    def add(
        self,
        signal_id: str,
        threshold: float,
        win: pl.DataFrame,
        facts: list[str],
        explain: Callable[[dict[str, Any]], Phrase],
    ) -> None:
        c = self.columns
        for row in win.iter_rows(named=True):
            c["client_id"].append(row["client_id"])
            c["signal"].append(signal_id)
            c["value"].append(row["value"])
            c["threshold"].append(threshold)
            c["severity"].append(row["severity"])
            finding = explain(row)
            c["explanation"].append(finding.english())
            self.findings[(row["client_id"], signal_id)] = finding
            c["facts"].append(json.dumps({f: row[f] for f in facts}))

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.columns, schema=RESULT_SCHEMA)


def _keep_evidence(
    ev: pl.DataFrame | pl.LazyFrame,
    flagged: pl.DataFrame | pl.LazyFrame,
    signal_id: str,
    ctx: Context,
    windowed: bool = True,
) -> pl.LazyFrame:
    """Plan the most recent evidence rows of the flagged clients."""
    plan = ev.lazy().join(flagged.lazy(), on="client_id", how="semi")
    if windowed:
        plan = plan.filter(pl.col("date") >= ctx.window_start)
    n = ctx.cfg.int("engine.evidence_rows")
    return (
        # Record and detail break ties of date, so that the rows kept do not depend on
        # the order the rows came in (which a streamed plan does not keep).
        plan.sort("date", "record", "detail", descending=True)
        .group_by("client_id", maintain_order=True)
        .head(n)
        .select(
            pl.col("client_id"),
            pl.lit(signal_id).cast(SIGNAL_ENUM).alias("signal"),
            *[pl.col(c).cast(t) for c, t in EVIDENCE_SCHEMA.items() if c != "client_id"],
        )
    )


def _evidence(sig: Signal, win: pl.DataFrame, ctx: Context) -> pl.LazyFrame | None:
    flagged = win.filter(pl.col("severity") != "none").select("client_id")
    if flagged.height == 0:
        return None
    return _keep_evidence(sig.evidence(ctx), flagged, sig.id, ctx, sig.windowed)


def _progress_evidence(win: pl.LazyFrame, series: pl.LazyFrame, ctx: Context) -> pl.LazyFrame:
    flagged = win.filter(pl.col("severity") != "none").select("client_id")
    ev = series.filter(pl.col("value") > 0).select(
        "client_id",
        pl.col("month").alias("date"),
        pl.col("month").dt.strftime("month %Y-%m").alias("record"),
        detail_n(
            "evidence.signs_in_trouble",
            "{n} sign in trouble",
            "{n} signs in trouble",
            pl.col("value").cast(pl.Int64),
        ).alias("detail"),
    )
    return _keep_evidence(ev, flagged, progress.ID, ctx)


def _worded(evidence: pl.DataFrame) -> pl.DataFrame:
    """Evidence with its detail in plain English, and the detail as data (the finding's
    JSON, see core.phrase) in ``detail_phrase``. Only the few rows kept are worded."""
    english = [from_json_text(d).english() for d in evidence.get_column("detail")]
    return evidence.with_columns(
        pl.col("detail").alias("detail_phrase"), pl.Series("detail", english, pl.String)
    )


def _empty_evidence() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "client_id": pl.Int64,
            "signal": SIGNAL_ENUM,
            **{c: t for c, t in EVIDENCE_SCHEMA.items() if c != "client_id"},
        }
    )


def _first_months(ctx: Context) -> pl.LazyFrame:
    parts = [
        ctx.time_monthly.select("client_id", "month"),
        ctx.messages.select("client_id", "month"),
        ctx.invoices.select("client_id", "month"),
    ]
    return pl.concat(parts).group_by("client_id").agg(pl.col("month").min().alias("first_month"))


def _portfolio(time_win: pl.DataFrame) -> dict[str, Any]:
    judged = time_win.filter(pl.col("value").is_not_null() & (pl.col("hours") > 0))
    rates = judged.select((pl.col("revenue") / pl.col("hours")).alias("r")).get_column("r")
    median = rates.median() if rates.len() else None
    return {"median_hourly_rate": float(median) if median is not None else None}  # type: ignore[arg-type]
