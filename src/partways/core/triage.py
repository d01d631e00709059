"""One recommendation per client: keep, watch, repair, end at contract end, end now.

The rules, in the order they are tried:

1. **end now** — abuse toward you or your staff, or unethical behaviour, backed by a
   reported incident or repeated abusive messages `[000 #8] [002 #2] [002 #3]`.
   No cooling-off: act sooner.
2. **end at contract end** — a repair plan past its review date that did not lower the
   score enough `[000 #4] [000 #7]`; a "no longer a fit" flag `[002 #5]`; or a high
   score in a chronic pattern (a *problem client*) `[003 #1]`. Each carries a
   cooling-off date: sleep on it before acting `[001]`.
3. **repair** — a score past the repair level or any sign at medium or above, with
   the strategies of PLAYBOOK §3 that fit the signs; an acute pattern (a *client who
   has a problem*) leads with support `[003 #3]`.
4. **watch** — a score past the watch level.
5. **keep** — everything else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl
from dateutil.relativedelta import relativedelta

from .config import Thresholds
from .dataset import Dataset
from .engine import EngineResult
from .signals import BASE_SIGNALS, SIGNAL_IDS, progress
from .signals.base import SEVERITY_POINTS
from .signals.progress import trouble_by_month

Recommendation = Literal["keep", "watch", "repair", "end_at_contract_end", "end_now"]
RECOMMENDATIONS: tuple[Recommendation, ...] = (
    "end_now",
    "end_at_contract_end",
    "repair",
    "watch",
    "keep",
)
Pattern = Literal["chronic", "acute", "intermittent", "none"]

# The short name of every sign, as each signal defines it.
TITLES = {
    **{sig.id: sig.title for sig in BASE_SIGNALS},
    progress.ID: progress.TITLE,
}


@dataclass(frozen=True)
class Strategy:
    id: str
    title: str
    tag: str
    because: tuple[str, ...]


STRATEGIES: dict[str, tuple[str, str, frozenset[str]]] = {
    "acute_support": (
        "Apologise for the misunderstanding, offer to fix it, and help with what they need now",
        "[003 #3]",
        frozenset(),
    ),
    "channel_cadence": (
        "Move to another channel or a fixed cadence: a weekly or fortnightly check-in",
        "[000]",
        frozenset({"minimal_communication", "after_hours"}),
    ),
    "payment_options": (
        "Offer other payment options: deposits, instalments, shorter terms",
        "[002 #4]",
        frozenset({"payment_risk"}),
    ),
    "new_agreement": (
        "Propose a new agreement at renewal with new boundaries: scope, reply window, "
        "revision limits, payment terms",
        "[000]",
        frozenset(
            {
                "losing_money",
                "time_vs_value",
                "abuse_or_unreasonable",
                "indecisive",
                "rejected_recommendations",
                "payment_risk",
            }
        ),
    ),
    "set_expectations": (
        "Set expectations in writing: how work is structured, what to expect and when, "
        "how to reach you",
        "[003 #2]",
        frozenset({"indecisive", "after_hours", "abuse_or_unreasonable", "time_vs_value"}),
    ),
    "self_reflection": (
        "Review your own side first: what can you change, and plan the conversation",
        "[000]",
        frozenset({"low_respect", "pessimism", "rejected_recommendations", "not_progressing"}),
    ),
}


@dataclass(frozen=True)
class SignalView:
    id: str
    severity: str
    value: float | None
    threshold: float
    explanation: str
    evidence: list[dict[str, Any]]
    facts: dict[str, Any]
    series: list[tuple[dt.date, float | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    client_id: int
    client: str
    recommendation: Recommendation
    score: float
    chronic: bool
    pattern: Pattern
    reasons: list[str]
    signals: list[SignalView]
    strategies: list[Strategy] = field(default_factory=list)
    cooling_off_until: dt.date | None = None
    contract_end: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of ``partways triage --format json``."""
        return {
            "client": self.client,
            "client_id": self.client_id,
            "recommendation": self.recommendation,
            "score": self.score,
            "chronic": self.chronic,
            "pattern": self.pattern,
            "reasons": self.reasons,
            "strategies": [
                {"id": s.id, "title": s.title, "tag": s.tag, "because": list(s.because)}
                for s in self.strategies
            ],
            "cooling_off_until": _iso(self.cooling_off_until),
            "contract_end": _iso(self.contract_end),
            "signals": [
                {
                    "id": s.id,
                    "severity": s.severity,
                    "value": s.value,
                    "threshold": s.threshold,
                    "explanation": s.explanation,
                    "evidence": [{**e, "date": _iso(e["date"])} for e in s.evidence],
                }
                for s in self.signals
            ],
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def weights(cfg: Thresholds) -> dict[str, float]:
    return {sid: cfg[f"weight.{sid}"] for sid in SIGNAL_IDS}


def scores(results: pl.DataFrame, cfg: Thresholds) -> pl.DataFrame:
    """(client_id, score): weighted severity points as a share of the maximum, 0–100."""
    w = weights(cfg)
    total = 3 * sum(w.values())
    pts = results.with_columns(
        (
            pl.col("signal").cast(pl.String).replace_strict(w, return_dtype=pl.Float64)
            * pl.col("severity")
            .cast(pl.String)
            .replace_strict(SEVERITY_POINTS, return_dtype=pl.Float64)
        ).alias("pts")
    )
    return pts.group_by("client_id").agg(
        (pl.col("pts").sum() * 100 / total).round(1).alias("score")
    )


def patterns(result: EngineResult, cfg: Thresholds) -> pl.DataFrame:
    """(client_id, pattern): chronic, acute, intermittent or none `[003 #1] [003 #3]`."""
    as_of_month = result.as_of.replace(day=1)
    look = cfg.int("triage.chronic_lookback_months")
    recent_n = cfg.int("triage.acute_recent_months")
    start = as_of_month - relativedelta(months=look - 1)
    recent_start = as_of_month - relativedelta(months=recent_n - 1)
    trouble = trouble_by_month(result.series).filter(
        (pl.col("month") >= start) & (pl.col("month") <= as_of_month) & (pl.col("trouble") > 0)
    )
    agg = trouble.group_by("client_id").agg(
        pl.len().alias("months"),
        pl.col("signs")
        .list.explode(keep_nulls=False, empty_as_null=False)
        .n_unique()
        .alias("distinct"),
        (pl.col("month") >= recent_start).sum().alias("recent"),
        (pl.col("month") < recent_start).sum().alias("earlier"),
    )
    chronic = (pl.col("months") >= cfg["triage.chronic_min_months"]) & (
        pl.col("distinct") >= cfg["triage.chronic_min_signals"]
    )
    acute = (pl.col("recent") > 0) & (pl.col("earlier") <= 1)
    return agg.select(
        "client_id",
        pl.when(chronic)
        .then(pl.lit("chronic"))
        .when(acute)
        .then(pl.lit("acute"))
        .otherwise(pl.lit("intermittent"))
        .alias("pattern"),
    )


def triage(result: EngineResult, ds: Dataset, cfg: Thresholds | None = None) -> list[Decision]:
    """Return one :class:`Decision` per client, most urgent first."""
    cfg = cfg or Thresholds.defaults()
    w = weights(cfg)
    score_of = dict(scores(result.results, cfg).iter_rows())
    pattern_of = dict(patterns(result, cfg).iter_rows())
    names = dict(ds.clients.select("client_id", "name").iter_rows())
    ends = dict(
        ds.contracts.sort("start").group_by("client_id").agg(pl.col("end").last()).iter_rows()
    )
    plans = _due_plans(ds, result.as_of)
    open_plans = set(
        ds.repair_plans.filter(pl.col("status") == "open").get_column("client_id").to_list()
    )
    views = _signal_views(result)
    decisions = []
    for client_id, name in names.items():
        sigs = views.get(client_id, [])
        score = float(score_of.get(client_id, 0.0))
        # A pattern only matters while something is wrong now.
        troubled = any(s.severity != "none" for s in sigs)
        pattern: Pattern = pattern_of.get(client_id, "none") if troubled else "none"
        decisions.append(
            _decide(
                client_id,
                name,
                sigs,
                score,
                pattern,
                cfg,
                w,
                result.as_of,
                plans.get(client_id),
                client_id in open_plans,
                ends.get(client_id),
            )
        )
    rank = {r: i for i, r in enumerate(RECOMMENDATIONS)}
    decisions.sort(key=lambda d: (rank[d.recommendation], -d.score, d.client))
    return decisions


def _due_plans(ds: Dataset, as_of: dt.date) -> dict[int, tuple[dt.date, dt.date, float, bool]]:
    """Plans to judge: open ones past their review date, and ones already judged failed.

    The value is (opened, review date, baseline score, failed at review).
    """
    # Only a client's latest plan counts: an old failure is superseded by a new plan.
    latest = (
        ds.repair_plans.filter(pl.col("opened_on") <= as_of)
        .sort("opened_on")
        .group_by("client_id")
        .last()
    )
    due = latest.filter(
        ((pl.col("status") == "open") & (pl.col("review_on") <= as_of))
        | (pl.col("status") == "failed")
    )
    return {
        r[0]: (r[1], r[2], r[3], r[4] == "failed")
        for r in due.select(
            "client_id", "opened_on", "review_on", "baseline_score", "status"
        ).iter_rows()
    }


def _signal_views(result: EngineResult) -> dict[int, list[SignalView]]:
    ev: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for row in result.evidence.iter_rows(named=True):
        ev.setdefault((row["client_id"], row["signal"]), []).append(
            {"date": row["date"], "record": row["record"], "detail": row["detail"]}
        )
    out: dict[int, list[SignalView]] = {}
    for row in result.results.iter_rows(named=True):
        key = (row["client_id"], row["signal"])
        out.setdefault(row["client_id"], []).append(
            SignalView(
                id=row["signal"],
                severity=row["severity"],
                value=row["value"],
                threshold=row["threshold"],
                explanation=row["explanation"],
                evidence=ev.get(key, []),
                facts=json.loads(row["facts"]),
            )
        )
    return out


def _decide(
    client_id: int,
    name: str,
    sigs: list[SignalView],
    score: float,
    pattern: Pattern,
    cfg: Thresholds,
    w: dict[str, float],
    as_of: dt.date,
    due_plan: tuple[dt.date, dt.date, float, bool] | None,
    plan_open: bool,
    contract_end: dt.date | None,
) -> Decision:
    by_id = {s.id: s for s in sigs}
    flagged = sorted(
        (s for s in sigs if s.severity != "none"),
        key=lambda s: (-w[s.id] * SEVERITY_POINTS[s.severity], s.id),
    )
    reasons = [f"{TITLES[s.id]} ({s.severity}): {s.explanation}" for s in flagged]
    chronic = pattern == "chronic"
    cooling = as_of + dt.timedelta(days=cfg.int("triage.cooling_off_days"))

    def decision(
        rec: Recommendation, lead: list[str] | None = None, strategies: list[Strategy] | None = None
    ) -> Decision:
        return Decision(
            client_id=client_id,
            client=name,
            recommendation=rec,
            score=score,
            chronic=chronic,
            pattern=pattern,
            reasons=(lead or []) + reasons,
            signals=sigs,
            strategies=strategies or [],
            cooling_off_until=cooling if rec == "end_at_contract_end" else None,
            contract_end=contract_end,
        )

    end_now = [sentence for _, sentence in end_now_grounds(by_id, cfg)]
    if end_now:
        return decision("end_now", end_now)
    if due_plan is not None:
        opened, review, baseline, failed = due_plan
        target = baseline * (1 - cfg["triage.repair_min_improvement"])
        if failed:
            return decision(
                "end_at_contract_end",
                [
                    f"The repair plan opened on {opened} failed at its review on {review}: "
                    "the signs did not improve [000 #4] [000 #7]."
                ],
            )
        if score > target:
            return decision(
                "end_at_contract_end",
                [
                    f"The repair plan opened on {opened} did not work: by its review date "
                    f"({review}) the score is {score:.1f}, against {baseline:.1f} when it began "
                    f"(it needed to reach {target:.1f} or less)."
                ],
            )
    if by_id.get("not_a_fit") and by_id["not_a_fit"].severity != "none":
        return decision("end_at_contract_end")
    if score >= cfg["triage.end_score"] and chronic:
        return decision(
            "end_at_contract_end", ["A problem client: trouble in many ways, month after month."]
        )
    medium_or_worse = any(SEVERITY_POINTS[s.severity] >= 2 for s in sigs)
    if score >= cfg["triage.repair_score"] or medium_or_worse or plan_open:
        lead = []
        if pattern == "acute":
            lead.append(
                "A client who has a problem: the trouble is recent, after a healthy history."
            )
        if plan_open and due_plan is None:
            lead.append("A repair plan is open; judge it at its review date.")
        return decision("repair", lead, _strategies(flagged, pattern))
    if score >= cfg["triage.watch_score"]:
        return decision("watch")
    return decision("keep")


def end_now_grounds(by_id: dict[str, SignalView], cfg: Thresholds) -> list[tuple[str, str]]:
    """The grounds for ending now, as (signal id, sentence): conduct toward your staff or
    you, or unethical behaviour, backed by an incident or repeated abusive messages."""
    min_msgs = cfg["triage.end_now_min_abusive_messages"]
    out = []
    staff = by_id.get("mistreats_staff")
    if staff and (
        staff.facts.get("staff_incidents", 0) >= 1
        or staff.facts.get("abusive_to_staff", 0) >= min_msgs
    ):
        out.append(
            (
                "mistreats_staff",
                "They mistreat your staff: part ways as you would with an employee who "
                "did the same [002 #2].",
            )
        )
    unethical = by_id.get("unethical")
    if unethical and (
        unethical.facts.get("unethical_incidents", 0) >= 1 or unethical.severity == "high"
    ):
        out.append(
            (
                "unethical",
                "Unethical or illegal behaviour exposes you to undue risk: separate quickly "
                "[002 #3].",
            )
        )
    abuse = by_id.get("abuse_or_unreasonable")
    if abuse and (
        abuse.facts.get("abuse_incidents", 0) >= 1
        or abuse.facts.get("abusive_messages", 0) >= min_msgs
    ):
        out.append(
            (
                "abuse_or_unreasonable",
                "Verbal abuse: let them go sooner rather than later, so it sets no precedent "
                "[000 #8].",
            )
        )
    return out


def was_abusive(by_id: dict[str, SignalView]) -> bool:
    """True when the client abused you or your staff: no referral for them `[001]`."""
    staff = by_id.get("mistreats_staff")
    abuse = by_id.get("abuse_or_unreasonable")
    return bool(
        (staff and (staff.facts.get("staff_incidents") or staff.facts.get("abusive_to_staff")))
        or (abuse and (abuse.facts.get("abuse_incidents") or abuse.facts.get("abusive_messages")))
    )


def _strategies(flagged: list[SignalView], pattern: Pattern) -> list[Strategy]:
    ids = [s.id for s in flagged]
    out = []
    if pattern == "acute":
        title, tag, _ = STRATEGIES["acute_support"]
        out.append(Strategy("acute_support", title, tag, ()))
    for sid, (title, tag, triggers) in STRATEGIES.items():
        because = tuple(i for i in ids if i in triggers)
        if because:
            out.append(Strategy(sid, title, tag, because))
    if not any(s.id == "self_reflection" for s in out):
        title, tag, _ = STRATEGIES["self_reflection"]
        out.append(Strategy("self_reflection", title, tag, ()))
    return out


def with_series(decision: Decision, result: EngineResult, months: int = 12) -> Decision:
    """The decision with each signal's last ``months`` monthly values attached."""
    from dataclasses import replace

    end = result.as_of.replace(day=1)
    calendar = [end - relativedelta(months=i) for i in range(months - 1, -1, -1)]
    rows = result.series.filter(
        (pl.col("client_id") == decision.client_id) & (pl.col("month") >= calendar[0])
    )
    values: dict[tuple[str, dt.date], float | None] = {
        (r[0], r[1]): r[2] for r in rows.select("signal", "month", "value").iter_rows()
    }
    signals = [
        replace(s, series=[(mo, values.get((s.id, mo))) for mo in calendar])
        for s in decision.signals
    ]
    return replace(decision, signals=signals)
