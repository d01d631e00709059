"""How each planted pattern shapes a client's months: the knobs the builder reads.

A client's history is a list of phases (from a date on, a :class:`Mood`); the builder
looks the mood up for every week, invoice, deliverable and meeting. Discrete events
(an incident, a flag, a hardship message) are planted separately in ``plants``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

# Client-initiated messages of a healthy client, with their weights. Ordinary noise
# (an urgent report, an invoice question, a rare complaint) belongs to every client.
HEALTHY_KINDS: tuple[tuple[str, float], ...] = (
    ("request", 0.36),
    ("client_question", 0.22),
    ("small_talk", 0.14),
    ("thanks", 0.17),
    ("invoice_question", 0.03),
    ("urgent_polite", 0.015),
    ("complaint", 0.008),
)


@dataclass(frozen=True)
class Mood:
    volume: float = 1.0  # every thread
    client_volume: float = 1.0  # threads the client starts
    ours: float = 1.0  # questions and requests for approval we start
    status: float = 1.0  # status reports we send
    kinds: tuple[tuple[str, float], ...] = HEALTHY_KINDS
    # How the client answers our questions: prompt / late (past the window) / never.
    reply: tuple[float, float, float] = (1.0, 0.0, 0.0)
    # Negative kinds that replace a client's answer, and how often.
    answer_neg: tuple[str, ...] = ()
    answer_neg_p: float = 0.0
    off_hours: float = 0.08  # share of client messages in the evening / at weekends
    ping: float = 0.0  # follow-ups when we don't answer at once
    hours: float = 1.0
    active: bool = True  # False: a holiday month, nothing at all
    # Deliverable outcomes (accepted, concrete revision, vague revision, rejected).
    deliver: tuple[float, float, float, float] = (0.72, 0.24, 0.0, 0.04)
    # Recommendation outcomes (accepted, revision, rejected) and how many a month.
    recommend: tuple[float, float, float] = (0.65, 0.1, 0.25)
    recommend_rate: float = 0.35
    # Invoices: chance of paying late, and how late (days past due) when late.
    late_p: float = 0.1
    late_days: tuple[int, int] = (2, 8)
    excuse_p: float = 0.0  # answering a reminder with an excuse
    # Meetings: cancelled / client did not show / client unprepared.
    meet: tuple[float, float, float] = (0.04, 0.0, 0.03)
    # Deliverables: pulled-in deadline, out of scope, delivered after the due date.
    pulled_in: float = 0.0
    out_of_scope: float = 0.0
    deliverable_rate: float = 1.0


@dataclass
class Plan:
    """Client-wide knobs plus the phases of its history."""

    size: float = 1.0  # volume of work and talk
    rate_factor: float = 1.0  # hourly rate against the agency's target
    nonbillable: float = 0.15
    billed_share: float = 1.0  # of billable hours, the share invoiced
    writeoffs: int = 0
    reply_window_needed: bool = False
    min_months: int = 6
    phases: list[tuple[dt.date, Mood]] = field(default_factory=list)

    def mood(self, day: dt.date) -> Mood:
        current = self.phases[0][1]
        for start, mood in self.phases:
            if start <= day:
                current = mood
            else:
                break
        return current


HEALTHY = Mood()

# Healthy months throughout: the plants add what makes these patterns.
_EVENTS_ONLY = frozenset(
    {
        "not_a_fit",
        "staff_report_low",
        "abuse_report_low",
        "abusive_to_owner",
        "mistreats_staff",
        "unethical_incident",
        "unethical_messages",
    }
)

_NEGATIVE_REPLY = (0.55, 0.3, 0.15)


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


def make_plan(pattern: str, start: dt.date, cutoff: dt.date, rng: random.Random) -> Plan:
    """The plan for one client of ``pattern`` whose history runs ``start``..``cutoff``."""
    plan = Plan(size=rng.uniform(0.7, 1.25), phases=[(start, HEALTHY)])
    recent = cutoff - dt.timedelta(days=rng.randint(150, 230))

    def from_(day: dt.date, mood: Mood) -> None:
        plan.phases.append((max(day, start), mood))
        plan.phases.sort(key=lambda p: p[0])

    if pattern == "healthy_big_demanding_polite":
        plan.size = rng.uniform(2.8, 3.3)
        plan.rate_factor = rng.uniform(1.12, 1.25)
        kinds = (("big_request", 0.3),) + HEALTHY_KINDS
        plan.phases = [(start, replace(HEALTHY, kinds=kinds, hours=1.2))]
    elif pattern == "healthy_quiet_responsive":
        plan.size = rng.uniform(0.8, 1.0)
        plan.reply_window_needed = True
        plan.phases = [(start, replace(HEALTHY, client_volume=0.12, ours=0.9, status=2.2))]
    elif pattern == "healthy_weekend_season":
        season = _months_before(cutoff, rng.randint(3, 9))
        length = rng.choice((1, 2))
        busy = replace(HEALTHY, off_hours=0.55, volume=1.4)
        from_(season, busy)
        from_(_months_before(season, -length), HEALTHY)
    elif pattern == "healthy_quiet_month":
        holiday = _months_before(cutoff, rng.randint(2, 5))
        from_(holiday, replace(HEALTHY, active=False))
        from_(_months_before(holiday, -1), HEALTHY)
    elif pattern == "time_vs_value":
        # Well under the target per hour worked, yet still above cost: a time sink,
        # not a loss.
        plan.rate_factor = rng.uniform(0.86, 0.92)
        plan.nonbillable = rng.uniform(0.38, 0.43)
        plan.size = rng.uniform(1.5, 1.8)
        plan.phases = [
            (
                start,
                replace(
                    HEALTHY,
                    meet=(0.06, 0.2, 0.5),
                    reply=(0.6, 0.35, 0.05),
                    kinds=(("client_question", 0.35),) + HEALTHY_KINDS,
                ),
            )
        ]
    elif pattern == "rejected_recommendations":
        from_(
            start + dt.timedelta(days=rng.randint(40, 80)),
            replace(
                HEALTHY,
                deliver=(0.25, 0.35, 0.0, 0.4),
                recommend=(0.12, 0.08, 0.8),
                recommend_rate=1.1,
                answer_neg=("reject",),
                answer_neg_p=0.2,
            ),
        )
    elif pattern == "low_respect":
        kinds = (("belittle", 0.35),) + HEALTHY_KINDS
        from_(recent, replace(HEALTHY, kinds=kinds, answer_neg=("belittle",), answer_neg_p=0.15))
    elif pattern == "minimal_communication":
        plan.reply_window_needed = True
        from_(
            start + dt.timedelta(days=rng.randint(45, 75)),
            replace(HEALTHY, reply=(0.15, 0.45, 0.4), client_volume=0.35, meet=(0.05, 0.45, 0.1)),
        )
    elif pattern == "pessimism":
        kinds = (
            ("gloom", 1.6),
            ("request", 0.35),
            ("client_question", 0.25),
            ("complaint", 0.08),
            ("invoice_question", 0.03),
        )
        from_(
            cutoff - dt.timedelta(days=rng.randint(210, 290)),
            replace(HEALTHY, kinds=kinds, answer_neg=("gloom",), answer_neg_p=0.6),
        )
    elif pattern == "losing_money":
        plan.billed_share = rng.uniform(0.3, 0.4)
        plan.writeoffs = rng.randint(2, 4)
        plan.nonbillable = rng.uniform(0.2, 0.28)
        plan.size = rng.uniform(1.2, 1.5)
    elif pattern == "unreasonable_demands":
        kinds = (("pressure", 0.3), ("scope_creep", 0.25)) + HEALTHY_KINDS
        from_(
            cutoff - dt.timedelta(days=rng.randint(200, 270)),
            replace(
                HEALTHY,
                kinds=kinds,
                pulled_in=0.7,
                out_of_scope=0.45,
                off_hours=0.12,
                deliverable_rate=2.5,
            ),
        )
    elif pattern == "payment_risk":
        from_(
            cutoff - dt.timedelta(days=rng.randint(270, 360)),
            replace(HEALTHY, late_p=1.0, late_days=(30, 60), excuse_p=0.75),
        )
    elif pattern == "after_hours":
        plan.phases = [(start, replace(HEALTHY, off_hours=0.75, ping=0.4))]
    elif pattern == "indecisive":
        kinds = (("vague", 0.1),) + HEALTHY_KINDS
        from_(
            start + dt.timedelta(days=rng.randint(30, 60)),
            replace(
                HEALTHY, kinds=kinds, deliver=(0.15, 0.05, 0.75, 0.05), recommend=(0.3, 0.6, 0.1)
            ),
        )
    elif pattern == "chronic_problem":
        kinds = (
            ("gloom", 0.3),
            ("complaint", 0.14),
            ("scope_creep", 0.14),
            ("request", 0.2),
            ("client_question", 0.12),
            ("vague", 0.1),
        )
        from_(
            cutoff - dt.timedelta(days=rng.randint(300, 380)),
            replace(
                HEALTHY,
                kinds=kinds,
                answer_neg=("gloom", "vague", "reject"),
                answer_neg_p=0.45,
                reply=_NEGATIVE_REPLY,
                deliver=(0.25, 0.1, 0.35, 0.3),
                recommend=(0.15, 0.15, 0.7),
                recommend_rate=0.6,
                late_p=0.75,
                late_days=(12, 45),
                excuse_p=0.6,
                out_of_scope=0.5,
                deliverable_rate=1.4,
                meet=(0.15, 0.15, 0.3),
                off_hours=0.15,
            ),
        )
    elif pattern == "acute_hardship":
        plan.min_months = 14
        plan.reply_window_needed = True
        kinds = (("short_negative", 0.7), ("request", 0.15), ("client_question", 0.15))
        from_(
            cutoff - dt.timedelta(days=rng.randint(28, 52)),
            replace(
                HEALTHY,
                kinds=kinds,
                client_volume=0.7,
                answer_neg=("short_negative",),
                answer_neg_p=0.55,
                reply=(0.3, 0.55, 0.15),
                late_p=1.0,
                late_days=(12, 22),
                meet=(0.3, 0.1, 0.2),
            ),
        )
    elif pattern == "acute_spike":
        plan.min_months = 14
        kinds = (("angry", 0.55), ("complaint", 0.25), ("request", 0.2))
        from_(
            cutoff - dt.timedelta(days=rng.randint(24, 34)),
            replace(
                HEALTHY, kinds=kinds, client_volume=1.4, answer_neg=("angry",), answer_neg_p=0.3
            ),
        )
    elif pattern not in _EVENTS_ONLY and not pattern.startswith("healthy_"):
        raise ValueError(f"no plan for pattern {pattern!r}")
    if pattern in ("chronic_problem", "pessimism", "payment_risk"):
        plan.min_months = 12
    return plan
