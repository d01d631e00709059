"""Keeping each full triage's verdicts, so the web pages read rows instead of re-running.

A run keeps one :class:`ClientVerdict` per client with the whole decision as JSON and
each signal's monthly series. Older runs are pruned to one per month (the last of
each month), which is what "movement since last month" compares against.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import polars as pl
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from partways.core.engine import EngineResult
from partways.core.triage import Decision

from .models import ClientVerdict, TriageRun, VerdictSignal

# The months of each signal's series kept with a verdict (the client page's trends).
SERIES_MONTHS = 12


def save_verdicts(run: TriageRun, decisions: list[Decision], result: EngineResult) -> None:
    """Store ``decisions`` as ``run``'s verdicts, then prune runs no page needs any more."""
    series = _series_by_client(result)
    with transaction.atomic():
        verdicts = ClientVerdict.objects.bulk_create(
            [_verdict(run, d, series.get(d.client_id, {})) for d in decisions],
            batch_size=500,
        )
        VerdictSignal.objects.bulk_create(
            [
                VerdictSignal(verdict=v, signal=s.id, severity=s.severity)
                for v, d in zip(verdicts, decisions, strict=True)
                for s in d.signals
                if s.severity != "none"
            ],
            batch_size=2000,
        )
        prune_runs(keep=run)


def _verdict(run: TriageRun, d: Decision, series: dict[str, list[list[Any]]]) -> ClientVerdict:
    facts = {s.id: s.facts for s in d.signals}
    value = facts.get("time_vs_value", {})
    money = facts.get("losing_money", {})
    detail = d.to_json()
    for sig in detail["signals"]:
        sig["series"] = series.get(sig["id"], [])
    cost = None
    if money.get("labour_cost") is not None:
        cost = round(money["labour_cost"] + (money.get("expenses") or 0))
    return ClientVerdict(
        run=run,
        client_id=d.client_id,
        recommendation=d.recommendation,
        score=d.score,
        pattern=d.pattern,
        chronic=d.chronic,
        revenue_minor=_int_or_none(value.get("revenue")),
        cost_minor=cost,
        hours=value.get("hours"),
        signal_count=sum(1 for s in d.signals if s.severity != "none"),
        detail=detail,
    )


def _int_or_none(v: Any) -> int | None:
    return None if v is None else round(v)


def _series_by_client(result: EngineResult) -> dict[int, dict[str, list[list[Any]]]]:
    """{client: {signal: [[month ISO, value], …]}} over the last months, in one pass."""
    end = result.as_of.replace(day=1)
    months = [end - relativedelta(months=i) for i in range(SERIES_MONTHS - 1, -1, -1)]
    rows = result.series.filter(pl.col("month") >= months[0]).select(
        "client_id", pl.col("signal").cast(pl.String), "month", "value"
    )
    known: dict[tuple[int, str], dict[dt.date, float | None]] = defaultdict(dict)
    for client_id, signal, month, value in rows.iter_rows():
        known[(client_id, signal)][month] = value
    out: dict[int, dict[str, list[list[Any]]]] = defaultdict(dict)
    for (client_id, signal), values in known.items():
        out[client_id][signal] = [[m.isoformat(), values.get(m)] for m in months]
    return out


def prune_runs(keep: TriageRun) -> None:
    """Delete the verdicts of runs superseded within their month (``keep`` always stays).

    The newest run of each ``as_of`` month keeps its verdicts; the run rows themselves
    stay (they are small and single-client triage reads their portfolio figures).
    """
    newest: dict[tuple[int, int], int] = {}
    for run_id, as_of in TriageRun.objects.order_by("ran_at", "id").values_list("id", "as_of"):
        newest[(as_of.year, as_of.month)] = run_id
    wanted = set(newest.values()) | {keep.id}
    ClientVerdict.objects.exclude(run_id__in=wanted).delete()


def latest_run(on_or_before: dt.date | None = None) -> TriageRun | None:
    """The full run with verdicts for the latest date (the newest of that date), or None;
    with ``on_or_before``, the latest dated no later than that."""
    runs = _with_verdicts()
    if on_or_before is not None:
        runs = runs.filter(as_of__lte=on_or_before)
    return runs.order_by("-as_of", "-ran_at", "-id").first()


def previous_month_run(run: TriageRun) -> TriageRun | None:
    """The newest run dated in an earlier month than ``run``: what "since last month" means."""
    first_of_month = run.as_of.replace(day=1)
    return (
        _with_verdicts()
        .filter(as_of__lt=first_of_month)
        .order_by("-as_of", "-ran_at", "-id")
        .first()
    )


def _with_verdicts() -> QuerySet[TriageRun]:
    # EXISTS answers from the (run, client) index; a join would read every verdict.
    return TriageRun.objects.filter(Exists(ClientVerdict.objects.filter(run=OuterRef("pk"))))
