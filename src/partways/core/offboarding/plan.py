"""An offboarding case's plan: every step worked out from the data `[000 step 1-5] [001]`.

:func:`plan_case` is pure: the store hands over the contract, deliverables and
invoices as plain data, and gets back dates, checklists and talking points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..config import Thresholds
from ..phrase import Phrase, say, say_n
from .contract import (
    BASIS_NAMES,
    ContractReview,
    ContractTerms,
    EndDateError,
    check_dates,
    ending_basis,
    review_contract,
)
from .conversation import ConversationPlan, plan_conversation
from .reasons import NO_REFERRAL, check_reason
from .work import Deliverable, Receivable, outstanding, owed_work, totals

HANDOVER = (
    say("handover.files", "Files and source material, in formats the client can open"),
    say(
        "handover.access",
        "Access credentials: transfer ownership, then revoke your own access",
    ),
    say(
        "handover.documentation",
        "Documentation: how things work, where they live, what is pending",
    ),
    say("handover.final_invoice", "The final invoice"),
    say("handover.data", "Return or deletion of the client's data, confirmed in writing"),
)


@dataclass(frozen=True)
class CaseInputs:
    client: str
    recommendation: str  # the triage's, or "manual" when the user decided
    reason: str
    today: dt.date
    notice_on: dt.date
    contract: ContractTerms | None
    deliverables: list[Deliverable] = field(default_factory=list)
    receivables: list[Receivable] = field(default_factory=list)
    end_on: dt.date | None = None  # chosen by the user; None: recommended
    referral: str = ""  # a named colleague or kind of provider; "" for none
    abusive: bool = False  # abused you or your staff: no referral, whatever the reason


@dataclass(frozen=True)
class CasePlan:
    inputs: CaseInputs
    reason: str
    contract: ContractReview
    end_on: dt.date
    end_why: Phrase
    cause: str  # the for-cause ground the reason and records give (contract.CAUSES), or ""
    basis: str  # what the end date rests on (contract.BASES)
    warnings: list[Phrase]
    owed: list[Deliverable]
    receivables: list[Receivable]  # everything unpaid
    blocking: list[Receivable]  # unpaid and due by the notice date: the gate [001]
    totals: dict[str, int]
    receivables_waived: bool  # end-now cases don't wait for payment
    conversation: ConversationPlan
    handover: tuple[Phrase, ...]
    referral: str

    @property
    def basis_phrase(self) -> Phrase:
        """What the end date rests on, as a phrase for the reader."""
        return BASIS_NAMES[self.basis]

    @property
    def notice_days(self) -> int:
        return (self.end_on - self.inputs.notice_on).days


def plan_case(inputs: CaseInputs, cfg: Thresholds, *, strict: bool = True) -> CasePlan:
    """Work out the case. Raises ``UnknownReason`` for an unknown reason and, when
    ``strict``, ``EndDateError`` for dates that can't work. Not strict (a case already
    open, whose records changed since), such dates come back as warnings."""
    reason = check_reason(inputs.reason)
    review = review_contract(inputs.contract, inputs.notice_on)
    owed = owed_work(inputs.deliverables)
    money = outstanding(inputs.receivables)
    cause = cause_for(reason, money, inputs.notice_on)
    if inputs.end_on is not None:
        end_on, why = inputs.end_on, say("end_why.chosen", "the date you chose")
    else:
        end_on, why = recommended_end(review, inputs.recommendation, owed, cfg, cause)
    try:
        warnings = check_dates(review, end_on, inputs.today, cause)
    except EndDateError as exc:
        if strict:
            raise
        warnings = [
            say(
                "dates.no_longer_fit",
                "The case's dates no longer fit the records: {why}",
                why=exc.phrase,
            )
        ]
    late = [d for d in owed if d.due and d.due > end_on]
    if late:
        warnings.append(
            say_n(
                "dates.work_after_end",
                "{n} open deliverable is due after the end date: {titles}. Agree with the "
                "client whether to finish, hand over or cancel it.",
                "{n} open deliverables are due after the end date: {titles}. Agree with the "
                "client whether to finish, hand over or cancel them.",
                len(late),
                titles=", ".join(d.title for d in late),
            )
        )
    referral = "" if reason in NO_REFERRAL or inputs.abusive else inputs.referral.strip()
    return CasePlan(
        inputs=inputs,
        reason=reason,
        contract=review,
        end_on=end_on,
        end_why=why,
        cause=cause,
        basis=ending_basis(review, end_on, cause),
        warnings=warnings,
        owed=owed,
        receivables=money,
        blocking=[r for r in money if r.due_on <= inputs.notice_on],
        totals=totals(money),
        receivables_waived=inputs.recommendation == "end_now",
        conversation=plan_conversation(reason, review, end_on, len(owed), referral),
        handover=HANDOVER,
        referral=referral,
    )


def cause_for(reason: str, unpaid: list[Receivable], notice_on: dt.date) -> str:
    """The for-cause ground the reason rests on, if the records back it (one of
    ``contract.CAUSES``, or ""): conduct and ethics are the reason itself; non-payment
    needs an undisputed invoice still unpaid past its due date on the notice date."""
    if reason == "mistreats_staff":
        return "conduct"
    if reason == "unethical":
        return "ethics"
    if reason == "payment" and any(r.due_on < notice_on and not r.disputed for r in unpaid):
        return "non_payment"
    return ""


def recommended_end(
    review: ContractReview,
    recommendation: str,
    owed: list[Deliverable],
    cfg: Thresholds,
    cause: str = "",
) -> tuple[dt.date, Phrase]:
    """The end date to propose, and why.

    End now: the earliest date the contract allows, or, with a for-cause ground, the
    end of the notice period. Otherwise the end of the contract's term `[001]`; without
    a term end, the notice period (the contract's or the business's default, whichever
    is longer), moved to the due date of an open deliverable that falls shortly after
    it, so large work is finished rather than cut off `[001]`.
    """
    if recommendation == "end_now":
        # A for-cause ground may end it before the contract's notice terms would.
        allowed = review.earliest_end
        if cause or allowed is None:
            allowed = review.earliest_with_cause
        return allowed, say("end_why.now", "the earliest lawful date: this can't wait [000 #8]")
    if review.recommended_end is not None and review.term_end is not None:
        return review.recommended_end, say("end_why.term", "the end of the contract's term [001]")
    default = review.notice_on + dt.timedelta(days=cfg.int("offboarding.notice_days"))
    end = max(review.earliest_end or review.earliest_with_cause, default)
    why = say_n(
        "end_why.notice",
        "{n} day's notice [000 step 5]",
        "{n} days' notice [000 step 5]",
        (end - review.notice_on).days,
    )
    reach = end + dt.timedelta(days=cfg.int("offboarding.deliverable_extension_days"))
    due = [d.due for d in owed if d.due and end < d.due <= reach]
    if due:
        end = max(due)
        why = say(
            "end_why.deliverable",
            "the due date of the last open deliverable, so it is finished [001]",
        )
    return end, why
