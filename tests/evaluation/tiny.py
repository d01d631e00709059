"""A small hand-built agency: four clients over two months, in every export format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from partways.evaluation.model import (
    Agency,
    Client,
    Contract,
    Flag,
    Incident,
    Invoice,
    Meeting,
    Message,
    Payment,
    Person,
    Proposal,
    TimeEntry,
)

UTC = dt.UTC
AS_OF = dt.date(2026, 3, 31)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), UTC)


def _contract(reply: int | None = 48) -> Contract:
    return Contract(
        start=dt.date(2025, 6, 1),
        end=dt.date(2026, 5, 31),
        notice_days=30,
        reply_window_hours=reply,
        main_channel="email",
        payment_terms_days=30,
        scope="Website upkeep",
    )


def _workdays() -> list[dt.date]:
    day, out = dt.date(2026, 2, 2), []
    while day <= AS_OF:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def tiny_agency(
    time: str = "harvest", invoices: str = "invoiceninja", mail: str = "maildir"
) -> Agency:
    owner = Person("Ana Kovač", "ana@studio.example", "owner", "UANA0001")
    staff = Person("Marko Horvat", "marko@studio.example", "staff", "UMARKO01")
    team = [owner, staff]
    agency = Agency(
        slug="tiny",
        name="Studio Primjer",
        held_out=False,
        language="hr",
        time_zone="Europe/Zagreb",
        base_currency="EUR",
        work_start=dt.time(9),
        work_end=dt.time(17),
        work_days=(0, 1, 2, 3, 4),
        target_hourly_rate_minor=8000,
        default_cost_rate_minor=3500,
        own_domain="studio.example",
        team=team,
        exchange_rates={"USD": Decimal("0.92"), "EUR": Decimal(1)},
        as_of=AS_OF,
        formats={
            "time": time,  # type: ignore[dict-item]
            "invoices": invoices,  # type: ignore[dict-item]
            "mail": mail,  # type: ignore[dict-item]
            "chat": "slack",
            "calendar": "ics",
        },
    )
    specs = [
        ("Kvarner Web d.o.o.", "healthy_steady", "hr", "EUR", "HR", "kvarner.example"),
        ("PT Maju Jaya", "unethical_incident", "id", "USD", "ID", "majujaya.example"),
        ("Northwind Ltd", "not_a_fit", "en", "EUR", "GB", "northwind.example"),
        ("Dar Al Noor", "payment_risk", "ar", "USD", "AE", "alnoor.example"),
    ]
    for n, (name, pattern, lang, cur, country, domain) in enumerate(specs):
        first = name.split()[0].lower().strip(".")
        contact = Person(f"Contact {n}", f"{first}@{domain}", None, f"UCLIENT{n}")
        client = Client(
            name=name,
            pattern=pattern,
            language=lang,
            currency=cur,
            country=country,
            domain=domain,
            contacts=[contact],
            contract=_contract(),
            hourly_rate=Decimal("90"),
        )
        for i, day in enumerate(_workdays()[::3]):
            client.time_entries.append(
                TimeEntry(at(day, 8 + n), 2.5, staff if i % 2 else owner, i % 4 != 0, "Website")
            )
        for month in (2, 3):
            issued = dt.date(2026, month, 1)
            inv = Invoice(
                f"{n}-{month:02d}", issued, issued + dt.timedelta(days=30), Decimal("1200.00"), cur
            )
            late = pattern == "payment_risk"
            paid_on = issued + dt.timedelta(days=75 if late else 20)
            if paid_on <= AS_OF:
                inv.payments.append(Payment(paid_on, Decimal("1200.00")))
            if pattern == "healthy_steady" and month == 2:
                inv.written_off = Decimal("200.00")
                inv.payments = [Payment(issued + dt.timedelta(days=20), Decimal("1000.00"))]
            client.invoices.append(inv)
        q = Message(
            at(dt.date(2026, 3, 2), 9),
            "out",
            owner,
            [contact],
            "Could you approve the new homepage draft?",
            subject="Homepage draft",
            thread="t1",
            kind="question",
        )
        a = Message(
            at(dt.date(2026, 3, 2), 13),
            "in",
            contact,
            [owner],
            "Looks good, approved. Thank you!",
            thread="t1",
            reply_to=q,
        )
        c1 = Message(
            at(dt.date(2026, 3, 3), 10),
            "in",
            contact,
            [owner, staff],
            "Hi all, the new banner is live and looks great.",
            channel="chat",
        )
        c2 = Message(
            at(dt.date(2026, 3, 3), 10, 30),
            "out",
            staff,
            [contact, owner],
            "@Ana Kovač thanks, I will check it too.",
            channel="chat",
            reply_to=c1,
            mentions=[owner],
        )
        update = Message(
            at(dt.date(2026, 3, 5), 8),
            "in",
            contact,
            [staff],
            "Quick update for the team.\nFrom next week we are in the new office.",
            subject="Office move",
            cc=[owner],
        )
        client.messages += [q, a, c1, c2, update]
        client.meetings.append(
            Meeting(at(dt.date(2026, 3, 10), 9), 45, "Monthly check-in", [owner, contact])
        )
        client.meetings.append(
            Meeting(at(dt.date(2026, 2, 10), 9), 45, "Planning", [owner, contact], cancelled=True)
        )
        client.proposals.append(
            Proposal(
                "recommendation",
                "Move to a faster host",
                dt.date(2026, 2, 15),
                dt.date(2026, 2, 20),
                "accepted",
            )
        )
        if pattern == "unethical_incident":
            client.incidents.append(
                Incident(
                    "unethical",
                    owner.name,
                    "high",
                    at(dt.date(2026, 3, 20), 15),
                    "Asked us to falsify invoices for a grant claim.",
                )
            )
        if pattern == "not_a_fit":
            client.flags.append(
                Flag("not_a_fit", "Their needs outgrew what we do.", dt.date(2026, 3, 15))
            )
        agency.clients.append(client)
    return agency
