"""Step 1 of ending a relationship: what the contract allows `[000 step 1] [001]`.

Dates are inclusive calendar days. A term that renews runs ``renewal_months`` at a
time from the contract's first end date; each later end is computed from that first
end (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar) so month ends and leap days
don't drift. Notice is counted in days: notice served on day D with N days' notice
ends the contract on D + N at the earliest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from ..phrase import Phrase, listed, say, sentences

# What to gather when there is no contract: whatever shows the scope and what was
# promised `[000 step 1]`.
SCOPE_SOURCES = (
    say("scope.first_emails", "the first e-mails in which the work was agreed"),
    say("scope.proposals", "accepted proposals and quotes"),
    say("scope.statements", "statements of work and deliverables"),
    say("scope.invoices", "invoices, which show what was billed as agreed work"),
)


@dataclass(frozen=True)
class ContractTerms:
    start: dt.date
    end: dt.date | None = None  # None: open-ended
    auto_renew: bool = False
    renewal_months: int = 12
    notice_days: int = 30
    termination_clause: str = ""
    title: str = ""
    scope: str = ""


@dataclass(frozen=True)
class ContractReview:
    """What the contract says about ending it, seen from the day notice is given."""

    has_contract: bool
    notice_on: dt.date
    notice_days: int  # the contract's notice period; 0 without a contract
    earliest_end: dt.date  # the earliest lawful end when notice is given on notice_on
    recommended_end: dt.date | None  # prefer the end of a term; None: no contract
    term_end: dt.date | None  # the end of the term running on notice_on
    notice_deadline: dt.date | None  # last day to give notice to end at term_end
    clause: str
    title: str
    scope: str
    notes: list[Phrase] = field(default_factory=list)
    terms: ContractTerms | None = None

    def term_end_for(self, end_on: dt.date) -> dt.date | None:
        """The end of the term ``end_on`` falls in; None past a fixed term, or open-ended."""
        return None if self.terms is None else term_end_on_or_after(self.terms, end_on)

    def mid_contract(self, end_on: dt.date) -> bool:
        """True when ``end_on`` falls before the end of the term it lies in (a renewed
        term included)."""
        term_end = self.term_end_for(end_on)
        return term_end is not None and end_on < term_end


class EndDateError(ValueError):
    """A chosen end or notice date the contract or the calendar does not allow; its
    message is the English of ``phrase``, which each interface words for its reader."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.english())
        self.phrase = phrase


def term_end_on_or_after(terms: ContractTerms, day: dt.date) -> dt.date | None:
    """The end of the term running on ``day``: the first term end on or after it.

    None for an open-ended contract, or a fixed one that ended before ``day``.
    """
    if terms.end is None:
        return None
    if terms.end >= day:
        return terms.end
    if not terms.auto_renew or terms.renewal_months <= 0:
        return None
    k = 1
    while True:
        end: dt.date = terms.end + relativedelta(months=k * terms.renewal_months)
        if end >= day:
            return end
        k += 1


def review_contract(terms: ContractTerms | None, notice_on: dt.date) -> ContractReview:
    """What the contract allows when notice is given on ``notice_on``.

    Without a contract, nothing binds the end date and the review lists what
    defines the scope instead.
    """
    if terms is None:
        return ContractReview(
            has_contract=False,
            notice_on=notice_on,
            notice_days=0,
            earliest_end=notice_on,
            recommended_end=None,
            term_end=None,
            notice_deadline=None,
            clause="",
            title="",
            scope="",
            notes=[
                listed(
                    "contract.none",
                    "There is no contract on record: nothing fixes the end date, so give "
                    "reasonable notice. Gather what defines the scope and what was promised: "
                    "{items}.",
                    list(SCOPE_SOURCES),
                )
            ],
        )
    notice = dt.timedelta(days=terms.notice_days)
    with_notice = notice_on + notice
    notes: list[Phrase] = []
    if not terms.termination_clause:
        notes.append(
            say(
                "contract.no_clause",
                "The contract on record has no termination clause: read the signed copy.",
            )
        )
    if terms.end is not None and terms.end < terms.start:
        notes.append(
            say(
                "contract.ends_before_start",
                "The contract on record ends ({end}) before it starts ({start}): check the "
                "dates against the signed copy.",
                end=terms.end,
                start=terms.start,
            )
        )
    if terms.auto_renew and terms.renewal_months <= 0:
        notes.append(
            say(
                "contract.no_renewal_period",
                "The contract renews automatically but names no renewal period: it is read "
                "as not renewing. Check the signed copy.",
            )
        )
    term_end = term_end_on_or_after(terms, notice_on)
    if term_end is None and terms.end is None:
        # Open-ended: it ends after the notice period, whenever notice is given.
        return _review(terms, notice_on, with_notice, with_notice, None, None, notes)
    if term_end is None:
        assert terms.end is not None
        notes.append(
            say(
                "contract.ended",
                "The contract ended on {end} and did not renew: no notice is owed under it, "
                "but give reasonable notice anyway.",
                end=terms.end,
            )
        )
        return _review(terms, notice_on, notice_on, notice_on, None, None, notes)
    deadline = term_end - notice
    if notice_on <= deadline:
        recommended = term_end
    elif terms.auto_renew:
        recommended = term_end_on_or_after(terms, term_end + dt.timedelta(days=1)) or term_end
        notes.append(
            say(
                "contract.notice_too_late",
                "Notice to end at the term ending {term_end} had to be given by {deadline}; "
                "the contract renews, so the next term end, {next_end}, is the clean exit.",
                term_end=term_end,
                deadline=deadline,
                next_end=recommended,
            )
        )
    else:
        # A fixed term that ends by itself before the notice would run out.
        recommended = term_end
    earliest = min(with_notice, term_end) if not terms.auto_renew else with_notice
    return _review(terms, notice_on, earliest, recommended, term_end, deadline, notes)


def _review(
    terms: ContractTerms,
    notice_on: dt.date,
    earliest: dt.date,
    recommended: dt.date,
    term_end: dt.date | None,
    deadline: dt.date | None,
    notes: list[Phrase],
) -> ContractReview:
    return ContractReview(
        has_contract=True,
        notice_on=notice_on,
        notice_days=terms.notice_days,
        earliest_end=earliest,
        recommended_end=recommended,
        term_end=term_end,
        notice_deadline=deadline,
        clause=terms.termination_clause,
        title=terms.title,
        scope=terms.scope,
        notes=notes,
        terms=terms,
    )


def check_dates(review: ContractReview, end_on: dt.date, today: dt.date) -> list[Phrase]:
    """Refuse dates that can't work; return warnings for ones that merely should not.

    Raises :class:`EndDateError` when notice is dated in the past, the end date is in
    the past or before the notice date, or the contract's notice period can't be met.
    Returns a warning when the end falls mid-contract (check the clause allows it).
    """
    if review.notice_on < today:
        raise EndDateError(
            say(
                "dates.notice_past",
                "the notice date {notice_on} is in the past (today is {today}); give a date "
                "from today on.",
                notice_on=review.notice_on,
                today=today,
            )
        )
    if end_on < today:
        raise EndDateError(
            say(
                "dates.end_past",
                "the end date {end_on} is in the past (today is {today}); give a date from "
                "{earliest} on.",
                end_on=end_on,
                today=today,
                earliest=review.earliest_end,
            )
        )
    if end_on < review.notice_on:
        raise EndDateError(
            say(
                "dates.end_before_notice",
                "the end date {end_on} is before the notice date {notice_on}.",
                end_on=end_on,
                notice_on=review.notice_on,
            )
        )
    if end_on < review.earliest_end:
        raise EndDateError(
            say(
                "dates.notice_period",
                "the contract's notice period of {days} days can't be met: with notice given "
                "on {notice_on}, the earliest lawful end is {earliest}. Choose that date or "
                "later, or give notice sooner.",
                days=review.notice_days,
                notice_on=review.notice_on,
                earliest=review.earliest_end,
            )
        )
    warnings = []
    if review.mid_contract(end_on):
        mid = say(
            "dates.mid_contract",
            "Ending on {end_on} is mid-contract: the term runs to {term_end}. End at the end "
            "of the term where you can [001]; check the contract allows an earlier end.",
            end_on=end_on,
            term_end=review.term_end_for(end_on),
        )
        clause = say(
            "dates.clause", "The termination clause: “{clause}”", clause=review.clause.strip()
        )
        warnings.append(sentences(mid, clause if review.clause.strip() else None))
    return warnings
