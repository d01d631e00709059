"""Build the demo workspace: Studio Horvat, a small agency in Zagreb, and its clients.

Everything is derived from a seeded random generator and the as-of date, so the same
date always gives the same workspace. The history runs back up to 26 months.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.db import transaction

from partways.store import models as m
from partways.store.analysis import analyze_messages
from partways.store.business import set_rate

from .phrases import FEEDBACK_CONCRETE, PHRASES
from .profiles import Profile, profiles

TZ = ZoneInfo("Europe/Zagreb")
TEAM = [
    ("Maja Horvat", "maja@studio-horvat.example", "owner"),
    ("Dewi Lestari", "dewi@studio-horvat.example", "manager"),
    ("Omar Haddad", "omar@studio-horvat.example", "staff"),
    ("Luka Babić", "luka@studio-horvat.example", "staff"),
]
EXCHANGE_RATES = {"USD": Decimal("0.92"), "AED": Decimal("0.25"), "IDR": Decimal("0.000058")}
PROJECT_NAMES = (
    "website relaunch",
    "brand refresh",
    "spring campaign",
    "online shop",
    "annual report",
    "social media",
)


class DemoExists(Exception):
    """The database already holds clients; the demo will not mix with real data."""


# Whom letters are addressed to, by the client's language.
CONTACT_NAMES = {
    "en": ["Emma Clarke", "James Whitfield", "Olivia Bennett", "Daniel Hughes", "Sophie Turner"],
    "id": ["Budi Santoso", "Siti Rahmawati", "Agus Pratama", "Rina Wulandari", "Made Suartana"],
    "hr": ["Ivana Babić", "Tomislav Kovačević", "Marija Jurić", "Luka Šarić", "Petra Đurić"],
    "ar": ["سارة المنصوري", "خالد العتيبي", "ليلى حداد", "عمر الزعبي", "نور الهاشمي"],
}
# How each contact is addressed: gender and, for a name in Arabic script, its Latin
# spelling (for letters in English, Indonesian or Croatian). "Nur" is left without a
# gender, as a user who does not know it would: letters then use the full name.
CONTACT_FORMS: dict[str, tuple[str, str]] = {
    "Emma Clarke": ("female", ""),
    "James Whitfield": ("male", ""),
    "Olivia Bennett": ("female", ""),
    "Daniel Hughes": ("male", ""),
    "Sophie Turner": ("female", ""),
    "Budi Santoso": ("male", ""),
    "Siti Rahmawati": ("female", ""),
    "Agus Pratama": ("male", ""),
    "Rina Wulandari": ("female", ""),
    "Made Suartana": ("male", ""),
    "Ivana Babić": ("female", ""),
    "Tomislav Kovačević": ("male", ""),
    "Marija Jurić": ("female", ""),
    "Luka Šarić": ("male", ""),
    "Petra Đurić": ("female", ""),
    "سارة المنصوري": ("female", "Sara Al Mansouri"),
    "خالد العتيبي": ("male", "Khalid Al Otaibi"),
    "ليلى حداد": ("female", "Layla Haddad"),
    "عمر الزعبي": ("male", "Omar Al Zoubi"),
    "نور الهاشمي": ("", "Nour Al Hashimi"),
}
# The contract as each client would have signed it: in their language.
CONTRACT_WORDS: dict[str, tuple[str, str, str]] = {
    "en": (
        "Services agreement",
        "Either party may end this agreement with 30 days' written notice before the end "
        "of a term.",
        "Next milestone",
    ),
    "id": (
        "Perjanjian Jasa",
        "Masing-masing pihak dapat mengakhiri perjanjian ini dengan pemberitahuan tertulis "
        "30 hari sebelum berakhirnya suatu jangka waktu.",
        "Tahap berikutnya",
    ),
    "hr": (
        "Ugovor o pružanju usluga",
        "Svaka ugovorna strana može otkazati ovaj ugovor pisanom obaviješću najmanje 30 "
        "dana prije isteka ugovornog razdoblja.",
        "Sljedeća faza",
    ),
    "ar": (
        "اتفاقية تقديم خدمات",
        "يجوز لأي من الطرفين إنهاء هذه الاتفاقية بإشعار خطي قبل 30 يومًا من نهاية مدتها.",
        "المرحلة التالية",
    ),
}
# A made-up postal address per client, by language: street (numbered per client), town.
DEMO_ADDRESSES: dict[str, tuple[str, str]] = {
    "en": ("{n} Harbour Street", "Bristol BS1 4DJ, United Kingdom"),
    "id": ("Jl. Sudirman No. {n}", "Jakarta 10220, Indonesia"),
    "hr": ("Savska cesta {n}", "10000 Zagreb"),
    "ar": ("Sheikh Zayed Road, Building {n}", "Dubai, United Arab Emirates"),
}
JOB_TITLES = {
    "owner": "Managing director",
    "manager": "Account manager",
    "staff": "Designer",
}


@dataclass
class Rows:
    """Unsaved model instances, saved in bulk at the end (parents first)."""

    time: list[m.TimeEntry] = field(default_factory=list)
    expenses: list[m.Expense] = field(default_factory=list)
    invoices: list[tuple[m.Invoice, list[m.Payment]]] = field(default_factory=list)
    messages: list[m.Message] = field(default_factory=list)
    meetings: list[m.Meeting] = field(default_factory=list)
    proposals: list[m.Proposal] = field(default_factory=list)
    deliverables: list[m.Deliverable] = field(default_factory=list)
    incidents: list[m.Incident] = field(default_factory=list)


def _local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(dt.UTC)


def _workday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


class _ClientBuilder:
    def __init__(
        self, p: Profile, index: int, as_of: dt.date, team: dict[str, m.TeamMember], rows: Rows
    ) -> None:
        self.p, self.as_of, self.team, self.rows = p, as_of, team, rows
        self.index = index
        self.rng = random.Random(f"partways-demo-{index}")
        self.start = as_of.replace(day=1) - relativedelta(months=p.months - 1)
        self.as_of_utc = _local(as_of, 23, 59)

    def bad(self, month: dt.date) -> bool:
        if self.p.bad_months is None:
            return True
        since: dt.date = self.as_of.replace(day=1) - relativedelta(months=self.p.bad_months)
        return month > since

    def text(self, kind: str, project: str) -> str:
        return self.rng.choice(PHRASES[self.p.lang][kind]).format(p=project)

    def build(self) -> m.Client:
        p = self.p
        street, town = DEMO_ADDRESSES.get(p.lang, DEMO_ADDRESSES["en"])
        client = m.Client.objects.create(
            name=p.name,
            language=p.lang,
            created_on=self.start,
            manager=self.team[p.manager],
            # The postal address its letters go to (made up; not drawn from the random
            # stream, so the demo's history stays as it was).
            address=f"{street.format(n=10 + self.index * 3)}\n{town}",
        )
        slug = "".join(ch for ch in p.name.lower() if ch.isalnum())[:16]
        contact = self.rng.choice(CONTACT_NAMES.get(p.lang, CONTACT_NAMES["en"]))
        gender, latin = CONTACT_FORMS[contact]
        m.Contact.objects.create(
            client=client,
            name=contact,
            email=f"office@{slug}.example",
            is_primary=True,
            gender=gender,
            latin_name=latin,
        )
        title, clause, _ = CONTRACT_WORDS.get(p.lang, CONTRACT_WORDS["en"])
        anniversary = self.start + relativedelta(years=1)
        while anniversary <= self.as_of:
            anniversary += relativedelta(years=1)
        m.Contract.objects.create(
            client=client,
            title=title,
            start=self.start,
            signed_on=self.start - dt.timedelta(days=7),
            end=anniversary - dt.timedelta(days=1),
            auto_renew=True,
            notice_days=30,
            termination_clause=clause,
            ending=m.Contract.Ending.TERM_END,
            scope="Design and development services as agreed in each statement of work.",
            reply_window_hours=48,
            main_channel="email",
            currency=p.currency,
            payment_terms_days=30,
        )
        projects = [
            m.Project.objects.create(client=client, name=name)
            for name in self.rng.sample(PROJECT_NAMES, 2)
        ]
        self.first_entry = len(self.rows.time)
        month = self.start
        n_months = 0
        while month <= self.as_of:
            self.month(client, projects[n_months % 2], month)
            month += relativedelta(months=1)
            n_months += 1
        self.invoice_history(client)
        self.recent_trouble(client)
        return client

    def month(self, client: m.Client, project: m.Project, month: dt.date) -> None:
        p, rng, bad = self.p, self.rng, self.bad(month)
        last_day = min(month + relativedelta(months=1) - dt.timedelta(days=1), self.as_of)
        days = [
            d
            for d in (month + dt.timedelta(days=i) for i in range((last_day - month).days + 1))
            if d.weekday() < 5
        ]
        if not days:
            return
        hours = p.hours * rng.uniform(0.85, 1.15) * len(days) / 21.7
        billable = p.billable if bad else 0.92
        people = [t for t in self.team.values() if t.role != "owner"]
        while hours > 0:
            chunk = min(hours, rng.choice((1.0, 1.5, 2.0, 3.0, 4.0)))
            hours -= chunk
            day = rng.choice(days)
            is_billable = rng.random() < billable
            self.rows.time.append(
                m.TimeEntry(
                    client=client,
                    project=project,
                    person=rng.choice(people).name,
                    started_at=_local(day, rng.randint(9, 14)),
                    duration_seconds=int(chunk * 3600),
                    billable=is_billable,
                    bill_rate_minor=p.rate if is_billable else 0,
                    currency=p.currency,
                    description=f"{project.name}: work session",
                )
            )
        if p.expenses and bad:
            self.rows.expenses.append(
                m.Expense(
                    client=client,
                    project=project,
                    spent_on=rng.choice(days),
                    amount_minor=int(p.expenses * rng.uniform(0.8, 1.2)),
                    currency="EUR",
                    description="Printing and stock photography",
                )
            )
        self.conversation(client, project.name, days, bad)
        self.meeting(client, rng.choice(days), bad)
        # Clients who reject a lot also get more proposals put to them.
        rounds = 2 if bad and p.reject > 0.3 else int(rng.random() < 0.6)
        for _ in range(rounds):
            self.proposal(client, project, rng.choice(days), bad)

    def conversation(self, client: m.Client, project: str, days: list[dt.date], bad: bool) -> None:
        p, rng = self.p, self.rng
        mix = p.mix if bad else {}
        reply = p.reply_hours if bad else (1, 20)
        per_month = p.bad_messages if bad and p.bad_messages else p.messages
        for _ in range(max(1, per_month + rng.randint(-2, 2))):
            day = rng.choice(days)
            ours = _local(day, rng.randint(9, 15), rng.randint(0, 59))
            self.message(client, "out", ours, self.text("ours", project))
            if bad and rng.random() < p.unanswered:
                continue
            sent = ours + dt.timedelta(hours=rng.uniform(*reply))
            late = bad and rng.random() < p.after_hours
            sent = self.client_time(sent, late)
            if sent > self.as_of_utc:
                continue
            kind = "neutral"
            draw = rng.random()
            for k, share in mix.items():
                if draw < share:
                    kind = k
                    break
                draw -= share
            self.message(client, "in", sent, self.text(kind, project))

    def client_time(self, when: dt.datetime, after_hours: bool) -> dt.datetime:
        local = when.astimezone(TZ)
        if after_hours:
            local = local.replace(
                hour=self.rng.choice((21, 22, 23)), minute=self.rng.randint(0, 59)
            )
        elif local.weekday() >= 5 or not 9 <= local.hour < 17:
            day = _workday(local.date() + dt.timedelta(days=1 if local.hour >= 17 else 0))
            local = dt.datetime(
                day.year,
                day.month,
                day.day,
                self.rng.randint(9, 16),
                self.rng.randint(0, 59),
                tzinfo=TZ,
            )
        return local.astimezone(dt.UTC)

    def message(
        self,
        client: m.Client,
        direction: str,
        when: dt.datetime,
        text: str,
        recipient: m.TeamMember | None = None,
    ) -> None:
        author = "Studio Horvat" if direction == "out" else f"Contact at {client.name}"
        self.rows.messages.append(
            m.Message(
                client=client,
                direction=direction,
                channel="email",
                sent_at=when,
                author=author,
                recipient=recipient,
                # What the loader reads to tell mail to staff from mail to the owner.
                recipients=recipient.email if recipient else "",
                thread_key=f"{client.pk}-{when:%Y%m}",
                text=text,
                subject=text[:60],
            )
        )

    def meeting(self, client: m.Client, day: dt.date, bad: bool) -> None:
        p, rng = self.p, self.rng
        draw = rng.random()
        status = "no_show" if bad and draw < p.no_show else "held"
        prepared = None if status != "held" else not (bad and rng.random() < p.unprepared)
        self.rows.meetings.append(
            m.Meeting(
                client=client,
                title="Monthly check-in",
                starts_at=_local(day, 11),
                status=status,
                client_prepared=prepared,
                is_check_in=True,
            )
        )

    def proposal(self, client: m.Client, project: m.Project, day: dt.date, bad: bool) -> None:
        p, rng = self.p, self.rng
        slow = p.unprepared > 0 and bad
        decided = day + dt.timedelta(days=rng.randint(20, 45) if slow else rng.randint(2, 9))
        rejected = rng.random() < (p.reject if bad else 0.12)
        if decided > self.as_of:
            outcome, decided_on, reason = "pending", None, ""
        elif rejected:
            outcome = rng.choice(("rejected", "revision"))
            decided_on = decided
            reason = (
                self.text("vague", project.name)
                if bad and rng.random() < p.vague
                else rng.choice(FEEDBACK_CONCRETE[p.lang])
            )
        else:
            outcome, decided_on, reason = "accepted", decided, ""
        self.rows.proposals.append(
            m.Proposal(
                client=client,
                kind=rng.choice(("recommendation", "deliverable")),
                title=f"{project.name.capitalize()}: proposal {day:%b %Y}",
                submitted_on=day,
                decided_on=decided_on,
                outcome=outcome,
                reason=reason,
                revision_round=rng.randint(2, 4) if outcome == "revision" else 1,
            )
        )

    def invoice_history(self, client: m.Client) -> None:
        p, rng = self.p, self.rng
        by_month: dict[dt.date, int] = {}
        # Only this client's entries: the shared list holds every client's.
        for t in self.rows.time[self.first_entry :]:
            if t.billable:
                key = t.started_at.astimezone(TZ).date().replace(day=1)
                by_month[key] = (
                    by_month.get(key, 0) + t.bill_rate_minor * t.duration_seconds // 3600
                )
        months = sorted(k for k in by_month if k + relativedelta(months=1) <= self.as_of)
        for i, month in enumerate(months):
            issued = month + relativedelta(months=1)
            due = issued + dt.timedelta(days=30)
            from_end = len(months) - i
            # Paying late is judged by when an invoice falls due, not when the work was done.
            bad = self.bad(due.replace(day=1))
            delay = rng.randint(*(p.pay_delay if bad else (-6, 1)))
            invoice = m.Invoice(
                client=client,
                number=f"SH-{issued:%Y%m}-{client.pk:03d}",
                issued_on=issued,
                due_on=due,
                amount_minor=by_month[month],
                currency=p.currency,
                disputed=bad and from_end <= p.disputed_last,
                reminders_sent=0 if delay <= 7 else (1 if delay <= 30 else 2),
            )
            paid_on = due + dt.timedelta(days=delay)
            payments = []
            if paid_on <= self.as_of and not (bad and from_end <= p.unpaid_last):
                payments.append(
                    m.Payment(
                        client=client,
                        paid_on=paid_on,
                        amount_minor=by_month[month],
                        currency=p.currency,
                        method="bank transfer",
                    )
                )
            self.rows.invoices.append((invoice, payments))

    def recent_trouble(self, client: m.Client) -> None:
        p, rng = self.p, self.rng
        recent = [self.as_of - dt.timedelta(days=d) for d in range(5, 80, 9)]
        for day in recent[: p.to_staff_abuse]:
            self.message(
                client,
                "in",
                _local(_workday(day), 15),
                self.text("abuse", "the project"),
                recipient=self.team["omar@studio-horvat.example"],
            )
        for kind, reporter, note in p.incidents:
            member = self.team[reporter]
            self.rows.incidents.append(
                m.Incident(
                    client=client,
                    kind=kind,
                    reporter=member,
                    severity="high",
                    occurred_at=_local(_workday(recent[1]), 14),
                    note=note,
                )
            )
        for i in range(max(p.compress, p.out_of_scope)):
            due = self.as_of + dt.timedelta(days=10 + 7 * i)
            self.rows.deliverables.append(
                m.Deliverable(
                    client=client,
                    title=f"Extra request {i + 1}",
                    status="in_progress",
                    requested_on=recent[i],
                    due=due,
                    original_due=due + dt.timedelta(days=14) if i < p.compress else None,
                    in_scope=i >= p.out_of_scope,
                    paid_for=False,
                )
            )
        self.rows.deliverables.append(
            m.Deliverable(
                client=client,
                title="Quarterly report",
                status="delivered",
                requested_on=self.as_of - dt.timedelta(days=60),
                due=self.as_of - dt.timedelta(days=20),
                delivered_on=self.as_of - dt.timedelta(days=22),
                paid_for=True,
            )
        )
        self.rows.deliverables.append(
            m.Deliverable(
                client=client,
                title=CONTRACT_WORDS.get(self.p.lang, CONTRACT_WORDS["en"])[2],
                status="in_progress",
                requested_on=self.as_of - dt.timedelta(days=15),
                due=self.as_of + dt.timedelta(days=25),
                paid_for=rng.random() < 0.5,
            )
        )
        if p.flag:
            m.ClientFlag.objects.create(
                client=client,
                kind="not_a_fit",
                reason=p.flag,
                created_on=self.as_of - dt.timedelta(days=12),
            )
        if p.repair_plan_baseline is not None:
            m.RepairPlan.objects.create(
                client=client,
                opened_on=self.as_of - dt.timedelta(days=80),
                review_on=self.as_of - dt.timedelta(days=10),
                baseline_score=p.repair_plan_baseline,
                strategies=["channel_cadence", "new_agreement"],
                notes="Weekly check-in and a new agreement with a revision limit.",
            )


def _save(rows: Rows) -> None:
    m.TimeEntry.objects.bulk_create(rows.time, batch_size=2000)
    m.Expense.objects.bulk_create(rows.expenses)
    m.Invoice.objects.bulk_create([i for i, _ in rows.invoices], batch_size=2000)
    payments = []
    for invoice, pays in rows.invoices:
        for pay in pays:
            pay.invoice = invoice
            payments.append(pay)
    m.Payment.objects.bulk_create(payments, batch_size=2000)
    m.Message.objects.bulk_create(rows.messages, batch_size=2000)
    m.Meeting.objects.bulk_create(rows.meetings)
    m.Proposal.objects.bulk_create(rows.proposals)
    m.Deliverable.objects.bulk_create(rows.deliverables)
    m.Incident.objects.bulk_create(rows.incidents)


def build_demo(
    as_of: dt.date, replace: bool = False, progress: Callable[[str], None] | None = None
) -> int:
    """Fill the database with the demo agency as of ``as_of``; return the client count.

    Raises :class:`DemoExists` when the database already holds clients and ``replace``
    is false; with ``replace`` every client and its records are deleted first.
    """
    with transaction.atomic():
        existing = m.Client.objects.count()
        if existing and not replace:
            raise DemoExists(f"the database already holds {existing} clients")
        if replace:
            m.Client.objects.all().delete()
            # People with a web log-in stay (their log-in would lose its role otherwise).
            m.TeamMember.objects.filter(user__isnull=True).delete()
            m.ExchangeRate.objects.all().delete()
        settings = m.BusinessSettings.load()
        settings.name = "Studio Horvat"
        # The letterhead of its formal letters (a Croatian simple limited company).
        settings.legal_name = "Studio Horvat j.d.o.o."
        settings.address = "Ilica 42\n10000 Zagreb\nCroatia"
        settings.registration = "OIB 12345678903"
        settings.place = "Zagreb"
        settings.phone = "+385 1 4567 890"
        settings.email = "hello@studio-horvat.example"
        settings.time_zone = "Europe/Zagreb"
        settings.work_start, settings.work_end = dt.time(9), dt.time(17)
        settings.work_days = "0,1,2,3,4"
        settings.base_currency = "EUR"
        settings.target_hourly_rate_minor = 8000
        settings.default_cost_rate_minor = 3500
        settings.thresholds = {}
        # The demo agency is set up: its owner goes straight to the portfolio.
        settings.currency_chosen = True
        settings.configured_at = settings.configured_at or dt.datetime.now(dt.UTC)
        settings.save()
        # The demo's own rates replace any the workspace had for these currencies
        # (set with `partways rate` before the demo was built); others stay.
        for cur, rate in EXCHANGE_RATES.items():
            set_rate(cur, rate)
        team = {
            email: m.TeamMember.objects.get_or_create(
                email=email, defaults={"name": name, "role": role, "job_title": JOB_TITLES[role]}
            )[0]
            for name, email, role in TEAM
        }
        rows = Rows()
        all_profiles = profiles()
        for i, p in enumerate(all_profiles):
            if progress:
                progress(p.name)
            _ClientBuilder(p, i, as_of, team, rows).build()
        if progress:
            progress("saving")
        _save(rows)
        # The demo's messages are read by the same analyzer as imported ones.
        analyze_messages()
    return len(all_profiles)
