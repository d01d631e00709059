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
from .phrase import Num, Phrase, Share, Term, say, say_n, sentences
from .signals.base import SEVERITY_POINTS
from .triage import TITLES, Decision

# The codes of the actions an interface may point at its own tool for: a letter to
# send, the review to run.
APOLOGY = "repair.acute.apologise"
EXPECTATIONS = "repair.set_expectations"
REVIEW = "repair.review"


# How the check-in is held, by the channel the client answers on.
CHANNELS = {
    "email": say("repair.channel.email", "by e-mail"),
    "chat": say("repair.channel.chat", "by chat"),
    "sms": say("repair.channel.sms", "by text message"),
    "phone": say("repair.channel.phone", "by phone"),
    "meeting": say("repair.channel.meeting", "in a meeting"),
    "other": say("repair.channel.other", "on their usual channel"),
}

# Asked of the team before the next conversation with the client [000].
SELF_REVIEW = (
    say(
        "repair.self_review.1",
        "What changed on our side around the time the trouble began (people, prices, pace)?",
    ),
    say(
        "repair.self_review.2",
        "Which of these signs could be partly our doing: slow replies, vague estimates, "
        "unclear scope?",
    ),
    say(
        "repair.self_review.3",
        "Is stress colouring how we read this client? Would a colleague read it the same way?",
    ),
    say(
        "repair.self_review.4",
        "What is the one thing we need from them, and what are we willing to change in return?",
    ),
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
    """One thing to do: the strategy it serves, what to do (a finding each interface
    words for its reader), who does it and by when."""

    strategy: str
    phrase: Phrase
    owner: str
    due: dt.date

    @property
    def text(self) -> str:
        """What to do, in plain English."""
        return self.phrase.english()

    def to_json(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "text": self.text,
            "phrase": self.phrase.to_json(),
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
    decision: Decision,
    facts: RepairFacts,
    as_of: dt.date,
    cfg: Thresholds,
    review_on: dt.date | None = None,
) -> RepairDraft:
    """A repair plan for ``decision`` (whose recommendation should be "repair"), to be
    reviewed on ``review_on`` (by default after the configured review period)."""
    soon = as_of + dt.timedelta(days=cfg.int("repair.first_action_days"))
    review_on = review_on or as_of + dt.timedelta(days=cfg.int("repair.review_days"))
    flagged = {s.id: s for s in decision.signals if s.severity != "none"}
    owner = facts.owner
    actions: list[Action] = []
    ids = [s.id for s in decision.strategies]
    acute = decision.pattern == "acute"
    if acute or "acute_support" in ids:
        actions += _acute(flagged, owner, as_of, soon)
    for sid in ids:
        if sid == "channel_cadence":
            actions += _cadence(decision.client, facts, owner, soon, cfg)
        elif sid == "payment_options":
            actions.append(
                Action(
                    sid,
                    say_n(
                        "repair.payment_options",
                        "Offer other ways to pay before anything else [002 #4]: a deposit of "
                        "{deposit} on new work, instalments for the open balance, or shorter "
                        "terms than {n} day. Write down what was offered and the answer.",
                        "Offer other ways to pay before anything else [002 #4]: a deposit of "
                        "{deposit} on new work, instalments for the open balance, or shorter "
                        "terms than {n} days. Write down what was offered and the answer.",
                        facts.payment_terms_days,
                        deposit=Share(_deposit(cfg) / 100),
                    ),
                    owner,
                    soon,
                )
            )
        elif sid == "new_agreement":
            actions.append(_agreement(facts, owner, as_of, review_on, cfg))
        elif sid == "set_expectations":
            # Each interface says where the sheet is: a command, a link.
            actions.append(
                Action(
                    sid,
                    say(
                        EXPECTATIONS,
                        "Send the expectations sheet in the client's language and walk "
                        "through it on a call.",
                    ),
                    owner,
                    soon,
                )
            )
        elif sid == "conduct_conversation":
            actions.append(
                Action(
                    sid,
                    say(
                        "repair.conduct_conversation",
                        "Talk with {client} about what was reported: name the behaviour "
                        "calmly, say what you expect from now on, and write down their answer "
                        "[000 #8] [002 #2].",
                        client=decision.client,
                    ),
                    owner,
                    soon,
                )
            )
        elif sid == "self_reflection":
            actions.append(
                Action(
                    sid,
                    say(
                        "repair.self_reflection",
                        "Answer the self-review questions below honestly, with the team, "
                        "before the next conversation with the client [000].",
                    ),
                    "you",
                    soon,
                )
            )
    actions.append(
        Action(
            "review",
            say(
                REVIEW,
                "Review the plan on or after {date}: judge it against the signals.",
                date=review_on,
            ),
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


def _acute(flagged: dict[str, Any], owner: str, as_of: dt.date, soon: dt.date) -> list[Action]:
    help_ = []
    if "payment_risk" in flagged:
        help_.append(
            say(
                "repair.acute.help.payment",
                "a payment plan for the open balance: instalments or a later due date",
            )
        )
    if "abuse_or_unreasonable" in flagged or "time_vs_value" in flagged:
        help_.append(
            say(
                "repair.acute.help.schedule", "a re-planned schedule for what is urgent to them now"
            )
        )
    if "minimal_communication" in flagged:
        help_.append(
            say(
                "repair.acute.help.contact",
                "one named contact on our side and a shorter reply window for a month",
            )
        )
    if not help_:
        help_.append(
            say("repair.acute.help.ask", "whatever is blocking them right now: ask, then do it")
        )
    return [
        Action(
            "acute_support",
            say(APOLOGY, "Apologise sincerely for the misunderstanding, without excuses [003 #3]."),
            owner,
            as_of + dt.timedelta(days=1),
        ),
        Action(
            "acute_support",
            say(
                "repair.acute.offer",
                "Offer to put it right: agree on a call what the fix is and by when.",
            ),
            owner,
            soon,
        ),
        Action(
            "acute_support",
            say(
                "repair.acute.help", "Give the help they need now: {help}.", help=_one_by_one(help_)
            ),
            owner,
            soon,
        ),
    ]


def _one_by_one(items: list[Phrase]) -> Phrase:
    """Items kept apart by semicolons (each may hold its own commas and colons)."""
    first, *rest = items
    if not rest:
        return first
    return say("repair.acute.help.more", "{first}; {rest}", first=first, rest=_one_by_one(rest))


def _cadence(
    client: str, facts: RepairFacts, owner: str, soon: dt.date, cfg: Thresholds
) -> list[Action]:
    days = cfg.int("repair.check_in_days")
    if facts.channel is not None:
        use = facts.channel
        where = say_n(
            "repair.check_in.channel",
            "{channel}, the channel {client} actually answers on ({replies} of their last "
            "{n} message)",
            "{channel}, the channel {client} actually answers on ({replies} of their last "
            "{n} messages)",
            use.total,
            channel=CHANNELS.get(use.channel)
            or say("repair.channel.named", "by {channel}", channel=use.channel),
            client=client,
            replies=use.replies,
        )
    else:
        where = say(
            "repair.check_in.call",
            "on a short call, since their messages don't show a channel they prefer",
        )
    cadence = check_in_cadence(days)
    if cadence == "weekly":
        check_in = say(
            "repair.check_in.weekly", "Hold a weekly check-in {where} [000 #4].", where=where
        )
    elif cadence == "fortnightly":
        check_in = say(
            "repair.check_in.fortnightly",
            "Hold a fortnightly check-in {where} [000 #4].",
            where=where,
        )
    else:
        check_in = say_n(
            "repair.check_in.every",
            "Hold a check-in every {n} day {where} [000 #4].",
            "Hold a check-in every {n} days {where} [000 #4].",
            days,
            where=where,
        )
    return [
        Action("channel_cadence", check_in, owner, soon),
        Action(
            "channel_cadence",
            say_n(
                "repair.reply_window",
                "Agree a reply window of {n} working hour that both sides keep, and say what "
                "happens to messages sent out of hours.",
                "Agree a reply window of {n} working hours that both sides keep, and say what "
                "happens to messages sent out of hours.",
                facts.reply_window_hours,
            ),
            owner,
            soon,
        ),
    ]


def _agreement(
    facts: RepairFacts, owner: str, as_of: dt.date, review_on: dt.date, cfg: Thresholds
) -> Action:
    terms = say(
        "repair.agreement.terms",
        "scope written per deliverable, {window}, {rounds}, {payment}",
        window=say_n(
            "repair.agreement.window",
            "a reply window of {n} working hour",
            "a reply window of {n} working hours",
            facts.reply_window_hours,
        ),
        rounds=say_n(
            "repair.agreement.rounds",
            "{n} revision round per deliverable",
            "{n} revision rounds per deliverable",
            cfg.int("expectations.revision_rounds"),
        ),
        payment=say_n(
            "repair.agreement.payment",
            "payment within {n} day",
            "payment within {n} days",
            facts.payment_terms_days,
        ),
    )
    if facts.renewal_on is not None:
        deadline = facts.renewal_on - dt.timedelta(days=facts.notice_days)
        when = (
            say(
                "repair.agreement.send_by",
                "Send it by {deadline}, before the notice deadline.",
                deadline=deadline,
            )
            if deadline >= as_of
            else say(
                "repair.agreement.deadline_passed",
                "The notice deadline ({deadline}) has passed: send it now, for the term after.",
                deadline=deadline,
            )
        )
        return Action(
            "new_agreement",
            sentences(
                say(
                    "repair.agreement.renewal",
                    "Propose a new agreement for the renewal on {renewal} with new "
                    "boundaries: {terms} [000].",
                    renewal=facts.renewal_on,
                    terms=terms,
                ),
                when,
            ),
            owner,
            max(as_of, deadline),
        )
    return Action(
        "new_agreement",
        say(
            "repair.agreement.written",
            "Put the work on a written agreement with boundaries: {terms} [000].",
            terms=terms,
        ),
        owner,
        min(review_on, as_of + dt.timedelta(days=30)),
    )


@dataclass(frozen=True)
class RepairReview:
    outcome: Literal["improved", "failed"]
    score: float
    baseline_score: float
    target: float
    findings: list[Phrase]  # the score against its target, then each sign's change

    @property
    def evidence(self) -> list[str]:
        """The findings in plain English."""
        return [p.english() for p in self.findings]


def review_plan(
    baseline_score: float, baseline: dict[str, str], now: Decision, cfg: Thresholds
) -> RepairReview:
    """Judge a plan at its review date: improved when the score fell enough and no sign
    got worse; otherwise failed, with each sign's change as evidence."""
    target = round(baseline_score * (1 - cfg["triage.repair_min_improvement"]), 1)
    severity_now = {s.id: s.severity for s in now.signals}
    findings = [
        say(
            "repair.review.score",
            "Score {before} → {after}; it needed to reach {target} or less.",
            before=Num(baseline_score, 1),
            after=Num(now.score, 1),
            target=Num(target, 1),
        )
    ]
    worse = False
    for sid in sorted(set(baseline) | set(severity_now)):
        before, after = baseline.get(sid, "none"), severity_now.get(sid, "none")
        if before == after == "none":
            continue
        delta = SEVERITY_POINTS[after] - SEVERITY_POINTS[before]
        worse = worse or delta > 0
        change = {
            "sign": Term(sid, "sign", TITLES.get(sid)),
            "before": Term(before, "severity"),
            "after": Term(after, "severity"),
        }
        if delta < 0:
            findings.append(
                say("repair.review.better", "{sign}: {before} → {after} (better)", **change)
            )
        elif delta > 0:
            findings.append(
                say("repair.review.worse", "{sign}: {before} → {after} (worse)", **change)
            )
        else:
            findings.append(
                say("repair.review.unchanged", "{sign}: {before} → {after} (unchanged)", **change)
            )
    improved = now.score <= target and not worse and now.recommendation not in ("end_now",)
    return RepairReview(
        "improved" if improved else "failed", now.score, baseline_score, target, findings
    )
