"""Building an agency and each of its clients from the specs."""

from __future__ import annotations

import datetime as dt
import random
import string
from decimal import ROUND_HALF_UP, Decimal

from partways.evaluation.generate import plants, records, talk, vocab, work
from partways.evaluation.generate.agencies import AgencySpec, ClientSpec
from partways.evaluation.generate.builder import AgencyContext, ClientBuilder
from partways.evaluation.generate.clock import Clock
from partways.evaluation.generate.phrases import HELD_OUT, TUNING
from partways.evaluation.generate.plans import make_plan
from partways.evaluation.model import Agency, Client, Contract, Person

# Rates are quoted in round steps of the currency.
_RATE_STEP = {"IDR": Decimal(25000), "AED": Decimal(25)}


def slack_id(rng: random.Random) -> str:
    return "U0" + "".join(rng.choices(string.ascii_uppercase + string.digits, k=9))


def build_agency(spec: AgencySpec, seed: int) -> Agency:
    rng = random.Random(f"{seed}:{spec.slug}")
    team = []
    for member in spec.team:
        first = vocab.ascii_name(member.name.split(" ")[0])
        team.append(Person(member.name, f"{first}@{spec.own_domain}", member.role, slack_id(rng)))
    target = int(spec.target_rate * 100)
    agency = Agency(
        slug=spec.slug,
        name=spec.name,
        held_out=spec.held_out,
        language=spec.language,
        time_zone=spec.time_zone,
        base_currency=spec.base_currency,
        work_start=spec.work_start,
        work_end=spec.work_end,
        work_days=spec.work_days,
        target_hourly_rate_minor=target,
        default_cost_rate_minor=target * 2 // 5,
        own_domain=spec.own_domain,
        team=team,
        exchange_rates=dict(spec.exchange_rates),
        as_of=spec.as_of,
        formats=dict(spec.formats),
    )
    clock = Clock(spec.time_zone, spec.work_start, spec.work_end, spec.work_days, spec.as_of)
    speaks = {m.name: m.speaks for m in spec.team}
    ctx = AgencyContext(agency, clock, HELD_OUT if spec.held_out else TUNING, rng, speaks)
    history_start = work.month_starts(_months_back(spec.as_of, spec.history_months), spec.as_of)[0]
    numbers = _numbering(spec, history_start, rng)
    used: set[str] = set()
    for index, client_spec in enumerate(spec.clients):
        agency.clients.append(_client(ctx, spec, client_spec, index, history_start, numbers, used))
    return agency


def _months_back(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


def _numbering(
    spec: AgencySpec, first: dt.date, rng: random.Random
) -> dict[tuple[int, dt.date], str]:
    """Invoice numbers that rise with the issue date across the whole agency."""
    base = rng.randint(40, 400)
    out = {}
    months = work.month_starts(first, spec.as_of)
    for m, month in enumerate(months):
        for c in range(len(spec.clients)):
            out[(c, month)] = str(base + m * len(spec.clients) + c).zfill(spec.invoice_digits)
    return out


def _client(
    ctx: AgencyContext,
    spec: AgencySpec,
    cs: ClientSpec,
    index: int,
    history_start: dt.date,
    numbers: dict[tuple[int, dt.date], str],
    used: set[str],
) -> Client:
    rng, clock, agency = ctx.rng, ctx.clock, ctx.agency
    name = rng.choice([n for n in vocab.COMPANIES[cs.language] if n not in used])
    used.add(name)
    if cs.months is not None:
        start = spec.as_of - dt.timedelta(days=int(cs.months * 30.4) + rng.randint(0, 10))
    else:
        start = history_start + dt.timedelta(days=rng.randint(0, 20))
    start = clock.work_day_on_or_after(start)
    plan = make_plan(cs.pattern, start, clock.last_day, rng)
    months_of_history = (clock.last_day - start).days / 30.4
    if months_of_history < plan.min_months:
        raise ValueError(f"{spec.slug}: {cs.pattern} needs {plan.min_months} months of history")
    stem = "".join(c for c in vocab.ascii_name(name) if c.isalnum())
    domain = f"{stem}.{vocab.TLD[cs.country]}"
    contract = _contract(ctx, cs, start, plan.reply_window_needed)
    base_rate = spec.target_rate / (spec.exchange_rates.get(cs.currency, Decimal(1)))
    step = _RATE_STEP.get(cs.currency, Decimal(5))
    rate = (base_rate * Decimal(str(plan.rate_factor * rng.uniform(0.92, 1.12))) / step).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    ) * step
    client = Client(
        name=name,
        pattern=cs.pattern,
        language=cs.language,
        currency=cs.currency,
        country=cs.country,
        domain=domain,
        contacts=_contacts(rng, cs.language, domain),
        contract=contract,
        hourly_rate=rate,
    )
    lead, staff = _assign(ctx, cs.language, rng)
    plain = cs.language == "hr" and rng.random() < 0.4
    b = ClientBuilder(ctx, client, plan, lead, staff, start, plain_typing=plain)
    words = vocab.PROJECT_WORDS[agency.language]
    projects = rng.sample(words, rng.randint(1, 2))
    hours = work.build_time(b, projects)
    month_numbers = {m: numbers[(index, m)] for m in hours}
    work.build_invoices(b, hours, month_numbers, plants.late_overrides(b))
    records.build_meetings(b)
    records.build_deliverables(b)
    talk.build_talk(b)
    plants.plant(b, cs.pattern)
    _finish(b)
    return client


def _contract(ctx: AgencyContext, cs: ClientSpec, start: dt.date, window_needed: bool) -> Contract:
    rng, clock = ctx.rng, ctx.clock
    end: dt.date | None = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    renewals = 0
    while end is not None and end <= clock.last_day + dt.timedelta(days=20):
        end = end.replace(year=end.year + 1)
        renewals += 1
    if rng.random() < 0.12:
        end = None
    window = rng.choices((24, 48, 72), (0.35, 0.45, 0.2))[0]
    reply_window: int | None = window
    if not window_needed and rng.random() < 0.15:
        reply_window = None
    chat = cs.chat if cs.chat is not None else rng.random() < 0.45
    hours = rng.choice((20, 25, 30, 40))
    return Contract(
        start=start,
        end=end,
        notice_days=30,
        reply_window_hours=reply_window,
        main_channel="chat" if chat and ctx.slack else "email",
        payment_terms_days=rng.choice((14, 14, 21, 30, 30)),
        auto_renew=renewals > 0 or rng.random() < 0.3,
        scope=rng.choice(vocab.SCOPES[ctx.agency.language]).format(hours=hours),
    )


def _contacts(rng: random.Random, language: str, domain: str) -> list[Person]:
    count = rng.choices((1, 2, 3), (0.35, 0.45, 0.2))[0]
    firsts = rng.sample(vocab.FIRST_NAMES[language], count)
    people = []
    for first in firsts:
        last = rng.choice(vocab.LAST_NAMES[language])
        a, z = vocab.ascii_name(first), vocab.ascii_name(last)
        email = rng.choice((f"{a}.{z}", f"{a}", f"{a[0]}{z}"))
        people.append(Person(f"{first} {last}", f"{email}@{domain}", None, slack_id(rng)))
    return people


def _assign(ctx: AgencyContext, language: str, rng: random.Random) -> tuple[Person, list[Person]]:
    """The client's lead (owner or a manager) and one or two staff, who speak its language."""
    team = ctx.agency.team
    speakers = [p for p in team if language in ctx.speaks.get(p.name, ())]
    leads = [p for p in speakers if p.role in ("owner", "manager")]
    if not leads:
        leads = [p for p in speakers] or [ctx.agency.owner]
    weights = [0.35 if p.role == "owner" else 1.0 for p in leads]
    lead = rng.choices(leads, weights)[0]
    staff = [p for p in speakers if p.role == "staff" and p is not lead]
    if not staff:
        staff = [p for p in team if p.role == "staff" and p is not lead]
    picked = rng.sample(staff, min(len(staff), rng.choice((1, 2))))
    return lead, picked


def _finish(b: ClientBuilder) -> None:
    client = b.client
    client.messages.sort(key=lambda m: m.sent_at)
    client.time_entries.sort(key=lambda e: e.started_at)
    client.meetings.sort(key=lambda m: m.starts_at)
    client.deliverables.sort(key=lambda d: d.requested_on)
    client.proposals.sort(key=lambda p: p.submitted_on)
    client.incidents.sort(key=lambda i: i.occurred_at)
