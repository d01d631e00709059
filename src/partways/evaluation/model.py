"""A generated agency as plain data: what the generator plants and the writers export.

The generator (:mod:`partways.evaluation.generate`) fills these; the writers
(:mod:`partways.evaluation.exports`) turn them into the files real tools export
(Harvest, Toggl, FreshBooks, Invoice Ninja, Slack, maildir, mbox, .ics, a records
file), which the evaluation imports through partways' own importers. Nothing here
knows the answer key: each client only names the pattern planted in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Role = Literal["owner", "manager", "staff"]


@dataclass
class Person:
    """A team member (``role`` set) or a client's contact (``role`` None)."""

    name: str
    email: str
    role: Role | None = None
    # The id a Slack export gives them ("U0123ABCD"); every person gets one.
    slack_id: str = ""


@dataclass
class Message:
    """One e-mail or chat message. Times are timezone-aware UTC."""

    sent_at: dt.datetime
    direction: Literal["in", "out"]  # in: from the client
    author: Person
    to: list[Person]
    text: str
    channel: Literal["email", "chat"] = "email"
    subject: str = ""
    # Messages of one thread share a key; a reply names the message it answers.
    thread: str = ""
    reply_to: Message | None = None
    # Chat only: team members @mentioned in the text (the text carries the mention
    # as "@" + Person.name).
    mentions: list[Person] = field(default_factory=list)
    # E-mail only: people copied (Cc), e.g. the owner on a client's message.
    cc: list[Person] = field(default_factory=list)
    # Why the generator wrote it ("question", "status", "abuse", …): for debugging
    # the generator, never read by the evaluation's scoring.
    kind: str = ""


@dataclass
class TimeEntry:
    started_at: dt.datetime  # aware UTC
    hours: float
    person: Person
    billable: bool
    project: str
    task: str = ""
    note: str = ""


@dataclass
class Payment:
    paid_on: dt.date
    amount: Decimal


@dataclass
class Invoice:
    number: str
    issued_on: dt.date
    due_on: dt.date
    amount: Decimal  # in the client's currency, major units
    currency: str
    payments: list[Payment] = field(default_factory=list)
    written_off: Decimal = Decimal(0)


@dataclass
class Meeting:
    starts_at: dt.datetime  # aware UTC
    minutes: int
    title: str
    attendees: list[Person]
    cancelled: bool = False
    # Held without the client (records: status no_show); never together with cancelled.
    no_show: bool = False
    # Whether the client came prepared (None: nobody noted it).
    client_prepared: bool | None = None


@dataclass
class Proposal:
    kind: Literal["recommendation", "deliverable"]
    title: str
    submitted_on: dt.date
    decided_on: dt.date | None
    outcome: Literal["accepted", "rejected", "revision", "pending"]
    reason: str = ""
    revision_round: int = 1


@dataclass
class Deliverable:
    title: str
    status: Literal["planned", "in_progress", "delivered", "accepted", "cancelled"]
    requested_on: dt.date
    due: dt.date
    original_due: dt.date | None = None
    in_scope: bool = True
    delivered_on: dt.date | None = None
    paid_for: bool = False


@dataclass
class Incident:
    kind: Literal["abuse_to_you", "abuse_to_staff", "unethical", "unreasonable_demand", "other"]
    reporter: str
    severity: Literal["low", "medium", "high"]
    occurred_at: dt.datetime  # aware UTC
    note: str


@dataclass
class Flag:
    kind: Literal["not_a_fit", "other"]
    reason: str
    created_on: dt.date


@dataclass
class Contract:
    start: dt.date
    end: dt.date | None
    notice_days: int
    reply_window_hours: int | None
    main_channel: Literal["email", "chat"]
    payment_terms_days: int
    auto_renew: bool = False
    scope: str = ""


@dataclass
class Client:
    name: str
    pattern: str  # an id of partways.evaluation.catalog.PATTERNS
    language: str  # en, id, hr, ar: what the client writes in
    currency: str
    country: str
    domain: str  # the client's mail domain
    contacts: list[Person]
    contract: Contract
    hourly_rate: Decimal  # what the agency bills them per hour, client currency
    messages: list[Message] = field(default_factory=list)
    time_entries: list[TimeEntry] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    deliverables: list[Deliverable] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


Format = Literal[
    "harvest", "toggl", "freshbooks", "invoiceninja", "slack", "maildir", "mbox", "ics"
]


@dataclass
class Agency:
    """One generated business and everything it would export."""

    slug: str
    name: str
    held_out: bool  # kept out of tuning: reported on separately
    language: str  # the owner's language
    time_zone: str
    base_currency: str
    work_start: dt.time
    work_end: dt.time
    work_days: tuple[int, ...]
    target_hourly_rate_minor: int
    default_cost_rate_minor: int
    own_domain: str
    team: list[Person]
    # Units of the base currency per one unit of each other currency the clients use.
    exchange_rates: dict[str, Decimal]
    as_of: dt.date  # the day the evaluation triages on
    # Which tool exports each kind of record: time, invoices, mail, chat, calendar.
    formats: dict[str, Format]
    clients: list[Client] = field(default_factory=list)

    @property
    def owner(self) -> Person:
        return next(p for p in self.team if p.role == "owner")
