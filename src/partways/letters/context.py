"""What a letter's template may use: one dataclass per family of letters.

Every field is already in the reader's language (dates and money formatted by
:mod:`.locale`); a template never formats data itself. Text fields are ``""`` when
unknown, and templates must read well then too (no name: a greeting without one).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parties:
    client: str  # the client's (company) name
    contact: str  # the person addressed, "" when unknown
    business: str  # our business's name
    sender: str  # the person who signs, "" to sign with the business's name alone


@dataclass(frozen=True)
class EndingContext:
    """For the letters that end a relationship (kinds in ``compose.REASONS``)."""

    parties: Parties
    notice_on: str  # the date the letter is sent, long form
    end_on: str  # the last day of work together, long form
    notice_days: int  # days from notice_on to end_on
    contract_title: str  # "Services agreement"; "" when there is no contract
    open_work: list[str] = field(default_factory=list)  # what we still finish, by end_on
    referral: str = ""  # a named colleague or a kind of provider; "" = no referral paragraph
    outstanding: str = ""  # the amount still owed, formatted; "" when nothing is

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


@dataclass(frozen=True)
class ApologyContext:
    """For the acute case's apology `[003 #3]`: a sincere apology, an offer to fix it, help."""

    parties: Parties
    call_by: str  # the date by which we propose to talk, long form

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


@dataclass(frozen=True)
class ExpectationsContext:
    """For the expectations sheet a new client receives `[003 #2]`."""

    parties: Parties
    work_days: list[str]  # weekday names in order, e.g. ["Monday", …, "Friday"]
    work_start: str  # "09:00"
    work_end: str  # "17:00"
    time_zone: str  # "Europe/Zagreb"
    channel: str  # main channel code: email, chat, phone, sms, meeting
    reply_window_hours: int  # both sides answer within this many working hours
    check_in: str  # cadence code: weekly, fortnightly, monthly
    revision_rounds: int  # revision rounds included per deliverable
    payment_terms_days: int  # invoices are due this many days after issue
    deposit_percent: int  # share paid up front before work starts; 0 = none
    scope: str  # the contract's scope in its own words; "" when none is written down

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


def _flatten(ctx: Any) -> dict[str, Any]:
    # Templates read ``client`` rather than ``parties.client``: shorter for translators.
    data = asdict(ctx)
    return {**data.pop("parties"), **data}
