"""What each planted client pattern is, and the verdict PLAYBOOK expects for it.

Written from PLAYBOOK §1–2 before any generated portfolio was triaged, and never
adjusted to what the tool answered: this file is the answer key. A generator plants
one pattern per client; the evaluation compares partways' verdict with the
expectation here.

The rules behind the expectations:

- A healthy client, whatever ordinary noise it carries (a complaint, an urgent but
  polite request, a quiet month, weekend messages in season, one late payment), is
  *keep* or *watch*: a tool that flags it is as useless as one that misses a bad one.
- One warning sign on its own is a *repair*: find out why, discuss improvements, set
  new boundaries `[000]`; only a failed repair or a chronic pattern ends a relationship
  `[000 #4] [000 #7] [003 #1]`. Messages at all hours alone may also be *watch*.
- Abuse (repeated, or a serious reported incident), mistreating staff and unethical
  behaviour are the exception: act sooner, *end now* `[000 #8] [002 #2] [002 #3]`. One
  low-severity report is a conversation to have, not an ending.
- A *problem client* (unhappy for months, in many ways) ends at contract end; a
  *client who has a problem* (a recent spike after a healthy history, often a hard
  time in their own life) gets repair with support `[003 #1] [003 #3]`.
- A "no longer a fit" flag ends at contract end, without blame `[002 #5]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Recommendation = Literal["keep", "watch", "repair", "end_at_contract_end", "end_now"]
Kind = Literal["chronic", "acute"]

HEALTHY: frozenset[Recommendation] = frozenset({"keep", "watch"})
REPAIR: frozenset[Recommendation] = frozenset({"repair"})
END_NOW: frozenset[Recommendation] = frozenset({"end_now"})
END_AT_CONTRACT_END: frozenset[Recommendation] = frozenset({"end_at_contract_end"})


@dataclass(frozen=True)
class Pattern:
    """One planted pattern: what the generator writes, and what the verdict must be.

    ``signs`` must each be flagged (low or above) for the problem to count as caught
    with the right sign; ``kind`` is the chronic/acute reading PLAYBOOK expects (None:
    not a troubled pattern, so it must not read as chronic).
    """

    id: str
    tags: str
    healthy: bool
    plant: str  # what the generator does, in a sentence
    expected: frozenset[Recommendation]
    signs: tuple[str, ...] = ()
    kind: Kind | None = None
    # The verdict must lead with support (the acute_support strategy) [003 #3].
    support: bool = False


PATTERNS: tuple[Pattern, ...] = (
    # --- healthy clients with ordinary noise -------------------------------------
    Pattern(
        "healthy_steady",
        "[000 #1] [000 #4]",
        True,
        "Regular work at a fair rate, invoices paid on time, questions answered within "
        "the window, meetings held and prepared, proposals mostly accepted.",
        HEALTHY,
    ),
    Pattern(
        "healthy_one_complaint",
        "[000 #6]",
        True,
        "Healthy throughout, with one frustrated message about a delay in one month, "
        "resolved in the next exchange.",
        HEALTHY,
    ),
    Pattern(
        "healthy_urgent_polite",
        "[000 #8]",
        True,
        "Healthy; twice the client reports politely that something is broken and asks "
        "for a quick fix, then thanks us for fixing it.",
        HEALTHY,
    ),
    Pattern(
        "healthy_quiet_responsive",
        "[000 #4]",
        True,
        "A client who writes little: we send many status reports and 'noted, thanks' "
        "messages that need no answer; every question or approval we ask is answered "
        "within the agreed window.",
        HEALTHY,
    ),
    Pattern(
        "healthy_big_demanding_polite",
        "[000 #8] [001]",
        True,
        "A large client with three times the usual volume of messages and requests, "
        "all in scope, polite, with the occasional 'could we have this by Friday?'; "
        "pays on time and its hours are well paid.",
        HEALTHY,
    ),
    Pattern(
        "healthy_weekend_season",
        "[001]",
        True,
        "Healthy; in the client's busy season (one or two months) many messages arrive "
        "in the evening and at weekends, the rest of the year in working hours.",
        HEALTHY,
    ),
    Pattern(
        "healthy_quiet_month",
        "[000 #4] [000 #5]",
        True,
        "Healthy, with a month of no activity at all (holidays) in the last six months.",
        HEALTHY,
    ),
    Pattern(
        "healthy_one_late_invoice",
        "[002 #4]",
        True,
        "Healthy; one invoice paid about two weeks late after one reminder, the rest on time.",
        HEALTHY,
    ),
    # --- one warning sign, months long: repair -------------------------------------
    Pattern(
        "time_vs_value",
        "[000 #1] [002 #1] [003 #4]",
        False,
        "Many hours (a large non-billable share) for little revenue: an effective rate "
        "well under the target; meetings often unprepared or missed.",
        REPAIR,
        ("time_vs_value",),
    ),
    Pattern(
        "rejected_recommendations",
        "[000 #2]",
        False,
        "Most recommendations and deliverables rejected or sent back for revision, "
        "month after month; otherwise civil and paying.",
        REPAIR,
        ("rejected_recommendations",),
    ),
    Pattern(
        "low_respect",
        "[000 #3]",
        False,
        "Repeatedly belittling messages ('you clearly don't know your job'), without "
        "swearing; otherwise ordinary.",
        REPAIR,
        ("low_respect",),
    ),
    Pattern(
        "minimal_communication",
        "[000 #4]",
        False,
        "Our questions and requests for approval go unanswered, or are answered days "
        "past the agreed reply window; check-in meetings missed.",
        REPAIR,
        ("minimal_communication",),
    ),
    Pattern(
        "pessimism",
        "[000 #6]",
        False,
        "Most client messages, for months, are gloomy and negative about the work and "
        "its prospects, without abuse.",
        REPAIR,
        ("pessimism",),
    ),
    Pattern(
        "losing_money",
        "[000 #7] [002 #1]",
        False,
        "The hours cost more than the invoices bring in, with write-offs; otherwise a "
        "pleasant client.",
        REPAIR,
        ("losing_money",),
    ),
    Pattern(
        "unreasonable_demands",
        "[000 #8] [003 #1]",
        False,
        "Deadlines pulled in, out-of-scope work pushed in as 'a small thing', pressure "
        "and blame when a compressed deadline is missed; no swearing.",
        REPAIR,
        ("abuse_or_unreasonable",),
    ),
    Pattern(
        "payment_risk",
        "[002 #4] [001]",
        False,
        "Invoices paid 30–60 days late after several reminders, some still open, with "
        "excuses in messages (the payment is on its way, we never got the invoice).",
        REPAIR,
        ("payment_risk",),
    ),
    Pattern(
        "after_hours",
        "[001]",
        False,
        "All year, most client messages arrive late at night and at weekends, expecting "
        "an answer at once.",
        frozenset({"watch", "repair"}),
        ("after_hours",),
    ),
    Pattern(
        "indecisive",
        "[001]",
        False,
        "Deliverables sent back again and again with vague feedback ('not quite it') "
        "and no concrete change asked for.",
        REPAIR,
        ("indecisive",),
    ),
    # --- a conversation to have, not an ending -------------------------------------
    Pattern(
        "staff_report_low",
        "[002 #2]",
        False,
        "Healthy otherwise; one staff member reports one rude remark at severity low.",
        frozenset({"watch", "repair"}),
        ("mistreats_staff",),
    ),
    Pattern(
        "abuse_report_low",
        "[000 #8]",
        False,
        "Healthy otherwise; the owner logs one curt, rude exchange at severity low.",
        frozenset({"watch", "repair"}),
        ("abuse_or_unreasonable",),
    ),
    # --- act sooner: end now -------------------------------------------------------
    Pattern(
        "abusive_to_owner",
        "[000 #8]",
        False,
        "Several messages to the owner that call names and swear, in recent months.",
        END_NOW,
        ("abuse_or_unreasonable",),
    ),
    Pattern(
        "mistreats_staff",
        "[002 #2]",
        False,
        "Abusive messages addressed to a staff member (by address or @mention) and a "
        "staff report of shouting at severity medium or high.",
        END_NOW,
        ("mistreats_staff",),
    ),
    Pattern(
        "unethical_incident",
        "[002 #3]",
        False,
        "A reported incident: the client asked for invoices to be falsified for a "
        "grant claim (severity high).",
        END_NOW,
        ("unethical",),
    ),
    Pattern(
        "unethical_messages",
        "[002 #3]",
        False,
        "Two or more messages asking for something improper: back-dated invoices, "
        "fake reviews, hiding something from an auditor; no incident reported.",
        END_NOW,
        ("unethical",),
    ),
    # --- end at contract end ---------------------------------------------------------
    Pattern(
        "not_a_fit",
        "[002 #5]",
        False,
        "A healthy client flagged 'no longer a fit' with a reason (their needs outgrew "
        "the business).",
        END_AT_CONTRACT_END,
        ("not_a_fit",),
    ),
    Pattern(
        "chronic_problem",
        "[003 #1] [000 #5]",
        False,
        "Unhappy for nine months or more, in many ways: negative messages, late "
        "payments, rejected proposals, vague feedback, out-of-scope demands.",
        END_AT_CONTRACT_END,
        ("pessimism", "payment_risk"),
        kind="chronic",
    ),
    # --- a client who has a problem: repair with support ---------------------------------
    Pattern(
        "acute_hardship",
        "[003 #1] [003 #3]",
        False,
        "A year or more of healthy months, then in the last month or two: a statement "
        "of a hard time in their own life (a death, an illness, their business in "
        "crisis), negative and short messages, slow answers, a late payment.",
        REPAIR,
        ("pessimism",),
        kind="acute",
        support=True,
    ),
    Pattern(
        "acute_spike",
        "[003 #1] [003 #3]",
        False,
        "A year or more of healthy months, then a failed delivery last month and a "
        "burst of angry (not abusive) complaints about it.",
        REPAIR,
        ("pessimism",),
        kind="acute",
        support=True,
    ),
)

BY_ID: dict[str, Pattern] = {p.id: p for p in PATTERNS}
