"""Step 1 of ending a relationship: what the contract allows `[000 step 1] [001]`.

Dates are inclusive calendar days. A term that renews runs ``renewal_months`` at a
time from the contract's first end date; each later end is computed from that first
end (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar) so month ends and leap days
don't drift. Notice is counted in days: notice served on day D with N days' notice
ends the contract on D + N at the earliest.

How a contract may be ended is its ``ending``, recorded by a person who read the clause:

- ``any_time``: either side may end it at any time with notice;
- ``term_end``: only at the end of a term, with notice before it (a renewing contract
  that gets its notice too late runs to the next term's end);
- ``for_cause``: before the end of a term only for cause (a breach such as unpaid
  invoices or abuse); otherwise as ``term_end``, and never, for an open-ended one.

Not recorded, a contract with a term is read as ``term_end`` and an open-ended one as
``any_time``: the strict reading, so no date is called lawful that the clause may not
allow. A date earlier than the contract allows is not refused: it rests on a for-cause
ground or on the client's agreement, and :func:`ending_basis` says which.
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


# How a contract may be ended: see the module's docstring.
ENDINGS = ("any_time", "term_end", "for_cause")
ENDING_NAMES: dict[str, Phrase] = {
    "any_time": say("ending.any_time", "ending at any time with notice"),
    "term_end": say("ending.term_end", "ending only at the end of a term, with notice"),
    "for_cause": say(
        "ending.for_cause", "ending early only for cause, otherwise at the end of a term"
    ),
}
# The grounds a for-cause ending can rest on, by the reason given: unpaid invoices
# past their due date, abuse of you or your staff, an unethical or risky demand.
CAUSES = ("non_payment", "conduct", "ethics")


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
    ending: str = ""  # one of ENDINGS; "" when nobody recorded it
    signed_on: dt.date | None = None  # None: not recorded (letters cite the start)


@dataclass(frozen=True)
class ContractReview:
    """What the contract says about ending it, seen from the day notice is given."""

    has_contract: bool
    notice_on: dt.date
    notice_days: int  # the contract's notice period; 0 without a contract
    # The earliest end the contract allows with notice given on notice_on, without a
    # for-cause ground or the client's agreement; None when it allows none (an
    # open-ended contract ended for cause only).
    earliest_end: dt.date | None
    # The earliest end resting on a for-cause ground: the notice period from notice_on.
    earliest_with_cause: dt.date
    ending: str  # as recorded: one of ENDINGS, or "" when not recorded
    reading: str  # how the dates were worked out: one of ENDINGS ("" without a contract)
    recommended_end: dt.date | None  # prefer the end of a term; None: no contract
    term_end: dt.date | None  # the end of the term running on notice_on
    notice_deadline: dt.date | None  # last day to give notice to end at term_end
    clause: str
    title: str
    scope: str
    notes: list[Phrase] = field(default_factory=list)
    terms: ContractTerms | None = None

    @property
    def reading_phrase(self) -> Phrase | None:
        """How the dates were worked out, as a phrase; None without a contract."""
        return ENDING_NAMES.get(self.reading)

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
            earliest_with_cause=notice_on,
            ending="",
            reading="",
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
    reading = _reading(terms, notes)
    if term_end is None and terms.end is None:
        # Open-ended: it ends after the notice period, whenever notice is given; one
        # ended for cause only never ends on notice alone.
        earliest = None if reading == "for_cause" else with_notice
        return _review(
            terms, reading, notice_on, earliest, with_notice, with_notice, None, None, notes
        )
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
        return _review(
            terms, reading, notice_on, notice_on, notice_on, notice_on, None, None, notes
        )
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
    if reading == "any_time":
        earliest = min(with_notice, term_end) if not terms.auto_renew else with_notice
    else:
        # Only at the end of a term: the one notice reaches in time.
        earliest = recommended
    with_cause = min(with_notice, earliest)
    return _review(
        terms, reading, notice_on, earliest, with_cause, recommended, term_end, deadline, notes
    )


def _reading(terms: ContractTerms, notes: list[Phrase]) -> str:
    """How the contract's dates are worked out: as recorded, else the strict reading
    (see the module's docstring), with a note asking for it to be recorded."""
    open_ended = terms.end is None
    if terms.ending in ENDINGS:
        if terms.ending == "term_end" and open_ended:
            notes.append(
                say(
                    "contract.term_end_without_term",
                    "The contract is recorded as ending only at the end of a term, but has "
                    "no end date: it is read as ending at any time with notice. Record its "
                    "end date, or how it may be ended, from the signed copy.",
                )
            )
            return "any_time"
        return terms.ending
    notes.append(
        say(
            "contract.ending_unknown",
            "How this contract may be ended is not recorded. Read the termination clause and "
            "record it (at any time with notice, at the end of a term, or early only for "
            "cause); until then the dates are worked out as {reading}, and the letter does "
            "not say the end date follows the contract.",
            reading=ENDING_NAMES["any_time" if open_ended else "term_end"],
        )
    )
    return "any_time" if open_ended else "term_end"


def _review(
    terms: ContractTerms,
    reading: str,
    notice_on: dt.date,
    earliest: dt.date | None,
    with_cause: dt.date,
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
        earliest_with_cause=with_cause,
        ending=terms.ending if terms.ending in ENDINGS else "",
        reading=reading,
        recommended_end=recommended,
        term_end=term_end,
        notice_deadline=deadline,
        clause=terms.termination_clause,
        title=terms.title,
        scope=terms.scope,
        notes=notes,
        terms=terms,
    )


# What an end date rests on, for the case and the letter:
# - no_contract: nothing binds it;
# - unrecorded: on or after the strict reading's date, but how the contract may be
#   ended is not recorded, so the letter does not say the date follows it;
# - notice / term_end: what the contract allows (at any time with notice; at a term's end);
# - cause: earlier than that, resting on a for-cause ground;
# - agreement: earlier than the contract allows and without a ground: the client must
#   agree, and the letter asks them to.
BASES = ("no_contract", "unrecorded", "notice", "term_end", "cause", "agreement")
BASIS_NAMES: dict[str, Phrase] = {
    "no_contract": say("basis.no_contract", "no contract binds the date"),
    "unrecorded": say(
        "basis.unrecorded",
        "the strict reading of a contract whose ending terms are not recorded: the letter "
        "gives notice without saying it follows the contract",
    ),
    "notice": say("basis.notice", "the contract's notice terms (at any time with notice)"),
    "term_end": say("basis.term_end", "the end of the contract's term, with notice in time"),
    "cause": say("basis.cause", "ending for cause, earlier than notice alone allows"),
    "agreement": say(
        "basis.agreement",
        "the client's agreement: the contract does not allow this date, and the letter asks",
    ),
}


def ending_basis(review: ContractReview, end_on: dt.date, cause: str = "") -> str:
    """What ending on ``end_on`` rests on (one of :data:`BASES`), given the for-cause
    ground ``cause`` (one of :data:`CAUSES`, or "" for none)."""
    if not review.has_contract:
        return "no_contract"
    if review.earliest_end is not None and end_on >= review.earliest_end:
        if not review.ending:
            return "unrecorded"
        return "notice" if review.reading == "any_time" else "term_end"
    if cause and end_on >= review.earliest_with_cause:
        return "cause"
    return "agreement"


def check_dates(
    review: ContractReview, end_on: dt.date, today: dt.date, cause: str = ""
) -> list[Phrase]:
    """Refuse dates that can't work; return warnings for ones that rest on more than
    the contract's notice terms, or merely should not be chosen.

    Raises :class:`EndDateError` when notice is dated in the past, or the end date is
    in the past or before the notice date. Returns a warning when the end rests on a
    for-cause ground or needs the client's agreement (see :func:`ending_basis`), and
    when it falls mid-contract where the contract allows that (end at the end of the
    term where you can).
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
                earliest=review.earliest_end or review.earliest_with_cause,
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
    clause = (
        say("dates.clause", "The termination clause: “{clause}”", clause=review.clause.strip())
        if review.clause.strip()
        else None
    )
    basis = ending_basis(review, end_on, cause)
    warnings = []
    if basis == "cause":
        warnings.append(
            sentences(
                say(
                    "dates.rests_on_cause",
                    "Ending on {end_on} is earlier than the contract allows on notice alone "
                    "({allowed}): it rests on ending for cause ({cause}). Check that the "
                    "contract, or the law, allows it for this ground, and keep the evidence.",
                    end_on=end_on,
                    allowed=_allowed(review),
                    cause=CAUSE_NAMES[cause],
                ),
                clause,
            )
        )
    elif basis == "agreement":
        warnings.append(
            sentences(
                say(
                    "dates.needs_agreement",
                    "Ending on {end_on} needs the client's agreement: on notice alone the "
                    "contract allows {allowed}, and nothing recorded is a ground to end it "
                    "for cause. The letter asks the client to agree, and names the date "
                    "the contract allows if they do not.",
                    end_on=end_on,
                    allowed=_allowed(review),
                ),
                clause,
            )
        )
    elif basis == "notice" and review.mid_contract(end_on):
        mid = say(
            "dates.mid_contract",
            "Ending on {end_on} is mid-contract: the term runs to {term_end}. The contract "
            "allows it, but the end of the term is the cleaner exit where you can wait [001].",
            end_on=end_on,
            term_end=review.term_end_for(end_on),
        )
        warnings.append(sentences(mid, clause))
    return warnings


CAUSE_NAMES: dict[str, Phrase] = {
    "non_payment": say("cause.non_payment", "invoices unpaid past their due date"),
    "conduct": say("cause.conduct", "abusive conduct towards you or your staff"),
    "ethics": say("cause.ethics", "requests that are unethical or unlawful"),
}


def _allowed(review: ContractReview) -> Phrase:
    if review.earliest_end is None:
        return say("dates.allowed_never", "no end at all")
    return say("dates.allowed_from", "an end from {earliest}", earliest=review.earliest_end)
