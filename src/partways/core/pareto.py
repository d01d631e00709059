"""The portfolio view `[001]`: which 20% of clients take most of the time and trouble."""

from __future__ import annotations

import math
from dataclasses import dataclass

import polars as pl

from .config import Thresholds
from .phrase import marked
from .signals.context import Context


@dataclass(frozen=True)
class ParetoRow:
    metric: str
    total: float
    top_share: float  # share of the metric the top clients account for
    top_clients: list[tuple[str, float]]


# Marked for the catalog: the interfaces show them in the reader's language.
METRICS = {
    "hours": marked("Hours"),
    "nonbillable_hours": marked("Non-billable hours"),
    "messages": marked("Client messages"),
    "incidents": marked("Incidents"),
    "late_payments": marked("Late payments"),
}


def pareto(ctx: Context) -> list[ParetoRow]:
    """For each metric over the window, the share that the top clients account for."""
    cfg: Thresholds = ctx.cfg
    clients = ctx.ds.clients.select("client_id", "name")
    n_top = max(1, math.ceil(clients.height * cfg["pareto.top_share"]))
    win = ctx.in_window()
    per_client = {
        "hours": ctx.time_monthly.filter(win)
        .group_by("client_id")
        .agg(pl.col("hours").sum().alias("v")),
        "nonbillable_hours": ctx.time_monthly.filter(win)
        .group_by("client_id")
        .agg(pl.col("nonbillable_hours").sum().alias("v")),
        "messages": ctx.inbound.filter(win).group_by("client_id").agg(pl.len().alias("v")),
        "incidents": ctx.incidents.filter(win).group_by("client_id").agg(pl.len().alias("v")),
        "late_payments": ctx.invoices.filter(
            (pl.col("due_month") >= ctx.window_start)
            & (pl.col("due_on") <= ctx.as_of)
            & (pl.col("days_late") > 0)
        )
        .group_by("client_id")
        .agg(pl.len().alias("v")),
    }
    rows = []
    collected = pl.collect_all(per_client.values())
    for metric, frame in zip(per_client, collected, strict=True):
        ranked = (
            clients.join(frame, on="client_id", how="left")
            .with_columns(pl.col("v").fill_null(0).cast(pl.Float64))
            .sort(["v", "name"], descending=[True, False])
        )
        total = float(ranked.get_column("v").sum())
        top = ranked.head(n_top).filter(pl.col("v") > 0)
        share = float(top.get_column("v").sum()) / total if total else 0.0
        rows.append(ParetoRow(metric, total, share, list(top.select("name", "v").iter_rows())))
    return rows
