"""Repair plans: concrete actions for a client the triage says can be repaired `[000] [003]`.

A plan is built from the triage decision: its strategies (PLAYBOOK §3) become actions
with an owner and a due date, and the plan gets a review date. An acute case — a
client who has a problem right now — leads with an apology, an offer to fix it and
real help `[003 #3]`. At the review date the plan is judged against the signals:
improved → keep; not improved → the case moves toward ending, with the evidence
`[000 #4] [000 #7]`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from .config import Thresholds
from .signals.base import SEVERITY_POINTS
from .triage import TITLES, Decision

CHANNEL_NAMES = {
    "email": "e-mail",
    "chat": "chat",
    "sms": "text message",
    "phone": "phone",
    "meeting": "meeting",
    "other": "their usual channel",
}

SELF_REVIEW = (
    "What changed on our side around the time the trouble began (people, prices, pace)?",
    "Which of these signs could be partly our doing: slow replies, vague estimates, unclear scope?",
    "Is stress colouring how we read this client? Would a colleague read it the same way?",
    "What is the one thing we need from them, and what are we willing to change in return?",
)


# Check-in cadences by the longest gap they allow; a longer gap is "monthly".
CHECK_INS = ((7, "weekly"), (14, "fortnightly"))


def check_in_cadence(days: int) -> str:
    """The cadence code for check-ins ``days`` apart: weekly, fortnightly or monthly."""
    return next((name for limit, name in CHECK_INS if days <= limit), "monthly")


@dataclass(frozen=True)
class ChannelUse:
    channel: str
    replies: int  # the client's messages on this channel in the look-back
    total: int  # the client's messages on every channel


@dataclass(frozen=True)
class RepairFacts:
    """What the plan needs beyond the decision, read from the store."""

    owner: str  # who carries the relationship: the account manager, else "you"
    channel: ChannelUse | None  # the channel the client actually answers on
    reply_window_hours: int
    renewal_on: dt.date | None  # the current term's end, when a contract has one
    notice_days: int
    payment_terms_days: int


@dataclass(frozen=True)
class Action:
    strategy: str
    text: str
    owner: str
    due: dt.date

    def to_json(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat(),
        }


@dataclass(frozen=True)
class RepairDraft:
    client: str
    opened_on: dt.date
    review_on: dt.date
    acute: bool
    baseline_score: float
    baseline: dict[str, str]  # signal → severity when the plan opened
    strategies: list[str]
    actions: list[Action]


def draft_plan(
    decision: Decision, facts: RepairFacts, as_of: dt.date, cfg: Thresholds
) -> RepairDraft:
    """A repair plan for ``decision`` (whose recommendation should be "repair")."""
    soon = as_of + dt.timedelta(days=cfg.int("repair.first_action_days"))
    review_on = as_of + dt.timedelta(days=cfg.int("repair.review_days"))
    flagged = {s.id: s for s in decision.signals if s.severity != "none"}
    owner = facts.owner
    actions: list[Action] = []
    ids = [s.id for s in decision.strategies]
    acute = decision.pattern == "acute"
    if acute or "acute_support" in ids:
        actions += _acute(decision.client, flagged, owner, as_of, soon)
    for sid in ids:
        if sid == "channel_cadence":
            actions += _cadence(decision.client, facts, owner, soon, cfg)
        elif sid == "payment_options":
            actions.append(
                Action(
                    sid,
                    "Offer other ways to pay before anything else [002 #4]: a deposit of "
                    f"{_deposit(cfg)}% on new work, instalments for the open balance, or "
                    f"shorter terms than {facts.payment_terms_days} days. Write down what was "
                    "offered and the answer.",
                    owner,
                    soon,
                )
            )
        elif sid == "new_agreement":
            actions.append(_agreement(facts, owner, as_of, review_on, cfg))
        elif sid == "set_expectations":
            actions.append(
                Action(
                    sid,
                    "Send the expectations sheet in the client's language (`partways letter "
                    f'"{decision.client}" --kind expectations`) and walk through it on a call.',
                    owner,
                    soon,
                )
            )
        elif sid == "conduct_conversation":
            actions.append(
                Action(
                    sid,
                    f"Talk with {decision.client} about what was reported: name the behaviour "
                    "calmly, say what you expect from now on, and write down their answer "
                    "[000 #8] [002 #2].",
                    owner,
                    soon,
                )
            )
        elif sid == "self_reflection":
            actions.append(
                Action(
                    sid,
                    "Answer the self-review questions below honestly, with the team, before "
                    "the next conversation with the client [000].",
                    "you",
                    soon,
                )
            )
    actions.append(
        Action(
            "review",
            f'Review the plan: run `partways repair "{decision.client}"` on or after '
            f"{review_on} to judge it against the signals.",
            "you",
            review_on,
        )
    )
    return RepairDraft(
        client=decision.client,
        opened_on=as_of,
        review_on=review_on,
        acute=acute,
        baseline_score=decision.score,
        baseline={s.id: s.severity for s in decision.signals},
        strategies=([] if "acute_support" in ids or not acute else ["acute_support"]) + ids,
        actions=actions,
    )


def _deposit(cfg: Thresholds) -> int:
    return cfg.int("expectations.deposit_percent") or 30


def _acute(
    client: str, flagged: dict[str, Any], owner: str, as_of: dt.date, soon: dt.date
) -> list[Action]:
    help_ = []
    if "payment_risk" in flagged:
        help_.append("a payment plan for the open balance: instalments or a later due date")
    if "abuse_or_unreasonable" in flagged or "time_vs_value" in flagged:
        help_.append("a re-planned schedule for what is urgent to them now")
    if "minimal_communication" in flagged:
        help_.append("one named contact on our side and a shorter reply window for a month")
    if not help_:
        help_.append("whatever is blocking them right now: ask, then do it")
    return [
        Action(
            "acute_support",
            "Apologise sincerely for the misunderstanding, without excuses "
            f'(`partways letter "{client}" --kind apology`) [003 #3].',
            owner,
            as_of + dt.timedelta(days=1),
        ),
        Action(
            "acute_support",
            "Offer to put it right: agree on a call what the fix is and by when.",
            owner,
            soon,
        ),
        Action(
            "acute_support", "Give the help they need now: " + "; ".join(help_) + ".", owner, soon
        ),
    ]


def _cadence(
    client: str, facts: RepairFacts, owner: str, soon: dt.date, cfg: Thresholds
) -> list[Action]:
    days = cfg.int("repair.check_in_days")
    cadence = check_in_cadence(days)
    if cadence == "monthly":
        cadence = f"every {days} days"
    if facts.channel is not None:
        name = CHANNEL_NAMES.get(facts.channel.channel, facts.channel.channel)
        where = (
            f"by {name}, the channel {client} actually answers on "
            f"({facts.channel.replies} of their last {facts.channel.total} messages)"
        )
    else:
        where = "on a short call, since their messages don't show a channel they prefer"
    return [
        Action("channel_cadence", f"Hold a {cadence} check-in {where} [000 #4].", owner, soon),
        Action(
            "channel_cadence",
            f"Agree a reply window of {facts.reply_window_hours} working hours that both "
            "sides keep, and say what happens to messages sent out of hours.",
            owner,
            soon,
        ),
    ]


def _agreement(
    facts: RepairFacts, owner: str, as_of: dt.date, review_on: dt.date, cfg: Thresholds
) -> Action:
    rounds = cfg.int("expectations.revision_rounds")
    terms = (
        f"scope written per deliverable, a reply window of {facts.reply_window_hours} working "
        f"hours, {rounds} revision rounds per deliverable, payment within "
        f"{facts.payment_terms_days} days"
    )
    if facts.renewal_on is not None:
        deadline = facts.renewal_on - dt.timedelta(days=facts.notice_days)
        when = (
            f"Send it by {deadline}, before the notice deadline."
            if deadline >= as_of
            else f"The notice deadline ({deadline}) has passed: send it now, for the term after."
        )
        return Action(
            "new_agreement",
            f"Propose a new agreement for the renewal on {facts.renewal_on} with new "
            f"boundaries: {terms} [000]. {when}",
            owner,
            max(as_of, deadline),
        )
    return Action(
        "new_agreement",
        f"Put the work on a written agreement with boundaries: {terms} [000].",
        owner,
        min(review_on, as_of + dt.timedelta(days=30)),
    )


@dataclass(frozen=True)
class RepairReview:
    outcome: Literal["improved", "failed"]
    score: float
    baseline_score: float
    target: float
    evidence: list[str]


def review_plan(
    baseline_score: float, baseline: dict[str, str], now: Decision, cfg: Thresholds
) -> RepairReview:
    """Judge a plan at its review date: improved when the score fell enough and no sign
    got worse; otherwise failed, with each sign's change as evidence."""
    target = round(baseline_score * (1 - cfg["triage.repair_min_improvement"]), 1)
    severity_now = {s.id: s.severity for s in now.signals}
    evidence = []
    worse = False
    for sid in sorted(set(baseline) | set(severity_now)):
        before, after = baseline.get(sid, "none"), severity_now.get(sid, "none")
        if before == after == "none":
            continue
        delta = SEVERITY_POINTS[after] - SEVERITY_POINTS[before]
        change = "better" if delta < 0 else "worse" if delta > 0 else "unchanged"
        worse = worse or delta > 0
        evidence.append(f"{TITLES.get(sid, sid)}: {before} → {after} ({change})")
    improved = now.score <= target and not worse and now.recommendation not in ("end_now",)
    evidence.insert(
        0,
        f"Score {baseline_score:.1f} → {now.score:.1f}; it needed to reach {target:.1f} or less.",
    )
    return RepairReview(
        "improved" if improved else "failed", now.score, baseline_score, target, evidence
    )
