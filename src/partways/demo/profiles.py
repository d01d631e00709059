"""The demo agency's clients: most healthy, some showing each warning sign.

Each profile is a set of knobs. ``bad_months`` limits the bad behaviour to the most
recent months (an acute problem); ``None`` means the whole relationship (chronic).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    name: str
    lang: str = "en"
    currency: str = "EUR"
    months: int = 26  # length of the relationship so far
    hours: float = 30.0  # hours a month
    billable: float = 0.92
    rate: int = 9000  # bill rate, minor units of ``currency`` per hour
    pay_delay: tuple[int, int] = (-6, 1)  # days after due date
    unpaid_last: int = 0  # the last N invoices are still unpaid
    disputed_last: int = 0
    messages: int = 8  # client messages a month
    bad_messages: int | None = None  # client messages a month while things go wrong
    mix: dict[str, float] = field(default_factory=dict)  # share of each kind of message
    to_staff_abuse: int = 0  # abusive messages to a staff member, recent months
    after_hours: float = 0.05
    reply_hours: tuple[int, int] = (1, 20)
    unanswered: float = 0.0
    unprepared: float = 0.0
    no_show: float = 0.0
    reject: float = 0.12
    vague: float = 0.0
    compress: int = 0  # deadlines pulled in (recent)
    out_of_scope: int = 0  # out-of-scope deliverables requested (recent)
    incidents: tuple[tuple[str, str, str], ...] = ()  # (kind, reporter email, note)
    flag: str | None = None  # reason for a "not a fit" flag
    repair_plan_baseline: float | None = None  # an open plan past its review date
    bad_months: int | None = None
    expenses: int = 0  # expenses a month, minor units of EUR
    manager: str = "dewi@studio-horvat.example"


HEALTHY_NAMES = [
    ("Adriatic Yachting d.o.o.", "hr", "EUR"),
    ("Borealis Analytics Ltd", "en", "EUR"),
    ("PT Cahaya Nusantara", "id", "IDR"),
    ("Dalmatia Olive Co.", "hr", "EUR"),
    ("Emerald Dental Group", "en", "USD"),
    ("Fjord & Pine Studio", "en", "EUR"),
    ("Gulf Horizon Trading LLC", "ar", "AED"),
    ("Harbour Logistics GmbH", "en", "EUR"),
    ("Istra Wines d.o.o.", "hr", "EUR"),
    ("Jaya Makmur Tbk", "id", "IDR"),
    ("Kestrel Outdoor Gear", "en", "USD"),
    ("Lumen Health Clinics", "en", "EUR"),
    ("Mediterranean Tours", "hr", "EUR"),
    ("Nusa Batik Collective", "id", "IDR"),
    ("Oasis Hospitality Group", "ar", "AED"),
    ("Pannonia Agro d.d.", "hr", "EUR"),
    ("Quarry Lane Architects", "en", "EUR"),
    ("Riverside Bakery", "en", "EUR"),
    ("Sinar Digital Indonesia", "id", "IDR"),
    ("Tigris Consulting", "ar", "USD"),
    ("Una Solar d.o.o.", "hr", "EUR"),
    ("Velvet Fox Cosmetics", "en", "EUR"),
    ("Westgate Legal LLP", "en", "EUR"),
    ("Zagreb City Cycling", "hr", "EUR"),
    ("Al Noor Bookshop", "ar", "AED"),
    ("Bali Surf Academy", "id", "IDR"),
    ("Crescent Engineering", "ar", "USD"),
    ("Delta Marine Supplies", "en", "EUR"),
]

RATES = {"EUR": 9000, "USD": 9800, "AED": 36000, "IDR": 150_000_000}


def _rate(currency: str, factor: float = 1.0) -> int:
    return int(RATES[currency] * factor)


def profiles() -> list[Profile]:
    """The 45 demo clients, in a fixed order (the demo is deterministic)."""
    out = [
        Profile(
            name=n,
            lang=lang,
            currency=cur,
            rate=_rate(cur),
            months=14 + (i * 7) % 13,
            hours=15 + (i * 11) % 30,
        )
        for i, (n, lang, cur) in enumerate(HEALTHY_NAMES)
    ]
    out += [
        # Takes far more time than it pays for, slow decisions, unprepared: a time sink.
        Profile(
            "Grandview Property Management",
            hours=70,
            billable=0.45,
            rate=_rate("EUR", 0.8),
            unprepared=0.6,
            no_show=0.2,
            mix={"negative": 0.25, "vague": 0.1},
            reject=0.5,
            vague=0.7,
            expenses=40000,
        ),
        # Rejects most recommendations, feedback vague: "not quite it".
        Profile("Meridian Fashion House", lang="hr", reject=0.6, vague=0.8, mix={"vague": 0.2}),
        # Belittles the team and is gloomy about everything.
        Profile("Ironclad Security Systems", mix={"disrespect": 0.3, "negative": 0.4}),
        # Hardly answers: messages wait days or forever.
        Profile(
            "Quiet Pines Resort",
            lang="id",
            currency="IDR",
            rate=_rate("IDR"),
            reply_hours=(90, 200),
            unanswered=0.3,
            no_show=0.3,
            messages=4,
        ),
        # Often negative (about one message in five), otherwise fine: watch. A quarter
        # or more, month after month, would be a medium sign that lasts: a repair.
        Profile("Greyfield Insurance", mix={"negative": 0.19}),
        # Low price, heavy expenses: the margin is gone.
        Profile("Sunrise Catering Co.", rate=_rate("EUR", 0.42), hours=45, expenses=60000),
        # Verbal abuse toward the owner, with a reported incident: end now.
        Profile(
            "Kovač Gradnja d.o.o.",
            lang="hr",
            bad_months=4,
            mix={"abuse": 0.2, "demand": 0.3},
            incidents=(
                (
                    "abuse_to_you",
                    "maja@studio-horvat.example",
                    "Shouted and swore at me during the review call.",
                ),
            ),
        ),
        # Shouts at a staff member: end now.
        Profile(
            "PT Sentosa Abadi",
            lang="id",
            currency="IDR",
            rate=_rate("IDR"),
            to_staff_abuse=3,
            bad_months=3,
            incidents=(
                (
                    "abuse_to_staff",
                    "omar@studio-horvat.example",
                    "Called me names on a call and threatened to have me fired.",
                ),
            ),
        ),
        # Asks for back-dated contracts and fake reviews: end now.
        Profile(
            "Silverline Supplements",
            mix={"unethical_request": 0.15},
            bad_months=3,
            incidents=(
                (
                    "unethical",
                    "maja@studio-horvat.example",
                    "Asked us to publish fake customer reviews.",
                ),
            ),
        ),
        # Pays late with excuses, some invoices disputed: payment risk.
        Profile(
            "Al Waha Real Estate",
            lang="ar",
            currency="AED",
            rate=_rate("AED"),
            pay_delay=(25, 60),
            unpaid_last=2,
            disputed_last=1,
            mix={"payment_excuse": 0.2},
        ),
        # Writes at midnight and on Sundays, everything urgent.
        Profile("Nightjar Media", after_hours=0.7, mix={"demand": 0.3}),
        # Both sides have moved on: flagged by hand.
        Profile(
            "Little Acorn Nursery",
            hours=6,
            flag="Their needs have outgrown a small "
            "studio: they now need a full-service agency with an in-house video team.",
        ),
        # A good client in a hard time: the last two months went wrong (acute).
        Profile(
            "Harmoni Kopi Nusantara",
            lang="id",
            currency="IDR",
            rate=_rate("IDR"),
            bad_months=2,
            bad_messages=20,
            # A hard time of their own behind it: what makes the trouble acute [003 #3].
            mix={"hardship": 0.04, "negative": 0.66, "payment_excuse": 0.2},
            pay_delay=(40, 50),
            unpaid_last=2,
        ),
        # A repair plan was tried; nothing improved by its review date.
        Profile(
            "Beacon Fitness Chain",
            billable=0.6,
            rate=_rate("EUR", 0.85),
            mix={"negative": 0.3, "demand": 0.2},
            pay_delay=(10, 25),
            repair_plan_baseline=8.0,
        ),
        # Scope creep and pulled-in deadlines, with a reported unreasonable demand.
        Profile(
            "Orbit Apps Ltd",
            mix={"out_of_scope": 0.3, "demand": 0.2},
            compress=3,
            out_of_scope=3,
            incidents=(
                (
                    "unreasonable_demand",
                    "luka@studio-horvat.example",
                    "Demanded a full redesign in two days, unpaid.",
                ),
            ),
        ),
        # Middling on several fronts for months: not progressing.
        Profile(
            "Cedar & Stone Interiors",
            lang="ar",
            currency="USD",
            rate=_rate("USD", 0.85),
            billable=0.7,
            pay_delay=(5, 20),
            mix={"negative": 0.22},
            after_hours=0.3,
            reply_hours=(30, 80),
        ),
        # Two mild worries: watch.
        Profile("Blue Lagoon Events", lang="hr", after_hours=0.26, pay_delay=(2, 12)),
    ]
    return out
