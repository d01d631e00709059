"""One recommendation per client: keep, watch, repair, end at contract end, end now.

The rules, in the order they are tried:

1. **end now** — abuse toward you or your staff, or unethical behaviour, backed by a
   serious reported incident (medium or high) or repeated messages `[000 #8] [002 #2]
   [002 #3]`. No cooling-off: act sooner. One low-severity report is a conversation
   to have, not an ending.
2. **end at contract end** — a repair plan past its review date that did not lower the
   score enough `[000 #4] [000 #7]`; a "no longer a fit" flag `[002 #5]`; or a chronic
   pattern (a *problem client*) with a sign at medium or more now, as many signs at
   low as make a pattern chronic, or a high score `[003 #1]`. Each carries a
   cooling-off date: sleep on it before acting `[001]`.
3. **repair** — a score past the repair level, a sign at high, several signs at
   medium, or one medium sign that persists month after month; with the strategies of
   PLAYBOOK §3 that fit the signs. An acute pattern (a *client who has a problem*)
   leads with support `[003 #3]`; when the client told you of a hard time in their
   own life, any sign at all is enough for it, and so is a sign that rose suddenly
   this month after calm months (see ``engine.recent_months``).
4. **watch** — a score past the watch level, or a single medium sign that has not
   lasted: ordinary noise in a healthy relationship.
5. **keep** — everything else.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl
from dateutil.relativedelta import relativedelta

from .conduct_grounds import conduct_reported, end_now_grounds
from .config import Thresholds
from .dataset import Dataset
from .engine import EngineResult
from .phrase import Num, Phrase, Ref, Term, say, stored
from .signals import BASE_SIGNALS, SIGNAL_IDS, progress
from .signals.base import SEVERITY_POINTS

Recommendation = Literal["keep", "watch", "repair", "end_at_contract_end", "end_now"]
RECOMMENDATIONS: tuple[Recommendation, ...] = (
    "end_now",
    "end_at_contract_end",
    "repair",
    "watch",
    "keep",
)
Pattern = Literal["chronic", "acute", "intermittent", "none"]

# Signs that read the same records or the same behaviour count as one way of being
# unhappy when telling a problem client: hours against invoices show both that a
# client takes more time than they are worth and that you lose money on them
# `[002 #1]`; belittling you and belittling your staff is one way of treating people.
WAYS = {"losing_money": "time_vs_value", "mistreats_staff": "low_respect"}

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
    # Chosen by what was reported (see _conduct_signs), not by the sign alone: a sign
    # raised by demands is answered by boundaries, not by a talk about behaviour.
    "conduct_conversation": (
        "Talk with the client about the reported behaviour: name it calmly, say what you "
        "expect from now on, and note their answer",
        "[000 #8] [002 #2]",
        frozenset(),
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
    # The explanation as data; each interface words it in its reader's language.
    phrase: Phrase | None = None


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
    # Messages in which the client told of a hard time in their own life: evidence
    # that recent trouble is acute [003 #3] (date, record, detail, like evidence).
    hardship: list[dict[str, Any]] = field(default_factory=list)
    # ``reasons`` as data (code and parameters), in the same order.
    reason_phrases: list[Phrase] = field(default_factory=list)

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
            "reason_phrases": [p.to_json() for p in self.reason_phrases],
            "strategies": [
                {"id": s.id, "title": s.title, "tag": s.tag, "because": list(s.because)}
                for s in self.strategies
            ],
            "cooling_off_until": _iso(self.cooling_off_until),
            "contract_end": _iso(self.contract_end),
            "hardship": [_evidence_json(e) for e in self.hardship],
            "signals": [
                {
                    "id": s.id,
                    "severity": s.severity,
                    "value": s.value,
                    "threshold": s.threshold,
                    "explanation": s.explanation,
                    "explanation_phrase": s.phrase.to_json() if s.phrase else None,
                    "evidence": [_evidence_json(e) for e in s.evidence],
                }
                for s in self.signals
            ],
        }


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _evidence_json(e: dict[str, Any]) -> dict[str, Any]:
    """An evidence row as JSON: the English detail, and the detail as data beside it
    (kept by the engine as its JSON text)."""
    phrase = e.get("detail_phrase")
    if isinstance(phrase, Phrase):
        phrase = phrase.to_json()
    elif isinstance(phrase, str):
        phrase = json.loads(phrase)
    return {**e, "date": _iso(e["date"]), "detail_phrase": phrase}


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


def _points() -> pl.Expr:
    """A row's severity as its points (none 0, low 1, medium 2, high 3)."""
    return pl.col("severity").cast(pl.String).replace_strict(SEVERITY_POINTS, return_dtype=pl.Int64)


def patterns(result: EngineResult, cfg: Thresholds) -> pl.DataFrame:
    """(client_id, pattern): chronic, acute or intermittent, read off the monthly
    history of every sign `[003 #1] [003 #3]`.

    A month of the history is *troubled* when its signs' severities add up to
    ``triage.troubled_month_points``, or one sign alone reaches
    ``triage.troubled_month_sign``: a sign or two at low is the ordinary noise of a
    healthy relationship (a rate a little under target, a slow week of replies). A
    *problem client* is troubled for many months, in many ways; a *client who has a
    problem* is troubled only recently, after enough healthy months to tell. Clients
    with trouble that fits neither are intermittent.
    """
    as_of_month = result.as_of.replace(day=1)
    look = cfg.int("triage.chronic_lookback_months")
    recent_n = cfg.int("triage.acute_recent_months")
    start = as_of_month - relativedelta(months=look - 1)
    recent_start = as_of_month - relativedelta(months=recent_n - 1)
    points = _points()
    history = result.series.filter(
        ~pl.col("signal").cast(pl.String).is_in(list(progress.EXCLUDED))
        & (pl.col("month") <= as_of_month)
    )
    by_month = history.group_by("client_id", "month").agg(
        points.sum().alias("points"), points.max().alias("worst")
    )
    lived = by_month.group_by("client_id").agg(
        (pl.col("month") < recent_start).sum().alias("history")
    )
    troubled = by_month.filter(
        (pl.col("month") >= start)
        & (
            (pl.col("points") >= cfg["triage.troubled_month_points"])
            | (pl.col("worst") >= cfg["triage.troubled_month_sign"])
        )
    )
    agg = (
        troubled.group_by("client_id")
        .agg(
            pl.len().alias("months"),
            (pl.col("month") >= recent_start).sum().alias("recent"),
            (pl.col("month") < recent_start).sum().alias("earlier"),
        )
        .join(
            _ways(result, history.filter(pl.col("month") >= start), cfg), on="client_id", how="left"
        )
    )
    chronic = (pl.col("months") >= cfg["triage.chronic_min_months"]) & (
        pl.col("distinct") >= cfg["triage.chronic_min_signals"]
    )
    acute = (
        (pl.col("recent") > 0)
        & (pl.col("earlier") <= cfg["triage.acute_max_earlier_months"])
        & (pl.col("history") >= cfg["triage.acute_min_history_months"])
    )
    # A healthy history long enough to call a sudden rise in one sign acute, even
    # before its trend counts the recent months as troubled.
    calm = (pl.col("earlier").fill_null(0) <= cfg["triage.acute_max_earlier_months"]) & (
        pl.col("history") >= cfg["triage.acute_min_history_months"]
    )
    return lived.join(agg, on="client_id", how="left").select(
        "client_id",
        pl.when(pl.col("months").is_null())
        .then(pl.lit("none"))
        .when(chronic)
        .then(pl.lit("chronic"))
        .when(acute)
        .then(pl.lit("acute"))
        .otherwise(pl.lit("intermittent"))
        .alias("pattern"),
        calm.alias("calm_history"),
    )


def _ways(result: EngineResult, history: pl.DataFrame, cfg: Thresholds) -> pl.DataFrame:
    """(client_id, distinct): in how many ways each client has been unhappy.

    A way is a sign at medium or above in ``triage.chronic_way_months`` months of the
    look-back, or at medium or above now: a sign at low is the noise every
    relationship carries, and one month at medium is a passing moment, not a way of
    being. Signs that read the same behaviour count as one way (``WAYS``).
    """
    at_medium = _points() >= SEVERITY_POINTS["medium"]

    way = pl.col("signal").cast(pl.String).replace(WAYS).alias("way")
    lasting = (
        history.filter(at_medium)
        .group_by("client_id", way)
        .agg(pl.col("month").n_unique().alias("months"))
        .filter(pl.col("months") >= cfg["triage.chronic_way_months"])
        .select("client_id", "way")
    )
    now = result.results.filter(
        at_medium & (pl.col("signal").cast(pl.String) != progress.ID)
    ).select("client_id", way)
    return (
        pl.concat([lasting, now])
        .group_by("client_id")
        .agg(pl.col("way").n_unique().alias("distinct"))
    )


HARDSHIP_TOLD = say("evidence.hardship", "told you of a hard time in their own life")


def hardship_evidence(
    ds: Dataset, as_of: dt.date, cfg: Thresholds
) -> dict[int, list[dict[str, Any]]]:
    """Per client, the recent messages in which they told of a hard time in their own
    life (a death, an illness, their business in crisis), most recent first `[003 #3]`.
    """
    since = as_of - dt.timedelta(days=cfg.int("triage.hardship_days"))
    tz = ds.business.time_zone
    said = ds.message_labels.filter(pl.col("label") == "hardship").select("message_id")
    rows = (
        ds.messages.join(said, on="message_id", how="semi")
        .filter(pl.col("direction") == "in")
        .with_columns(pl.col("sent_at").dt.convert_time_zone(tz).dt.date().alias("date"))
        .filter((pl.col("date") >= since) & (pl.col("date") <= as_of))
        .sort("date", descending=True)
    )
    out: dict[int, list[dict[str, Any]]] = {}
    for client_id, message_id, date in rows.select("client_id", "message_id", "date").iter_rows():
        out.setdefault(client_id, []).append(
            {
                "date": date,
                "record": f"message {message_id}",
                "detail": HARDSHIP_TOLD.english(),
                "detail_phrase": HARDSHIP_TOLD,
            }
        )
    return out


def triage(result: EngineResult, ds: Dataset, cfg: Thresholds | None = None) -> list[Decision]:
    """Return one :class:`Decision` per client, most urgent first."""
    cfg = cfg or Thresholds.defaults()
    w = weights(cfg)
    score_of = dict(scores(result.results, cfg).iter_rows())
    history = patterns(result, cfg)
    pattern_of = dict(history.select("client_id", "pattern").iter_rows())
    calm = set(history.filter("calm_history").get_column("client_id").to_list())
    names = dict(ds.clients.select("client_id", "name").iter_rows())
    ends = dict(
        ds.contracts.sort("start").group_by("client_id").agg(pl.col("end").last()).iter_rows()
    )
    plans = _due_plans(ds, result.as_of)
    open_plans = set(
        ds.repair_plans.filter(pl.col("status") == "open").get_column("client_id").to_list()
    )
    views = _signal_views(result)
    trends = _trends(result, cfg)
    hardship = hardship_evidence(ds, result.as_of, cfg)
    decisions = []
    for client_id, name in names.items():
        sigs = views.get(client_id, [])
        score = float(score_of.get(client_id, 0.0))
        # A pattern only matters while something is wrong now.
        troubled = any(s.severity != "none" for s in sigs)
        pattern: Pattern = pattern_of.get(client_id, "none") if troubled else "none"
        told = hardship.get(client_id, [])
        # A hard time the client told of is evidence that recent trouble is acute,
        # unless the trouble has been going on in many ways for months [003 #3].
        if told and troubled and pattern != "chronic":
            pattern = "acute"
        # So is a sudden rise in a sign after a calm history [003 #1].
        if pattern != "chronic" and client_id in calm and any(s.facts.get("spike") for s in sigs):
            pattern = "acute"
        decisions.append(
            _decide(
                _Client(client_id, name, ends.get(client_id), told),
                sigs,
                score,
                pattern,
                cfg,
                w,
                result.as_of,
                plans.get(client_id),
                client_id in open_plans,
                trends.get(client_id, _Trend()),
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
            {
                "date": row["date"],
                "record": row["record"],
                "detail": row["detail"],
                # Kept as its JSON: worded only where it is shown.
                "detail_phrase": row.get("detail_phrase"),
            }
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
                phrase=result.findings.get(key),
            )
        )
    return out


@dataclass(frozen=True)
class _Client:
    id: int
    name: str
    contract_end: dt.date | None
    hardship: list[dict[str, Any]]


@dataclass(frozen=True)
class _Trend:
    """What a client's signs did lately, read off their monthly trend."""

    # At medium or above in ``triage.persistent_months`` of the look-back, or at low or
    # above in ``triage.persistent_flagged_months`` of it.
    persistent: frozenset[str] = frozenset()
    # High in the latest month of the trend (which covers ``engine.series_months``):
    # a sharp recent spike that the longer window still dilutes.
    high_now: frozenset[str] = frozenset()


def _trends(result: EngineResult, cfg: Thresholds) -> dict[int, _Trend]:
    """Each client's lasting and spiking signs. Signs fed by few records (proposals,
    invoices) are not judged in every month of their trend, so persistence is counted
    over a year, not over the last few months."""
    as_of_month = result.as_of.replace(day=1)
    first = as_of_month - relativedelta(months=cfg.int("triage.persistence_lookback_months") - 1)
    points = _points()
    recent = result.series.filter(
        (pl.col("month") >= first)
        & (pl.col("month") <= as_of_month)
        & (pl.col("signal").cast(pl.String) != progress.ID)
    )
    rows = recent.group_by("client_id", pl.col("signal").cast(pl.String)).agg(
        (points >= SEVERITY_POINTS["medium"]).sum().alias("medium_months"),
        (points >= SEVERITY_POINTS["low"]).sum().alias("flagged_months"),
        ((pl.col("month") == as_of_month) & (points == SEVERITY_POINTS["high"]))
        .any()
        .alias("high_now"),
    )
    persistent: dict[int, set[str]] = {}
    high_now: dict[int, set[str]] = {}
    for client_id, signal, months, flagged, high in rows.iter_rows():
        # At medium for months, or there month after month and at medium now (the
        # caller only asks about signs at medium): trouble that swings between low and
        # medium has lasted as long as trouble that stays at medium.
        if (
            months >= cfg["triage.persistent_months"]
            or flagged >= cfg["triage.persistent_flagged_months"]
        ):
            persistent.setdefault(client_id, set()).add(signal)
        if high:
            high_now.setdefault(client_id, set()).add(signal)
    return {
        c: _Trend(frozenset(persistent.get(c, ())), frozenset(high_now.get(c, ())))
        for c in persistent.keys() | high_now.keys()
    }


def _decide(
    client: _Client,
    sigs: list[SignalView],
    score: float,
    pattern: Pattern,
    cfg: Thresholds,
    w: dict[str, float],
    as_of: dt.date,
    due_plan: tuple[dt.date, dt.date, float, bool] | None,
    plan_open: bool,
    trend: _Trend,
) -> Decision:
    by_id = {s.id: s for s in sigs}
    flagged = sorted(
        (s for s in sigs if s.severity != "none"),
        key=lambda s: (-w[s.id] * SEVERITY_POINTS[s.severity], s.id),
    )
    reasons = [_sign_reason(s) for s in flagged]
    # Their English from the signs' own (already worded by the engine).
    reason_texts = [f"{TITLES[s.id]} ({s.severity}): {s.explanation}" for s in flagged]
    chronic = pattern == "chronic"
    cooling = as_of + dt.timedelta(days=cfg.int("triage.cooling_off_days"))

    def decision(
        rec: Recommendation,
        lead: list[Phrase] | None = None,
        strategies: list[Strategy] | None = None,
    ) -> Decision:
        said = (lead or []) + reasons
        return Decision(
            client_id=client.id,
            client=client.name,
            recommendation=rec,
            score=score,
            chronic=chronic,
            pattern=pattern,
            reasons=[p.english() for p in (lead or [])] + reason_texts,
            reason_phrases=said,
            signals=sigs,
            strategies=strategies or [],
            cooling_off_until=cooling if rec == "end_at_contract_end" else None,
            contract_end=client.contract_end,
            hardship=client.hardship,
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
                    say(
                        "reason.plan_failed",
                        "The repair plan opened on {opened} failed at its review on {review}: "
                        "the signs did not improve [000 #4] [000 #7].",
                        opened=opened,
                        review=review,
                    )
                ],
            )
        if score > target:
            return decision(
                "end_at_contract_end",
                [
                    say(
                        "reason.plan_did_not_work",
                        "The repair plan opened on {opened} did not work: by its review date "
                        "({review}) the score is {score}, against {baseline} when it began "
                        "(it needed to reach {target} or less).",
                        opened=opened,
                        review=review,
                        score=Num(score, 1),
                        baseline=Num(baseline, 1),
                        target=Num(target, 1),
                    )
                ],
            )
    if by_id.get("not_a_fit") and by_id["not_a_fit"].severity != "none":
        return decision("end_at_contract_end")
    # not_progressing is read off the other signs: it adds to the score, but does not
    # count as one more sign toward a repair.
    judged = [s for s in sigs if s.id != progress.ID]
    high = any(s.severity == "high" for s in judged)
    medium = [s for s in judged if SEVERITY_POINTS[s.severity] >= SEVERITY_POINTS["medium"]]
    lasting = [s for s in medium if s.id in trend.persistent]
    # A sign at medium over the window but high in its latest months: trouble now.
    spiking = [s for s in medium if s.id in trend.high_now]
    # A client who told you of a hard time and is struggling now deserves the extra
    # effort even while the signs are still low [003 #3].
    supported = pattern == "acute" and bool(client.hardship) and bool(reasons)
    # So does one whose signs rose suddenly after a calm history: a failed delivery, a
    # bad month of their own. An apology, a fix and real help can win them back [003 #3].
    # A rise that reached only low is a reason to watch, not yet to repair.
    risen = [s for s in medium if s.facts.get("spike")]
    supported = supported or (pattern == "acute" and bool(risen))
    needs_repair = (
        score >= cfg["triage.repair_score"]
        or high
        or len(medium) >= cfg["triage.repair_min_medium_signs"]
        or bool(lasting)
        or bool(spiking)
    )
    # A problem client in trouble now: no repair will change who they are [003 #1].
    # A sign at medium is enough here, and so are as many low signs as make a pattern
    # chronic: the months of trouble in many ways behind them are the persistence a
    # single sign otherwise has to show.
    flagged_now = [s for s in judged if s.severity != "none"]
    many_ways_now = len(flagged_now) >= cfg["triage.chronic_min_signals"]
    if chronic and (needs_repair or medium or many_ways_now or score >= cfg["triage.end_score"]):
        return decision(
            "end_at_contract_end",
            [
                say(
                    "reason.chronic",
                    "A problem client: trouble in many ways, month after month.",
                )
            ],
        )
    if needs_repair or supported or plan_open:
        lead = []
        if pattern == "acute":
            lead.append(
                say(
                    "reason.acute",
                    "A client who has a problem: the trouble is recent, after a healthy history.",
                )
            )
        if client.hardship:
            lead.append(_hard_time(client))
        if plan_open and due_plan is None:
            lead.append(
                say("reason.plan_open", "A repair plan is open; judge it at its review date.")
            )
        return decision("repair", lead, _strategies(flagged, pattern, by_id))
    # A rise that reached only low is the client's own change, not noise: watch it.
    rose_low = [s for s in judged if s.facts.get("spike")]
    if score >= cfg["triage.watch_score"] or medium or rose_low:
        lead = []
        if medium:
            lead.append(
                say(
                    "reason.medium_recent",
                    "One sign reached medium, but only recently: watch whether it lasts before "
                    "acting.",
                )
            )
        elif rose_low:
            lead.append(
                say(
                    "reason.rose_to_low",
                    "A sign rose suddenly against the client's own earlier months, though only "
                    "to low: watch whether it lasts [003 #1].",
                )
            )
        conduct = _strategies(flagged, pattern, by_id)
        watch = [s for s in conduct if s.id == "conduct_conversation"]
        if client.hardship:
            lead.append(_hard_time(client))
            watch.insert(0, _strategy("acute_support"))
        return decision("watch", lead, watch)
    if client.hardship:
        # Nothing is wrong in their signs yet, but a client who told you of a hard time
        # is one to keep an eye on and to help, not one to forget [003 #3].
        return decision("watch", [_hard_time(client)], [_strategy("acute_support")])
    return decision("keep")


def _hard_time(client: _Client) -> Phrase:
    told = client.hardship[0]
    return say(
        "reason.hard_time",
        "They told you of a hard time in their own life ({record}, {date}): give extra "
        "effort and real help [003 #3].",
        record=Ref(told["record"]),
        date=told["date"],
    )


def _sign_reason(s: SignalView) -> Phrase:
    return say(
        "reason.sign",
        "{title} ({severity}): {finding}",
        title=Term(s.id, "sign", TITLES[s.id]),
        severity=Term(s.severity, "severity"),
        finding=s.phrase or stored(s.explanation),
    )


def _strategy(strategy_id: str) -> Strategy:
    title, tag, _ = STRATEGIES[strategy_id]
    return Strategy(strategy_id, title, tag, ())


def _strategies(
    flagged: list[SignalView], pattern: Pattern, by_id: dict[str, SignalView] | None = None
) -> list[Strategy]:
    ids = [s.id for s in flagged]
    by_id = by_id if by_id is not None else {s.id: s for s in flagged}
    out = []
    if pattern == "acute":
        out.append(_strategy("acute_support"))
    if conduct_reported(by_id):
        title, tag, _ = STRATEGIES["conduct_conversation"]
        because = tuple(
            i for i in ids if i in ("mistreats_staff", "abuse_or_unreasonable", "low_respect")
        )
        out.append(Strategy("conduct_conversation", title, tag, because))
    for sid, (title, tag, triggers) in STRATEGIES.items():
        because = tuple(i for i in ids if i in triggers)
        if because:
            out.append(Strategy(sid, title, tag, because))
    if not any(s.id == "self_reflection" for s in out):
        out.append(_strategy("self_reflection"))
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
