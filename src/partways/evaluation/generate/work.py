"""Hours, invoices and payments: the money side of a client's history.

Invoices are issued on the month's last working day for the billable hours of that
month at the client's rate, so the time tracker and the invoicing tool agree the way
a tidy agency's do. Payments follow the client's mood at the due date.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from partways.evaluation.generate import vocab
from partways.evaluation.generate.builder import ClientBuilder
from partways.evaluation.model import Invoice, Message, Payment, TimeEntry

_BASE_HOURS = 30.0
_CHUNKS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0)
_CHUNK_WEIGHTS = (4, 3, 8, 3, 7, 8, 6, 6, 4, 4, 2, 1)
_CENT = Decimal("0.01")


def month_starts(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from ``first``'s month to ``last``'s, inclusive."""
    out = []
    day = first.replace(day=1)
    while day <= last:
        out.append(day)
        day = next_month(day)
    return out


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _money(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


def build_time(b: ClientBuilder, projects: list[str]) -> dict[dt.date, float]:
    """Time entries month by month; returns billable hours per month start."""
    rng, clock, plan = b.rng, b.clock, b.plan
    billable_tasks, other_tasks = vocab.TASKS[b.agency.language]
    billable: dict[dt.date, float] = {}
    for month in month_starts(b.start, clock.last_day):
        end = next_month(month) - dt.timedelta(days=1)
        days = clock.work_days_between(max(month, b.start), end)
        full = len(clock.work_days_between(month, end)) or 1
        if not days:
            continue
        mood = plan.mood(days[len(days) // 2])
        if not mood.active:
            continue
        share = len(days) / max(full, len(days))
        target = _BASE_HOURS * plan.size * mood.hours * share * rng.uniform(0.85, 1.15)
        extra = target * plan.nonbillable / (1 - plan.nonbillable)
        billable[month] = 0.0
        for is_billable, goal in ((True, target), (False, extra)):
            done = 0.0
            while done < goal - 0.25:
                hours = min(rng.choices(_CHUNKS, _CHUNK_WEIGHTS)[0], goal - done + 0.5)
                hours = max(0.25, round(hours * 4) / 4)
                day = rng.choice(days)
                room = clock.end_min - clock.start_min - int(hours * 60)
                minute = clock.start_min + (rng.randint(0, max(0, room)) // 15) * 15
                person = rng.choice(b.staff) if b.staff and rng.random() < 0.7 else b.lead
                item = rng.choice(b.owner_items)
                entry = TimeEntry(
                    started_at=clock.at(day, minute),
                    hours=hours,
                    person=person,
                    billable=is_billable,
                    project=rng.choice(projects),
                    task=rng.choice(billable_tasks if is_billable else other_tasks),
                    note=item if rng.random() < 0.6 else "",
                )
                b.client.time_entries.append(entry)
                done += hours
                if is_billable:
                    billable[month] += hours
    return billable


def build_invoices(
    b: ClientBuilder,
    billable: dict[dt.date, float],
    number_of: dict[dt.date, str],
    late_override: dict[dt.date, int],
) -> None:
    """One invoice per month with billable hours, its payments, reminders and excuses."""
    rng, clock, plan, client = b.rng, b.clock, b.plan, b.client
    rate = client.hourly_rate
    # A losing client pays a fixed fee set when the work looked smaller.
    retainer = _money(_BASE_HOURS * plan.size * float(rate) * plan.billed_share)
    writeoffs = set(rng.sample(sorted(billable), min(plan.writeoffs, len(billable))))
    for month, hours in sorted(billable.items()):
        issued = clock.work_day_on_or_before(
            min(next_month(month) - dt.timedelta(days=1), clock.last_day)
        )
        if issued < b.start or hours <= 0:
            continue
        amount = retainer if plan.billed_share < 1 else _money(Decimal(str(hours)) * rate)
        terms = client.contract.payment_terms_days
        invoice = Invoice(
            number=number_of[month],
            issued_on=issued,
            due_on=issued + dt.timedelta(days=terms),
            amount=amount,
            currency=client.currency,
        )
        if month in writeoffs:
            invoice.written_off = _money(amount * Decimal(str(rng.uniform(0.15, 0.4))))
        client.invoices.append(invoice)
        slots = {
            "invoice": invoice.number,
            "month": b.month_text(month),
            "amount": b.amount_text(amount),
        }
        sent = b.send(
            clock.work_moment(issued, rng),
            "out",
            "invoice",
            author=b.agency.owner if rng.random() < 0.5 else b.lead,
            to=[b.billing_contact()],
            channel="email",
            subject=b.subject("invoice", slots),
            slots=slots,
        )
        _pay(b, invoice, sent, late_override.get(month))


def _pay(b: ClientBuilder, invoice: Invoice, sent: Message | None, forced_late: int | None) -> None:
    rng, clock = b.rng, b.clock
    mood = b.plan.mood(invoice.due_on)
    owed = invoice.amount - invoice.written_off
    terms = (invoice.due_on - invoice.issued_on).days
    if forced_late is not None:
        late = forced_late
    elif rng.random() < mood.late_p:
        late = rng.randint(*mood.late_days)
    else:
        late = rng.randint(-min(terms - 3, 10), 1)
    paid = clock.work_day_on_or_after(invoice.due_on + dt.timedelta(days=late))
    paid = max(paid, invoice.issued_on + dt.timedelta(days=2))
    # Reminders every two weeks or so from a week past due, while it stays unpaid.
    reminders: list[dt.date] = []
    nudge = invoice.due_on + dt.timedelta(days=rng.randint(5, 8))
    while nudge < paid and nudge <= clock.last_day and len(reminders) < 4:
        reminders.append(clock.work_day_on_or_after(nudge))
        nudge += dt.timedelta(days=rng.randint(12, 16))
    if forced_late is not None:
        reminders = reminders[:1]
    previous: Message | None = None
    for n, day in enumerate(reminders):
        when = clock.work_moment(day, rng)
        days = (day - invoice.due_on).days
        slots = {"invoice": invoice.number, "amount": b.amount_text(owed), "days": days}
        contact = [b.billing_contact()]
        if previous is None:
            subject = b.subject("reminder", slots)
            message = b.send(
                when, "out", "reminder", to=contact, channel="email", subject=subject, slots=slots
            )
        else:
            message = b.send(when, "out", "reminder", reply_to=previous, to=contact, slots=slots)
        previous = message or previous
        if rng.random() < mood.excuse_p:
            b.reply(message, "excuse", mood=mood)
        elif n == 0 and rng.random() < 0.6:
            b.reply(message, "pay_soon", mood=mood)
    if paid > clock.last_day:
        return  # still open on the day of the triage
    if rng.random() < 0.06 and owed > 10:
        first = _money(owed * Decimal(str(rng.choice((0.4, 0.5, 0.6)))))
        second_day = clock.work_day_on_or_after(paid + dt.timedelta(days=rng.randint(7, 20)))
        invoice.payments.append(Payment(paid, first))
        if second_day <= clock.last_day:
            invoice.payments.append(Payment(second_day, owed - first))
        return
    invoice.payments.append(Payment(paid, owed))
