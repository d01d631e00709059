"""The five generated agencies: who they are, their week, their tools, their clients.

Three are for tuning, two are held out. Across the tuning three every pattern of the
catalog appears at least once, and across the held-out two as well; at least a third
of each agency's clients is healthy. Both groups have clients who write Arabic (Gulf
clients of the London and Jakarta agencies in tuning), each led by a team member who
speaks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from partways.evaluation.model import Format, Role


@dataclass(frozen=True)
class ClientSpec:
    pattern: str
    language: str
    currency: str
    country: str
    months: int | None = None  # a newer client: this many months of history
    chat: bool | None = None  # main channel chat (None: drawn)


@dataclass(frozen=True)
class Member:
    name: str
    role: Role
    speaks: tuple[str, ...]


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    held_out: bool
    language: str
    time_zone: str
    base_currency: str
    work_start: dt.time
    work_end: dt.time
    work_days: tuple[int, ...]
    target_rate: Decimal  # base currency, major units, per hour
    own_domain: str
    team: tuple[Member, ...]
    exchange_rates: dict[str, Decimal]
    as_of: dt.date
    history_months: int
    formats: dict[str, Format]
    invoice_digits: int
    clients: tuple[ClientSpec, ...]


MON_FRI = (0, 1, 2, 3, 4)

LONDON = AgencySpec(
    slug="northlight",
    name="Northlight Studio",
    held_out=False,
    language="en",
    time_zone="Europe/London",
    base_currency="GBP",
    work_start=dt.time(9, 0),
    work_end=dt.time(17, 30),
    work_days=MON_FRI,
    target_rate=Decimal(85),
    own_domain="northlightstudio.co.uk",
    team=(
        Member("Harriet Cole", "owner", ("en",)),
        Member("Owen Price", "manager", ("en",)),
        Member("Rania Khoury", "manager", ("en", "ar")),
        Member("Priya Shah", "staff", ("en",)),
        Member("Tom Weller", "staff", ("en",)),
        Member("Omar Nasser", "staff", ("en", "ar")),
    ),
    exchange_rates={
        "EUR": Decimal("0.86"),
        "USD": Decimal("0.79"),
        "AED": Decimal("0.215"),
        "SAR": Decimal("0.21"),
    },
    as_of=dt.date(2026, 11, 30),
    history_months=17,
    formats={
        "time": "harvest",
        "invoices": "freshbooks",
        "mail": "maildir",
        "chat": "slack",
        "calendar": "ics",
    },
    invoice_digits=7,
    clients=(
        ClientSpec("healthy_one_complaint", "ar", "AED", "AE"),
        ClientSpec("healthy_steady", "en", "GBP", "GB", months=7),
        ClientSpec("healthy_one_complaint", "en", "GBP", "GB"),
        ClientSpec("healthy_urgent_polite", "en", "EUR", "IE"),
        ClientSpec("healthy_quiet_responsive", "en", "GBP", "GB"),
        ClientSpec("healthy_big_demanding_polite", "en", "USD", "US"),
        ClientSpec("healthy_weekend_season", "en", "GBP", "GB"),
        ClientSpec("pessimism", "ar", "SAR", "SA"),
        ClientSpec("healthy_one_late_invoice", "en", "GBP", "GB"),
        ClientSpec("time_vs_value", "en", "GBP", "GB"),
        ClientSpec("losing_money", "en", "GBP", "GB"),
        ClientSpec("low_respect", "en", "GBP", "GB"),
        ClientSpec("mistreats_staff", "en", "GBP", "GB", chat=True),
        ClientSpec("unethical_messages", "en", "USD", "US"),
        ClientSpec("not_a_fit", "en", "EUR", "NL"),
        ClientSpec("acute_spike", "en", "GBP", "GB"),
        ClientSpec("after_hours", "en", "GBP", "GB"),
        ClientSpec("acute_spike", "ar", "AED", "AE"),
    ),
)

JAKARTA = AgencySpec(
    slug="karya",
    name="Karya Digital",
    held_out=False,
    language="id",
    time_zone="Asia/Jakarta",
    base_currency="IDR",
    work_start=dt.time(9, 0),
    work_end=dt.time(17, 0),
    work_days=MON_FRI,
    target_rate=Decimal(350000),
    own_domain="karyadigital.co.id",
    team=(
        Member("Rizky Pratama", "owner", ("id", "en")),
        Member("Dewi Lestari", "manager", ("id", "en")),
        Member("Hasan Alatas", "manager", ("id", "en", "ar")),
        Member("Agus Santoso", "staff", ("id",)),
        Member("Nadia Putri", "staff", ("id", "en")),
        Member("Fajar Hidayat", "staff", ("id", "en")),
        Member("Salma Assegaf", "staff", ("id", "ar")),
    ),
    exchange_rates={"USD": Decimal(16200), "SAR": Decimal(4320)},
    as_of=dt.date(2026, 11, 30),
    history_months=15,
    formats={"time": "toggl", "invoices": "invoiceninja", "mail": "mbox", "calendar": "ics"},
    invoice_digits=4,
    clients=(
        ClientSpec("healthy_steady", "id", "IDR", "ID"),
        ClientSpec("healthy_one_complaint", "id", "IDR", "ID"),
        ClientSpec("healthy_urgent_polite", "id", "IDR", "ID", months=7),
        ClientSpec("healthy_quiet_responsive", "en", "USD", "SG"),
        ClientSpec("healthy_big_demanding_polite", "id", "IDR", "ID"),
        ClientSpec("healthy_weekend_season", "id", "IDR", "ID"),
        ClientSpec("healthy_quiet_month", "en", "IDR", "ID"),
        ClientSpec("healthy_one_late_invoice", "id", "IDR", "ID"),
        ClientSpec("payment_risk", "id", "IDR", "ID"),
        ClientSpec("minimal_communication", "id", "IDR", "ID"),
        ClientSpec("indecisive", "en", "IDR", "ID"),
        ClientSpec("abuse_report_low", "id", "IDR", "ID"),
        ClientSpec("abusive_to_owner", "id", "IDR", "ID"),
        ClientSpec("chronic_problem", "id", "IDR", "ID"),
        ClientSpec("acute_hardship", "id", "IDR", "ID"),
        ClientSpec("unreasonable_demands", "en", "IDR", "ID"),
        ClientSpec("chronic_problem", "ar", "SAR", "SA"),
        ClientSpec("acute_hardship", "ar", "SAR", "SA"),
    ),
)

ZAGREB = AgencySpec(
    slug="pixelkvart",
    name="Pixel Kvart",
    held_out=False,
    language="hr",
    time_zone="Europe/Zagreb",
    base_currency="EUR",
    work_start=dt.time(8, 0),
    work_end=dt.time(16, 0),
    work_days=MON_FRI,
    target_rate=Decimal(55),
    own_domain="pixelkvart.hr",
    team=(
        Member("Ivana Horvat", "owner", ("hr", "en")),
        Member("Marko Babić", "manager", ("hr", "en")),
        Member("Petra Novak", "staff", ("hr", "en")),
        Member("Luka Jurić", "staff", ("hr",)),
    ),
    exchange_rates={},
    as_of=dt.date(2026, 10, 31),
    history_months=16,
    formats={
        "time": "harvest",
        "invoices": "invoiceninja",
        "mail": "maildir",
        "chat": "slack",
        "calendar": "ics",
    },
    invoice_digits=4,
    clients=(
        ClientSpec("healthy_steady", "hr", "EUR", "HR"),
        ClientSpec("healthy_one_complaint", "hr", "EUR", "HR", months=8),
        ClientSpec("healthy_urgent_polite", "hr", "EUR", "HR"),
        ClientSpec("healthy_quiet_responsive", "hr", "EUR", "HR"),
        ClientSpec("healthy_big_demanding_polite", "en", "EUR", "AT"),
        ClientSpec("healthy_weekend_season", "hr", "EUR", "HR"),
        ClientSpec("healthy_quiet_month", "hr", "EUR", "HR"),
        ClientSpec("healthy_one_late_invoice", "en", "EUR", "SI"),
        ClientSpec("rejected_recommendations", "hr", "EUR", "HR"),
        ClientSpec("pessimism", "hr", "EUR", "HR"),
        ClientSpec("staff_report_low", "hr", "EUR", "HR"),
        ClientSpec("unethical_incident", "en", "EUR", "HR"),
        ClientSpec("payment_risk", "hr", "EUR", "HR"),
        ClientSpec("mistreats_staff", "hr", "EUR", "HR"),
        ClientSpec("chronic_problem", "en", "EUR", "AT"),
        ClientSpec("acute_hardship", "hr", "EUR", "HR"),
    ),
)

DUBAI = AgencySpec(
    slug="sahab",
    name="Sahab Marketing",
    held_out=True,
    language="ar",
    time_zone="Asia/Dubai",
    base_currency="AED",
    work_start=dt.time(9, 0),
    work_end=dt.time(18, 0),
    work_days=MON_FRI,
    target_rate=Decimal(400),
    own_domain="sahabmarketing.ae",
    team=(
        Member("خالد المنصوري", "owner", ("ar", "en")),
        Member("ريم الهاشمي", "manager", ("ar", "en")),
        Member("يوسف الكعبي", "manager", ("ar", "en")),
        Member("سارة الشامسي", "staff", ("ar", "en")),
        Member("عمر النعيمي", "staff", ("ar",)),
        Member("Anjali Menon", "staff", ("en",)),
    ),
    exchange_rates={"USD": Decimal("3.6725")},
    as_of=dt.date(2026, 11, 30),
    history_months=14,
    formats={"time": "toggl", "invoices": "freshbooks", "mail": "mbox", "calendar": "ics"},
    invoice_digits=7,
    clients=(
        ClientSpec("healthy_steady", "ar", "AED", "AE"),
        ClientSpec("healthy_one_complaint", "ar", "AED", "AE"),
        ClientSpec("healthy_urgent_polite", "en", "AED", "AE"),
        ClientSpec("healthy_quiet_responsive", "ar", "AED", "SA", months=7),
        ClientSpec("healthy_weekend_season", "ar", "AED", "AE"),
        ClientSpec("healthy_one_late_invoice", "en", "USD", "GB"),
        ClientSpec("time_vs_value", "ar", "AED", "AE"),
        ClientSpec("minimal_communication", "ar", "AED", "QA"),
        ClientSpec("losing_money", "en", "AED", "AE"),
        ClientSpec("payment_risk", "ar", "AED", "AE"),
        ClientSpec("indecisive", "ar", "AED", "AE"),
        ClientSpec("abusive_to_owner", "ar", "AED", "AE"),
        ClientSpec("unethical_incident", "en", "USD", "US"),
        ClientSpec("chronic_problem", "ar", "AED", "SA"),
        ClientSpec("acute_hardship", "ar", "AED", "AE"),
        ClientSpec("staff_report_low", "en", "AED", "AE"),
    ),
)

SYDNEY = AgencySpec(
    slug="southerncross",
    name="Southern Cross Collective",
    held_out=True,
    language="en",
    time_zone="Australia/Sydney",
    base_currency="AUD",
    work_start=dt.time(9, 0),
    work_end=dt.time(17, 0),
    work_days=MON_FRI,
    target_rate=Decimal(150),
    own_domain="sccollective.com.au",
    team=(
        Member("Jess Taylor", "owner", ("en",)),
        Member("Liam O'Brien", "manager", ("en",)),
        Member("Mei Chen", "staff", ("en",)),
        Member("Putu Wirawan", "staff", ("id", "en")),
        Member("Ana Perić", "staff", ("hr", "en")),
        Member("Ahmad Haddad", "staff", ("ar", "en")),
    ),
    exchange_rates={"USD": Decimal("1.52"), "EUR": Decimal("1.65")},
    as_of=dt.date(2026, 11, 30),
    history_months=17,
    formats={
        "time": "harvest",
        "invoices": "freshbooks",
        "mail": "maildir",
        "chat": "slack",
        "calendar": "ics",
    },
    invoice_digits=7,
    clients=(
        ClientSpec("healthy_big_demanding_polite", "en", "AUD", "AU"),
        ClientSpec("healthy_quiet_month", "id", "AUD", "ID"),
        ClientSpec("healthy_steady", "en", "AUD", "AU", months=7),
        ClientSpec("healthy_urgent_polite", "hr", "EUR", "HR"),
        ClientSpec("healthy_weekend_season", "en", "AUD", "NZ"),
        ClientSpec("healthy_quiet_responsive", "ar", "USD", "AE"),
        ClientSpec("rejected_recommendations", "en", "AUD", "AU"),
        ClientSpec("low_respect", "hr", "EUR", "HR"),
        ClientSpec("pessimism", "id", "AUD", "ID"),
        ClientSpec("unreasonable_demands", "en", "AUD", "AU"),
        ClientSpec("after_hours", "ar", "USD", "AE"),
        ClientSpec("abuse_report_low", "en", "AUD", "AU"),
        ClientSpec("mistreats_staff", "en", "AUD", "AU", chat=True),
        ClientSpec("unethical_messages", "id", "AUD", "ID"),
        ClientSpec("not_a_fit", "hr", "EUR", "HR"),
        ClientSpec("acute_spike", "ar", "USD", "AE"),
        ClientSpec("payment_risk", "en", "AUD", "AU"),
    ),
)

AGENCIES: tuple[AgencySpec, ...] = (LONDON, JAKARTA, ZAGREB, DUBAI, SYDNEY)
