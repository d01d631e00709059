"""What a letter's template may use: one dataclass per family of letters.

Every field is already in the reader's language (dates and money formatted by
:mod:`.locale`); a template never formats data itself. Text fields are ``""`` when
unknown, and templates must read well then too (no name: a greeting without one).
Every statement a letter makes comes from one of these fields: a template never
asserts what the records do not hold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parties:
    """Who writes to whom, and the letter's date: the frame of every letter."""

    client: str  # the client's name as used day to day
    contact: str  # the person addressed, in a script the letter's language reads; ""
    business: str  # our business's name
    sender: str  # the person who signs, "" to sign with the business's name alone
    letter_date: str = ""  # the day the letter is dated, long form
    place: str = ""  # the town the date line names; "" for none
    client_legal_name: str = ""  # the registered name; "" when not recorded
    client_address: list[str] = field(default_factory=list)  # postal address, a line each
    contact_gender: str = ""  # female, male, or "" (then addressed by full name)
    contact_title: str = ""  # "Dr.", "Prof."; "" for none
    contact_family_name: str = ""  # the last word of ``contact``: "Đurić"
    business_legal_name: str = ""  # the registered name; "" when not recorded
    business_address: list[str] = field(default_factory=list)
    business_registration: str = ""  # the company registration number
    business_phone: str = ""
    business_email: str = ""
    sender_title: str = ""  # the signatory's job title, e.g. "Managing director"
    sender_email: str = ""


@dataclass(frozen=True)
class Invoice:
    """An invoice still open on the client's account, as the letter lists it."""

    number: str
    amount: str  # what is still owed on it, formatted
    due: str  # its own due date, long form: never moved by the letter
    state: str  # overdue (due before the letter's date), due (not yet), disputed


@dataclass(frozen=True)
class EndingContext:
    """For the letters that end a relationship (kinds in ``compose.REASONS``)."""

    parties: Parties
    notice_on: str  # the date the letter is sent, long form
    end_on: str  # the last day of work together, long form
    notice_days: int  # days from notice_on to end_on
    contract_title: str  # the contract's name as recorded; "" when it has none
    # What the end date rests on (core.offboarding.contract.BASES): no_contract,
    # unrecorded, notice, term_end, cause or agreement.
    basis: str = "no_contract"
    cause: str = ""  # the for-cause ground (contract.CAUSES) when basis is cause
    contract_dated: str = ""  # the day it was signed (else started), long form
    clause: str = ""  # the termination clause in its own words; "" when none is recorded
    allowed_end: str = ""  # the earliest end on notice alone, long form; "" when none
    open_work: list[str] = field(default_factory=list)  # what we still finish, by end_on
    # A colleague or firm the user named: the letter offers an introduction.
    referral: str = ""
    # A kind of provider when nobody is named, only suggested: larger_agency,
    # full_service or specialist (each template words it in its language); "" for none.
    referral_kind: str = ""
    invoices: list[Invoice] = field(default_factory=list)  # open ones, oldest due first
    overdue_total: str = ""  # undisputed and past due on notice_on, per currency; ""
    oldest_overdue: str = ""  # the earliest due date among those, long form
    due_later: bool = False  # some invoice is not yet due: it keeps its own due date
    disputed_count: int = 0  # invoices the client disputes: named as disputed
    handover_contact: str = ""  # who hands over: a name and an e-mail address

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


@dataclass(frozen=True)
class ApologyContext:
    """For the acute case's apology `[003 #3]`: a sincere apology for what went wrong,
    an offer to fix it, help."""

    parties: Parties
    call_by: str  # the date by which we propose to talk, long form
    about: str  # what went wrong, as the user wrote it: the letter names nothing else

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


@dataclass(frozen=True)
class ExpectationsContext:
    """For the expectations sheet `[003 #2]`: sent to a new client, or to one we have
    worked with for a while (then as a restatement, never a welcome)."""

    parties: Parties
    work_days: list[str]  # weekday names in order, e.g. ["Monday", …, "Friday"]
    work_start: str  # "09:00"
    work_end: str  # "17:00"
    time_zone: str  # the business's time zone, named in the reader's language
    channel: str  # main channel code: email, chat, phone, sms, meeting
    reply_window_hours: int  # both sides answer within this many working hours
    check_in: str  # cadence code: weekly, fortnightly, monthly
    revision_rounds: int  # revision rounds included per deliverable
    payment_terms_days: int  # invoices are due this many days after issue
    deposit_percent: int  # share paid up front before work starts; 0 = none
    scope: str  # the contract's scope in its own words; "" when none is written down
    new_client: bool = True  # first work together lately: a welcome fits
    working_since: str = ""  # for a client we know, when the work began, long form

    def template_vars(self) -> dict[str, Any]:
        return _flatten(self)


def postal_lines(text: str) -> list[str]:
    """An address typed a line per line of the letter: its non-blank lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _flatten(ctx: Any) -> dict[str, Any]:
    # Templates read ``client`` rather than ``parties.client``: shorter for translators.
    data = asdict(ctx)
    return {**data.pop("parties"), **data}
