"""A large synthetic portfolio, written straight into the partways tables.

Every column is drawn vectorised (Polars expressions over seeded uniforms, see
:mod:`partways.bench.rng`) and each table goes to the database in one bulk load
(:mod:`partways.bench.writer`), so 2,000 clients with 5 million time entries and 2
million messages take a few minutes rather than hours through the ORM.

The data covers ``MONTHS`` calendar months ending at ``AS_OF`` (plus a few days after
it, so the engine's "up to as_of" cut-offs have something to cut). Clients differ in
size, age, currency, rates, payment habits, working hours and tone, and a minority
are deliberately difficult, so every signal fires for some clients and stays quiet
for most; a few are young, archived or gone quiet, so the "too little data to judge"
rules are exercised too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import polars as pl
from dateutil.relativedelta import relativedelta

from partways.core.text import LABELS

from .rng import Rng, between, pick
from .writer import Writer, open_writer

AS_OF = dt.date(2026, 10, 31)
TIME_ZONE = "Europe/Zagreb"  # not UTC: months and working hours depend on the zone (and DST)
BASE_CURRENCY = "EUR"
OTHER_CURRENCY = "USD"
USD_RATE = Decimal("0.92")
MONTHS = 24
ORIGIN = AS_OF.replace(day=1) - relativedelta(months=MONTHS - 1)
# Data runs a few days past as_of: rows the engine must leave out.
END = AS_OF + dt.timedelta(days=3)
SPAN = (END - ORIGIN).days + 1
AS_OF_DAY = (AS_OF - ORIGIN).days
# Clients who "sour" behave worse from here on (recent trouble after a calm history).
RECENT_DAY = (AS_OF.replace(day=1) - relativedelta(months=2) - ORIGIN).days
_EPOCH_DAYS = (ORIGIN - dt.date(1970, 1, 1)).days
_ORIGIN_DT = dt.datetime.combine(ORIGIN, dt.time())

Progress = Callable[[str, int, int], None]

STAFF = ["Ana Horvat", "Budi Santoso", "Ivana Kovač", "Layla Haddad", "Marko Babić", "Sari Wijaya"]
MANAGERS = ["Petra Novak", "Omar Nasser"]
OWNER = "Owner"

# Message bodies of realistic length (60–700 characters): the engine never reads
# text, but SQLite stores it in the same rows it scans.
_SENTENCES = [
    "Thanks for the update on the latest draft. ",
    "Could we go through the open points on Thursday? ",
    "I have attached the notes from our call with the board. ",
    "The numbers in the second section still need checking before we send it out. ",
    "Let me know when the revised version is ready for review. ",
]
TEXTS = [
    (
        "Hi, "
        + "".join(_SENTENCES[(i + j) % len(_SENTENCES)] for j in range(1 + i % 11))
        + "Best regards"
    )
    for i in range(22)
]
SUBJECTS = [
    "Re: project update",
    "Invoice question",
    "Next steps",
    "Draft for review",
    "Meeting notes",
    "Quick question",
]
CONCRETE = [
    "Please move the logo to the left and use the darker blue from the brand guide.",
    "The table on page 3 must show totals per quarter, not per month.",
    "Replace the stock photo with the one of our own office we sent on Monday.",
    "Shorten the introduction to two sentences and add the pricing link.",
]
VAGUE = [
    "Not quite right, something is missing.",
    "I'll know it when I see it.",
    "Hmm, not quite it.",
    "Nešto fali, nije baš to.",
    "Kurang pas, belum sreg.",
]
TITLES = [
    "Homepage redesign",
    "Quarterly report",
    "Brand guide",
    "Onboarding flow",
    "Campaign landing page",
    "Pricing page",
    "Annual review deck",
]
NOTES = [
    "Raised their voice on the call and insulted the team.",
    "Asked us to back-date the invoice.",
    "Demanded weekend delivery at a day's notice.",
    "Sent an abusive message to a staff member.",
    "",
]

# Label mix per kind of client (normal, demanding, difficult, toxic), in LABELS order:
# abuse, disrespect, negative, demand, out_of_scope, payment_excuse, unethical_request, vague.
# Signals such as abuse_or_unreasonable count messages rather than shares, so demands,
# disrespect and abuse must stay rare for most clients or every busy client would flag.
_LABEL_MIX = [
    [0.0, 0.0, 0.8, 0.02, 0.02, 0.08, 0.0, 0.08],
    [0.0, 0.0, 0.45, 0.25, 0.2, 0.05, 0.0, 0.05],
    [0.0, 0.08, 0.6, 0.1, 0.07, 0.08, 0.0, 0.07],
    [0.06, 0.12, 0.4, 0.15, 0.1, 0.08, 0.04, 0.05],
]

# --- helpers -------------------------------------------------------------------------


def _uniforms(df: pl.DataFrame, rng: Rng, *names: str) -> pl.DataFrame:
    return df.with_columns(rng.uniform(df.height, name) for name in names)


def _date(day: pl.Expr) -> pl.Expr:
    """Day index (0 = ORIGIN) to a Date."""
    return (pl.lit(_EPOCH_DAYS) + day).cast(pl.Int32).cast(pl.Date)


def _weekday(day: pl.Expr) -> pl.Expr:
    return (day + ORIGIN.weekday()) % 7  # 0 = Monday, as in BusinessSettings.work_days


def _workday(day: pl.Expr) -> pl.Expr:
    """The same day, or the Friday before when it falls on a weekend."""
    wd = _weekday(day)
    return (pl.when(wd == 5).then(day - 1).when(wd == 6).then(day - 2).otherwise(day)).clip(
        lower_bound=0
    )


def _utc(day: pl.Expr, seconds: pl.Expr, micros: pl.Expr | None = None) -> pl.Expr:
    """Local wall time in TIME_ZONE (day index + seconds of day) as a UTC datetime."""
    local = pl.lit(_ORIGIN_DT).dt.cast_time_unit("us") + pl.duration(
        days=day, seconds=seconds, microseconds=micros if micros is not None else 0
    )

    def zoned(e: pl.Expr) -> pl.Expr:
        return e.dt.replace_time_zone(TIME_ZONE, ambiguous="earliest", non_existent="null")

    # A wall time skipped by the spring DST change moves one hour on.
    return pl.coalesce(zoned(local), zoned(local + pl.duration(hours=1))).dt.convert_time_zone(
        "UTC"
    )


def _floor(e: pl.Expr) -> pl.Expr:
    return e.floor().cast(pl.Int64)


def _gather(values: list[object], index: pl.Series) -> pl.Series:
    return pl.Series(values).gather(index)


def _attach(df: pl.DataFrame, cl: pl.DataFrame, *cols: str) -> pl.DataFrame:
    """Per-client parameters onto rows by client index (gather keeps the row order)."""
    idx = df.get_column("idx")
    return df.with_columns(cl.get_column(c).gather(idx) for c in cols)


def _events(rng: Rng, cl: pl.DataFrame, n: int) -> pl.DataFrame:
    """``n`` rows spread over clients by weight, each on a day of its client's active span."""
    df = pl.DataFrame({"idx": rng.allocate(n, cl.get_column("weight"))})
    df = _attach(df, cl, "client_id", "start_day", "end_day")
    df = _uniforms(df, rng, "_u_day")
    return df.with_columns(
        (
            pl.col("start_day")
            + _floor(pl.col("_u_day") * (pl.col("end_day") - pl.col("start_day") + 1))
        ).alias("day")
    ).drop("_u_day")


def _per_client(rng: Rng, cl: pl.DataFrame, count: pl.Expr) -> pl.DataFrame:
    """``count`` rows per client (an expression over the client frame), numbered k = 0…"""
    df = _uniforms(cl, rng, "_u_count").with_columns(count.alias("_n"))
    df = df.filter(pl.col("_n") > 0).with_columns(pl.int_ranges(0, pl.col("_n")).alias("k"))
    return df.explode("k").drop("_u_count", "_n")


def _ids(df: pl.DataFrame, first: int, order: str | None = None) -> pl.DataFrame:
    """Number rows from ``first`` (after sorting by ``order``, so ids follow time)."""
    if order is not None:
        df = df.sort(order, "idx", maintain_order=True)
    return df.with_row_index("id", offset=first).with_columns(pl.col("id").cast(pl.Int64))


# --- tables --------------------------------------------------------------------------


def _business() -> dict[str, list[int]]:
    """Settings, the exchange rate and the team, through the ORM (a handful of rows)."""
    from partways.store.models import BusinessSettings, ExchangeRate, TeamMember

    BusinessSettings.objects.update_or_create(
        pk=1,
        defaults={
            "name": "Bench Studio",
            "time_zone": TIME_ZONE,
            "work_start": dt.time(9, 0),
            "work_end": dt.time(18, 0),
            "work_days": "0,1,2,3,4",
            "base_currency": BASE_CURRENCY,
            "target_hourly_rate_minor": 8000,
            "default_cost_rate_minor": 3500,
            "thresholds": {},
        },
    )
    ExchangeRate.objects.update_or_create(
        currency=OTHER_CURRENCY, defaults={"rate_to_base": USD_RATE}
    )
    team: dict[str, list[int]] = {"owner": [], "manager": [], "staff": []}
    people = [(OWNER, "owner")] + [(m, "manager") for m in MANAGERS] + [(s, "staff") for s in STAFF]
    for name, role in people:
        email = name.lower().replace(" ", ".").replace("č", "c") + "@bench.example"
        member, _ = TeamMember.objects.get_or_create(
            email=email, defaults={"name": name, "role": role}
        )
        team[member.role].append(member.pk)
    return team


def _clients(rng: Rng, n: int, first_id: int, managers: list[int]) -> pl.DataFrame:
    """One row per client with the parameters that shape all of its records."""
    cl = pl.DataFrame({"idx": pl.int_range(n, eager=True, dtype=pl.Int64)})
    cl = _uniforms(
        cl,
        rng,
        "u_young",
        "u_start",
        "u_stop",
        "u_end",
        "u_w",
        "u_cur",
        "u_rate",
        "u_real",
        "u_nb",
        "u_cost",
        "u_in",
        "u_owl",
        "u_after",
        "u_label",
        "u_prof",
        "u_late",
        "u_sour",
        "u_dem",
        "u_rej",
        "u_vague",
        "u_noshow",
        "u_unprep",
        "u_terms",
        "u_lang",
        "u_arch",
        "u_mgr",
        "u_proj",
    )
    start = (
        pl.when(pl.col("u_young") < 0.7)
        .then(_floor(pl.col("u_start") * 60))
        .otherwise(60 + _floor(pl.col("u_start") * (SPAN - 120)))
    )
    cl = cl.with_columns(start.alias("start_day"))
    # Most clients are active to the end; some went quiet earlier (nothing in the window).
    end = (
        pl.when(pl.col("u_stop") < 0.12)
        .then(pl.col("start_day") + _floor(pl.col("u_end") * (SPAN - 1 - pl.col("start_day"))))
        .otherwise(SPAN - 1)
    )
    cl = cl.with_columns(end.alias("end_day"))
    lang = pick(pl.col("u_lang"), ["en", "id", "hr", "ar"], [0.55, 0.15, 0.2, 0.1])
    return cl.with_columns(
        (pl.col("idx") + first_id).alias("client_id"),
        # Busy clients have far more records than quiet ones (and older ones than young).
        ((0.2 - (1.0 - pl.col("u_w")).log()) * (pl.col("end_day") - pl.col("start_day") + 1)).alias(
            "weight"
        ),
        pl.when(pl.col("u_cur") < 0.1)
        .then(pl.lit(OTHER_CURRENCY))
        .otherwise(pl.lit(BASE_CURRENCY))
        .alias("currency"),
        ((70 + _floor(pl.col("u_rate") * 70)) * 100).alias("bill_rate"),
        # Share of the logged time's value that ends up invoiced: one client in five
        # is worth clearly less than the time they take.
        pl.when(pl.col("u_real") < 0.2)
        .then(between(pl.col("u_real") * 5, 0.3, 0.7))
        .otherwise(between((pl.col("u_real") - 0.2) / 0.8, 0.8, 1.4))
        .alias("realisation"),
        (0.02 + 0.45 * pl.col("u_nb") ** 3).alias("p_nonbill"),
        ((25 + _floor(pl.col("u_cost") * 35)) * 100).alias("cost_rate"),
        between(pl.col("u_in"), 0.35, 0.65).alias("p_in"),
        pl.when(pl.col("u_owl") < 0.25)
        .then(between(pl.col("u_after"), 0.25, 0.7))
        .otherwise(between(pl.col("u_after"), 0.01, 0.13))
        .alias("p_after"),
        (0.04 + 0.5 * pl.col("u_label") ** 3).alias("p_label"),
        pick(pl.col("u_prof"), [0, 1, 2], [0.8, 0.14, 0.06]).cast(pl.Int64).alias("profile"),
        (pl.col("u_late") < 0.18).alias("late_payer"),
        (pl.col("u_sour") < 0.1).alias("souring"),
        (pl.col("u_dem") < 0.15).alias("demanding"),
        (0.05 + 0.55 * pl.col("u_rej") ** 2).alias("p_reject"),
        between(pl.col("u_vague"), 0.1, 0.8).alias("p_vague"),
        (0.02 + 0.2 * pl.col("u_noshow") ** 3).alias("p_noshow"),
        (0.05 + 0.4 * pl.col("u_unprep") ** 2).alias("p_unprep"),
        pick(pl.col("u_terms"), [14, 30, 45], [0.3, 0.5, 0.2]).cast(pl.Int64).alias("terms"),
        lang.alias("language"),
        (pl.col("u_arch") < 0.02).alias("archived"),
        pick(pl.col("u_mgr"), managers, [1.0] * len(managers)).cast(pl.Int64).alias("manager_id"),
        (1 + _floor(pl.col("u_proj") * 3)).alias("n_projects"),
    ).drop(pl.selectors.starts_with("u_"))


def _client_rows(cl: pl.DataFrame) -> pl.DataFrame:
    country = {"en": "GB", "id": "ID", "hr": "HR", "ar": "AE"}
    return cl.select(
        pl.col("client_id").alias("id"),
        pl.format("Bench client {}", pl.col("client_id")).alias("name"),
        "language",
        pl.col("language").replace_strict(country).alias("country"),
        "archived",
        pl.when(pl.col("archived"))
        .then(_date(pl.col("end_day").clip(upper_bound=AS_OF_DAY)))
        .alias("archived_on"),
        _date(pl.col("start_day")).alias("created_on"),
        "manager_id",
        pl.lit("").alias("notes"),
    )


def _projects(cl: pl.DataFrame, first_id: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Projects, and each client's first project id (its projects are consecutive)."""
    first = first_id + cl.get_column("n_projects").cum_sum() - cl.get_column("n_projects")
    cl = cl.with_columns(first.alias("first_project"))
    rows = (
        cl.select("client_id", "first_project", "n_projects")
        .with_columns(pl.int_ranges(0, pl.col("n_projects")).alias("k"))
        .explode("k")
        .select(
            (pl.col("first_project") + pl.col("k")).alias("id"),
            "client_id",
            pl.format("Project {}", pl.col("k") + 1).alias("name"),
        )
    )
    return cl, rows


def _contacts(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = _per_client(rng, cl, 1 + _floor(pl.col("_u_count") * 2))
    return _ids(df, first_id).select(
        "id",
        "client_id",
        pl.format("Contact {} of client {}", pl.col("k") + 1, pl.col("client_id")).alias("name"),
        pl.format("c{}-{}@client.example", pl.col("client_id"), pl.col("k")).alias("email"),
        pl.lit("").alias("phone"),
        pl.lit("").alias("role"),
        (pl.col("k") == 0).alias("is_primary"),
    )


def _contracts(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    # A second, renewed contract for clients older than a year (distinct start dates, so
    # "the latest contract" is well defined).
    span = pl.col("end_day") - pl.col("start_day")
    df = _per_client(rng, cl, pl.when(span > 400).then(2).otherwise(1))
    df = _uniforms(df, rng, "u_end", "u_auto", "u_notice", "u_reply", "u_chan")
    start = pl.col("start_day") + pl.col("k") * 365
    reply = pick(pl.col("u_reply"), [0, 24, 48, 72], [0.35, 0.25, 0.25, 0.15]).cast(pl.Int64)
    return _ids(df, first_id).select(
        "id",
        "client_id",
        pl.format("Agreement {}", pl.col("k") + 1).alias("title"),
        _date(start).alias("start"),
        pl.when(pl.col("u_end") < 0.5).then(_date(start + 364)).alias("end"),
        (pl.col("u_auto") < 0.5).alias("auto_renew"),
        pl.lit(12).alias("renewal_months"),
        pick(pl.col("u_notice"), [30, 60, 90], [0.6, 0.3, 0.1]).cast(pl.Int64).alias("notice_days"),
        pl.lit("").alias("termination_clause"),
        pl.lit("").alias("scope"),
        pl.when(reply > 0).then(reply).alias("reply_window_hours"),
        pick(pl.col("u_chan"), ["email", "chat", "phone", ""], [0.5, 0.25, 0.1, 0.15]).alias(
            "main_channel"
        ),
        "currency",
        pl.col("terms").alias("payment_terms_days"),
    )


def _time_entries(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = _events(rng, cl, n)
    df = _attach(
        df, cl, "currency", "bill_rate", "p_nonbill", "cost_rate", "first_project", "n_projects"
    )
    df = _uniforms(
        df, rng, "u_after", "u_tod", "u_dur", "u_bill", "u_cost", "u_proj", "u_proj2", "u_person"
    )
    after = pl.col("u_after") < 0.03  # some evening and weekend work
    day = pl.when(after).then(pl.col("day")).otherwise(_workday(pl.col("day")))
    # Time trackers log on a 15-minute grid: hours are exact binary fractions, so sums
    # do not depend on the order they are added in.
    secs = (
        pl.when(after)
        .then(_floor(pl.col("u_tod") * 96) * 900)
        .otherwise(9 * 3600 + _floor(pl.col("u_tod") * 32) * 900)
    )
    people = pl.Series(STAFF + MANAGERS + [OWNER])
    df = df.with_columns(
        _utc(day, secs).alias("started_at"),
        ((1 + _floor(pl.col("u_dur") ** 2 * 16)) * 900).alias("duration_seconds"),
        (pl.col("u_bill") >= pl.col("p_nonbill")).alias("billable"),
        pl.when(pl.col("u_proj") < 0.8)
        .then(pl.col("first_project") + _floor(pl.col("u_proj2") * pl.col("n_projects")))
        .alias("project_id"),
        # Most entries use the business's default cost rate (NULL).
        pl.when(pl.col("u_cost") < 0.3).then(pl.col("cost_rate")).alias("cost_rate_minor"),
    )
    df = df.with_columns(people.gather(_person_index(df, len(people))).alias("person"))
    df = _ids(df, first_id, "started_at")
    return df.select(
        "id",
        "client_id",
        "project_id",
        "person",
        "started_at",
        "duration_seconds",
        "billable",
        pl.col("bill_rate").alias("bill_rate_minor"),
        "cost_rate_minor",
        "currency",
        pl.lit(None, dtype=pl.Boolean).alias("invoiced"),
        pl.lit("").alias("description"),
        "idx",
    )


def _person_index(df: pl.DataFrame, n: int) -> pl.Series:
    return df.select(_floor(pl.col("u_person") * n)).to_series()


def _expenses(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = _attach(_events(rng, cl, n), cl, "currency")
    df = _uniforms(df, rng, "u_amt", "u_reb")
    return _ids(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("project_id"),
        _date(pl.col("day")).alias("spent_on"),
        ((10 + _floor(pl.col("u_amt") ** 2 * 1990)) * 100).alias("amount_minor"),
        "currency",
        pl.lit("").alias("description"),
        (pl.col("u_reb") < 0.3).alias("rebilled"),
    )


def _invoices(rng: Rng, cl: pl.DataFrame, n: int, first_id: int, te: pl.DataFrame) -> pl.DataFrame:
    """Invoices with the settlement facts their payments are built from."""
    df = _events(rng, cl, n)
    # Each client's invoices add up to its logged hours × bill rate × realisation, so
    # the value per hour differs by client the way the realisation does.
    hours = te.group_by("idx").agg((pl.col("duration_seconds").sum() / 3600).alias("_h"))
    count = df.group_by("idx").agg(pl.len().alias("_c"))
    mean = (
        cl.select("idx", "bill_rate", "realisation")
        .join(hours, on="idx", how="left")
        .join(count, on="idx", how="left")
        .sort("idx")
        .select(
            (
                pl.col("_h").fill_null(0)
                * pl.col("bill_rate")
                * pl.col("realisation")
                / pl.col("_c").fill_null(1)
            ).alias("mean_amount")
        )
    )
    cl = cl.with_columns(mean.get_column("mean_amount"))
    df = _attach(df, cl, "currency", "terms", "late_payer", "souring", "mean_amount")
    df = _uniforms(
        df, rng, "u_amt", "u_wo", "u_wo2", "u_pay", "u_delay", "u_split", "u_split2", "u_disp"
    )
    late = pl.col("late_payer") | (pl.col("souring") & (pl.col("day") >= RECENT_DAY))
    amount = (
        (pl.col("mean_amount") * (0.5 + pl.col("u_amt")))
        .round(0)
        .cast(pl.Int64)
        .clip(lower_bound=1000)
    )
    df = (
        df.with_columns(
            late.alias("late"),
            amount.alias("amount_minor"),
            (pl.col("day") + pl.col("terms")).alias("due_day"),
        )
        .with_columns(
            pl.when(pl.col("u_wo") < 0.03)
            .then(_floor(pl.col("amount_minor") * between(pl.col("u_wo2"), 0.1, 0.5)))
            .otherwise(0)
            .alias("written_off_minor"),
            (pl.col("u_pay") < pl.when(pl.col("late_payer")).then(0.8).otherwise(0.97)).alias(
                "pays"
            ),
            # Good payers pay around the due date; late payers up to three months after it.
            pl.when(pl.col("late"))
            .then(_floor(pl.col("u_delay") ** 0.7 * 90))
            .otherwise(_floor(pl.col("u_delay") * 16) - 10)
            .alias("delay"),
            (pl.col("u_split") < 0.15).alias("split"),
        )
        .with_columns(
            pl.max_horizontal(pl.col("day"), pl.col("due_day") + pl.col("delay")).alias("pay_day"),
        )
        .with_columns(
            pl.when(pl.col("split"))
            .then(pl.col("pay_day") + 1 + _floor(pl.col("u_split2") * 30))
            .otherwise(pl.col("pay_day"))
            .alias("settle_day"),
        )
    )
    settled_by = (
        pl.when(pl.col("pays") & (pl.col("settle_day") <= AS_OF_DAY))
        .then(pl.col("settle_day"))
        .otherwise(AS_OF_DAY)
    )
    overdue_days = (settled_by - pl.col("due_day")).clip(lower_bound=0)
    df = _ids(df, first_id, "day").with_columns(
        pl.format("INV-{}", pl.col("id")).alias("number"),
        _date(pl.col("day")).alias("issued_on"),
        _date(pl.col("due_day")).alias("due_on"),
        pl.when(pl.col("late"))
        .then(pl.col("u_disp") < 0.12)
        .otherwise(pl.col("u_disp") < 0.01)
        .alias("disputed"),
        pl.when(pl.col("due_day") <= AS_OF_DAY)
        .then((overdue_days // 15).clip(upper_bound=3))
        .otherwise(0)
        .alias("reminders_sent"),
    )
    return df


def _invoice_rows(inv: pl.DataFrame) -> pl.DataFrame:
    return inv.select(
        "id",
        "client_id",
        "number",
        "issued_on",
        "due_on",
        "amount_minor",
        "currency",
        "disputed",
        "reminders_sent",
        "written_off_minor",
    )


def _payments(rng: Rng, inv: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """One payment per paying invoice, two when paid in instalments; none after END."""
    paying = inv.filter(pl.col("pays"))
    paying = _uniforms(paying, rng, "u_method").with_columns(
        (pl.col("amount_minor") - pl.col("written_off_minor")).alias("_owed")
    )
    first = paying.select(
        pl.col("id").alias("invoice_id"),
        "client_id",
        "idx",
        pl.col("pay_day").alias("day"),
        pl.when(pl.col("split"))
        .then(pl.col("_owed") // 2)
        .otherwise(pl.col("_owed"))
        .alias("amount_minor"),
        "currency",
        "u_method",
    )
    second = paying.filter(pl.col("split")).select(
        pl.col("id").alias("invoice_id"),
        "client_id",
        "idx",
        pl.col("settle_day").alias("day"),
        (pl.col("_owed") - pl.col("_owed") // 2).alias("amount_minor"),
        "currency",
        "u_method",
    )
    df = pl.concat([first, second]).filter(pl.col("day") < SPAN)
    return _ids(df, first_id, "day").select(
        "id",
        "invoice_id",
        "client_id",
        _date(pl.col("day")).alias("paid_on"),
        "amount_minor",
        "currency",
        pick(pl.col("u_method"), ["bank transfer", "card", "paypal"], [0.7, 0.2, 0.1]).alias(
            "method"
        ),
    )


def _messages(rng: Rng, cl: pl.DataFrame, n: int, first_id: int, staff: list[int]) -> pl.DataFrame:
    df = _events(rng, cl, n)
    df = _attach(df, cl, "p_in", "p_after", "souring", "language")
    df = _uniforms(
        df,
        rng,
        "u_dir",
        "u_after",
        "u_tod",
        "u_us",
        "u_rcp",
        "u_staff",
        "u_orphan",
        "u_chan",
        "u_text",
        "u_subj",
    )
    inbound = pl.col("u_dir") < pl.col("p_in")
    recent_sour = pl.col("souring") & (pl.col("day") >= RECENT_DAY)
    p_after = (
        pl.when(inbound)
        .then(
            (pl.col("p_after") * pl.when(recent_sour).then(3.0).otherwise(1.0)).clip(
                upper_bound=0.9
            )
        )
        .otherwise(0.04)
    )
    df = df.with_columns(inbound.alias("inbound"), (pl.col("u_after") < p_after).alias("after"))
    day = pl.when(pl.col("after")).then(pl.col("day")).otherwise(_workday(pl.col("day")))
    secs = (
        pl.when(pl.col("after"))
        .then(_floor(pl.col("u_tod") * 86400))
        .otherwise(9 * 3600 + _floor(pl.col("u_tod") * 9 * 3600))
    )
    staff_ids = pl.Series(staff, dtype=pl.Int64)
    staff_pick = staff_ids.gather(df.select(_floor(pl.col("u_staff") * len(staff))).to_series())
    texts = pl.Series(TEXTS).gather(df.select(_floor(pl.col("u_text") * len(TEXTS))).to_series())
    subjects = pl.Series(SUBJECTS).gather(
        df.select(_floor(pl.col("u_subj") * len(SUBJECTS))).to_series()
    )
    df = df.with_columns(
        # Microseconds, as a mail import would give: no two messages share a timestamp,
        # so "the message before" is never ambiguous.
        _utc(day, secs, _floor(pl.col("u_us") * 1_000_000)).alias("sent_at"),
        staff_pick.alias("_staff"),
        texts.alias("text"),
        subjects.alias("_subject"),
    )
    channel = pick(pl.col("u_chan"), ["email", "chat", "sms", "other"], [0.6, 0.3, 0.07, 0.03])
    df = _ids(df, first_id, "sent_at").with_columns(
        # A few messages could not be matched to a client on import.
        pl.when(pl.col("u_orphan") < 0.001)
        .then(None)
        .otherwise(pl.col("client_id"))
        .alias("client_id"),
        pl.when(pl.col("inbound")).then(pl.lit("in")).otherwise(pl.lit("out")).alias("direction"),
        channel.alias("channel"),
        pl.when(pl.col("inbound") & (pl.col("u_rcp") < 0.12))
        .then(pl.col("_staff"))
        .alias("recipient_id"),
    )
    return df


def _message_rows(msg: pl.DataFrame) -> pl.DataFrame:
    return msg.select(
        "id",
        "client_id",
        "direction",
        "channel",
        "sent_at",
        pl.lit("").alias("author"),
        pl.lit("").alias("author_address"),
        "recipient_id",
        pl.lit("").alias("thread_key"),
        pl.lit(None, dtype=pl.Int64).alias("in_reply_to_id"),
        pl.lit(None, dtype=pl.String).alias("external_id"),
        pl.when(pl.col("channel") == "email")
        .then(pl.col("_subject"))
        .otherwise(pl.lit(""))
        .alias("subject"),
        "text",
        "language",
        pl.lit("placeholder/0.1").alias("analyzer"),
    )


def _labels(rng: Rng, cl: pl.DataFrame, msg: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """About one message in ten gets a label (a few two); the mix depends on the client."""
    df = _attach(
        msg.select("id", "idx", "day", "inbound", "souring"), cl, "p_label", "profile", "demanding"
    )
    df = _uniforms(df, rng, "u_on", "u_label", "u_score", "u_two", "u_second", "u_score2")
    recent_sour = pl.col("souring") & (pl.col("day") >= RECENT_DAY)
    p = (
        pl.when(pl.col("inbound"))
        .then(pl.col("p_label") * pl.when(recent_sour).then(2.5).otherwise(1.0))
        .otherwise(0.02)
    )
    idx = range(len(LABELS))
    kind = (
        pl.when(pl.col("profile") == 2)
        .then(3)
        .when(pl.col("profile") == 1)
        .then(2)
        .when(pl.col("demanding"))
        .then(1)
        .otherwise(0)
    )
    first = (
        pl.when(kind == 0)
        .then(pick(pl.col("u_label"), idx, _LABEL_MIX[0]))
        .when(kind == 1)
        .then(pick(pl.col("u_label"), idx, _LABEL_MIX[1]))
        .when(kind == 2)
        .then(pick(pl.col("u_label"), idx, _LABEL_MIX[2]))
        .otherwise(pick(pl.col("u_label"), idx, _LABEL_MIX[3]))
    ).cast(pl.Int64)
    df = df.filter(pl.col("u_on") < p).with_columns(first.alias("l1"))
    one = df.select(
        pl.col("id").alias("message_id"), pl.col("l1").alias("li"), pl.col("u_score").alias("u_s")
    )
    two = df.filter(pl.col("u_two") < 0.03).select(
        pl.col("id").alias("message_id"),
        ((pl.col("l1") + 1 + _floor(pl.col("u_second") * (len(LABELS) - 1))) % len(LABELS)).alias(
            "li"
        ),
        pl.col("u_score2").alias("u_s"),
    )
    rows = pl.concat([one, two]).sort("message_id", "li")
    names = pl.Series(LABELS).gather(rows.get_column("li"))
    return rows.with_row_index("id", offset=first_id).select(
        pl.col("id").cast(pl.Int64),
        "message_id",
        names.alias("label"),
        between(pl.col("u_s"), 0.5, 1.0).alias("score"),
        pl.lit("[]").alias("spans"),
    )


def _meetings(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = _attach(_events(rng, cl, n), cl, "p_noshow", "p_unprep")
    df = _uniforms(df, rng, "u_tod", "u_status", "u_prep_null", "u_prep", "u_check")
    secs = 9 * 3600 + _floor(pl.col("u_tod") * 16) * 1800
    status = (
        pl.when(pl.col("u_status") < pl.col("p_noshow"))
        .then(pl.lit("no_show"))
        .when(pl.col("u_status") < pl.col("p_noshow") + 0.05)
        .then(pl.lit("cancelled"))
        .otherwise(pl.lit("held"))
    )
    df = df.with_columns(_utc(_workday(pl.col("day")), secs).alias("starts_at"))
    return _ids(df, first_id, "starts_at").select(
        "id",
        "client_id",
        pl.when(pl.col("u_check") < 0.3)
        .then(pl.lit("Check-in"))
        .otherwise(pl.lit("Review"))
        .alias("title"),
        "starts_at",
        status.alias("status"),
        pl.when(pl.col("u_prep_null") >= 0.3)
        .then(pl.col("u_prep") >= pl.col("p_unprep"))
        .alias("client_prepared"),
        (pl.col("u_check") < 0.3).alias("is_check_in"),
    )


def _proposals(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = _attach(_events(rng, cl, n), cl, "p_reject", "p_vague")
    df = _uniforms(
        df, rng, "u_pend", "u_wait", "u_out", "u_reason", "u_pick", "u_round", "u_kind", "u_title"
    )
    pending = pl.col("u_pend") < 0.12
    outcome = (
        pl.when(pending)
        .then(pl.lit("pending"))
        .when(pl.col("u_out") < pl.col("p_reject"))
        .then(pl.lit("rejected"))
        .when(pl.col("u_out") < pl.col("p_reject") + 0.25)
        .then(pl.lit("revision"))
        .otherwise(pl.lit("accepted"))
    )
    df = df.with_columns(outcome.alias("outcome"))
    feedback = pl.col("outcome").is_in(["rejected", "revision"])
    vague = pl.Series(VAGUE).gather(df.select(_floor(pl.col("u_pick") * len(VAGUE))).to_series())
    concrete = pl.Series(CONCRETE).gather(
        df.select(_floor(pl.col("u_pick") * len(CONCRETE))).to_series()
    )
    titles = pl.Series(TITLES).gather(
        df.select(_floor(pl.col("u_title") * len(TITLES))).to_series()
    )
    df = df.with_columns(vague.alias("_vague"), concrete.alias("_concrete"), titles.alias("title"))
    # Blank feedback counts as vague too; vague clients give more of both.
    reason = (
        pl.when(feedback & (pl.col("u_reason") < pl.col("p_vague") * 0.25))
        .then(pl.lit(""))
        .when(feedback & (pl.col("u_reason") < pl.col("p_vague")))
        .then(pl.col("_vague"))
        .when(feedback)
        .then(pl.col("_concrete"))
        .when(pl.col("u_reason") < 0.5)
        .then(pl.lit("Approved, thanks."))
        .otherwise(pl.lit(""))
    )
    return _ids(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("deliverable_id"),
        pick(pl.col("u_kind"), ["recommendation", "deliverable"], [0.5, 0.5]).alias("kind"),
        "title",
        _date(pl.col("day")).alias("submitted_on"),
        pl.when(~pending)
        .then(_date(pl.col("day") + 1 + _floor(pl.col("u_wait") ** 2 * 45)))
        .alias("decided_on"),
        "outcome",
        reason.alias("reason"),
        (1 + _floor(pl.col("u_round") ** 2 * 4)).alias("revision_round"),
    )


def _deliverables(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = _attach(_events(rng, cl, n), cl, "demanding")
    df = _uniforms(
        df,
        rng,
        "u_req",
        "u_len",
        "u_nodue",
        "u_pull",
        "u_pull2",
        "u_same",
        "u_scope",
        "u_status",
        "u_paid",
        "u_title",
    )
    due_day = pl.col("day") + 7 + _floor(pl.col("u_len") * 54)
    # Demanding clients pull deadlines in (due earlier than first agreed) and ask for
    # work outside the agreed scope.
    pulled = (
        pl.when(pl.col("demanding")).then(pl.col("u_pull") < 0.4).otherwise(pl.col("u_pull") < 0.04)
    )
    out_of_scope = (
        pl.when(pl.col("demanding"))
        .then(pl.col("u_scope") < 0.25)
        .otherwise(pl.col("u_scope") < 0.03)
    )
    status = pick(
        pl.col("u_status"),
        ["planned", "in_progress", "delivered", "accepted", "cancelled"],
        [0.15, 0.25, 0.25, 0.3, 0.05],
    )
    titles = pl.Series(TITLES).gather(
        df.select(_floor(pl.col("u_title") * len(TITLES))).to_series()
    )
    df = df.with_columns(status.alias("status"), due_day.alias("due_day"), titles.alias("title"))
    done = pl.col("status").is_in(["delivered", "accepted"])
    return _ids(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("project_id"),
        "title",
        "status",
        pl.when(pl.col("u_req") >= 0.2).then(_date(pl.col("day"))).alias("requested_on"),
        pl.when(pl.col("u_nodue") >= 0.05).then(_date(pl.col("due_day"))).alias("due"),
        pl.when(pulled)
        .then(_date(pl.col("due_day") + 1 + _floor(pl.col("u_pull2") * 14)))
        .when(pl.col("u_same") < 0.2)
        .then(_date(pl.col("due_day")))
        .alias("original_due"),
        pl.when(done).then(_date(pl.col("due_day"))).alias("delivered_on"),
        (done & (pl.col("u_paid") < 0.8)).alias("paid_for"),
        out_of_scope.not_().alias("in_scope"),
    )


def _incidents(rng: Rng, cl: pl.DataFrame, first_id: int, team: list[int]) -> pl.DataFrame:
    # Toxic clients have a few reported incidents; now and then someone else has one.
    count = (
        pl.when(pl.col("profile") == 2)
        .then(1 + _floor(pl.col("_u_count") * 4))
        .when(pl.col("_u_count") < 0.01)
        .then(1)
        .otherwise(0)
    )
    df = _per_client(rng, cl, count)
    df = _uniforms(df, rng, "u_day", "u_tod", "u_kind", "u_sev", "u_rep", "u_who", "u_note")
    day = pl.col("start_day") + _floor(
        pl.col("u_day") * (pl.col("end_day") - pl.col("start_day") + 1)
    )
    kinds = ["abuse_to_you", "abuse_to_staff", "unethical", "unreasonable_demand", "other"]
    who = pl.Series(team, dtype=pl.Int64).gather(
        df.select(_floor(pl.col("u_who") * len(team))).to_series()
    )
    notes = pl.Series(NOTES).gather(df.select(_floor(pl.col("u_note") * len(NOTES))).to_series())
    df = df.with_columns(
        _utc(_workday(day), 9 * 3600 + _floor(pl.col("u_tod") * 9 * 60) * 60).alias("occurred_at"),
        who.alias("_who"),
        notes.alias("note"),
    )
    reported_by_member = pl.col("u_rep") < 0.6
    return _ids(df, first_id, "occurred_at").select(
        "id",
        "client_id",
        pick(pl.col("u_kind"), kinds, [0.35, 0.25, 0.15, 0.2, 0.05]).alias("kind"),
        pl.when(reported_by_member).then(pl.col("_who")).alias("reporter_id"),
        pl.when(reported_by_member)
        .then(pl.lit(""))
        .otherwise(pl.lit("Front desk"))
        .alias("reporter_name"),
        pick(pl.col("u_sev"), ["low", "medium", "high"], [0.3, 0.4, 0.3]).alias("severity"),
        "occurred_at",
        "note",
    )


def _flags(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = _uniforms(cl.select("client_id", "start_day", "end_day"), rng, "u_flag", "u_day")
    df = df.filter(pl.col("u_flag") < 0.04)
    day = pl.col("start_day") + _floor(
        pl.col("u_day") * (pl.col("end_day") - pl.col("start_day") + 1)
    )
    return df.with_row_index("id", offset=first_id).select(
        pl.col("id").cast(pl.Int64),
        "client_id",
        pl.when(pl.col("u_flag") < 0.03)
        .then(pl.lit("not_a_fit"))
        .otherwise(pl.lit("other"))
        .alias("kind"),
        pl.lit("Our values and theirs no longer match.").alias("reason"),
        _date(day).alias("created_on"),
        # not_a_fit flags below 0.02 are active, the rest withdrawn; "other" flags active.
        ((pl.col("u_flag") < 0.02) | (pl.col("u_flag") >= 0.03)).alias("active"),
    )


def _repair_plans(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = _uniforms(cl.select("client_id"), rng, "u_plan", "u_open", "u_base", "u_status")
    df = df.filter(pl.col("u_plan") < 0.015)
    opened = AS_OF_DAY - 30 - _floor(pl.col("u_open") * 90)
    return df.with_row_index("id", offset=first_id).select(
        pl.col("id").cast(pl.Int64),
        "client_id",
        _date(opened).alias("opened_on"),
        _date(opened + 60).alias("review_on"),
        between(pl.col("u_base"), 10.0, 40.0).alias("baseline_score"),
        pl.lit("[]").alias("strategies"),
        pl.when(pl.col("u_status") < 0.8)
        .then(pl.lit("open"))
        .otherwise(pl.lit("closed"))
        .alias("status"),
        pl.lit("").alias("notes"),
    )


# --- the whole portfolio -------------------------------------------------------------


def generate(
    clients: int,
    time_entries: int,
    invoices: int,
    messages: int,
    seed: int = 7,
    progress: Progress | None = None,
) -> None:
    """Fill the configured (migrated) database with a synthetic portfolio.

    ``progress(table, step, steps)`` is called before each table is written.
    Deterministic for a given seed and sizes. Expects empty partways tables (ids are
    assigned after the largest existing one, so appending works, but client names
    would collide).
    """
    steps = [
        "clients",
        "projects",
        "contacts",
        "contracts",
        "time_entries",
        "expenses",
        "invoices",
        "payments",
        "messages",
        "message_labels",
        "meetings",
        "proposals",
        "deliverables",
        "incidents",
        "flags",
        "repair_plans",
    ]
    step = iter(range(1, len(steps) + 1))

    def tick(name: str) -> None:
        if progress:
            progress(name, next(step), len(steps))

    rng = Rng(seed)
    team = _business()  # through the ORM, before the bulk writer opens its connection
    members = team["owner"] + team["manager"] + team["staff"]
    writer: Writer = open_writer()
    try:
        tick("clients")
        cl = _clients(rng, clients, writer.next_id("partways_client"), team["manager"])
        writer.write("partways_client", _client_rows(cl))
        tick("projects")
        cl, projects = _projects(cl, writer.next_id("partways_project"))
        writer.write("partways_project", projects)
        tick("contacts")
        writer.write("partways_contact", _contacts(rng, cl, writer.next_id("partways_contact")))
        tick("contracts")
        writer.write("partways_contract", _contracts(rng, cl, writer.next_id("partways_contract")))
        tick("time_entries")
        te = _time_entries(rng, cl, time_entries, writer.next_id("partways_timeentry"))
        writer.write("partways_timeentry", te.drop("idx"))
        tick("expenses")
        writer.write(
            "partways_expense", _expenses(rng, cl, clients * 20, writer.next_id("partways_expense"))
        )
        tick("invoices")
        inv = _invoices(rng, cl, invoices, writer.next_id("partways_invoice"), te)
        del te
        writer.write("partways_invoice", _invoice_rows(inv))
        tick("payments")
        writer.write("partways_payment", _payments(rng, inv, writer.next_id("partways_payment")))
        del inv
        tick("messages")
        msg = _messages(rng, cl, messages, writer.next_id("partways_message"), team["staff"])
        writer.write("partways_message", _message_rows(msg))
        tick("message_labels")
        writer.write(
            "partways_messagelabel", _labels(rng, cl, msg, writer.next_id("partways_messagelabel"))
        )
        del msg
        tick("meetings")
        writer.write(
            "partways_meeting", _meetings(rng, cl, clients * 20, writer.next_id("partways_meeting"))
        )
        tick("proposals")
        writer.write(
            "partways_proposal",
            _proposals(rng, cl, clients * 15, writer.next_id("partways_proposal")),
        )
        tick("deliverables")
        writer.write(
            "partways_deliverable",
            _deliverables(rng, cl, clients * 10, writer.next_id("partways_deliverable")),
        )
        tick("incidents")
        writer.write(
            "partways_incident", _incidents(rng, cl, writer.next_id("partways_incident"), members)
        )
        tick("flags")
        writer.write("partways_clientflag", _flags(rng, cl, writer.next_id("partways_clientflag")))
        tick("repair_plans")
        writer.write(
            "partways_repairplan", _repair_plans(rng, cl, writer.next_id("partways_repairplan"))
        )
    finally:
        writer.finish()
