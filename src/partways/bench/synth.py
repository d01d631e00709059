"""The shared vocabulary of the synthetic portfolio: its calendar, names and texts, and
the vectorised helpers every table builder uses.

Days are integer indices from ``ORIGIN`` (the first day of the first month), so a
whole column of dates or local wall times is one Polars expression; per-client
parameters reach their rows by ``gather`` on the client index, which keeps row order
(and so the whole portfolio) a pure function of the seed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from dateutil.relativedelta import relativedelta

from .rng import Rng

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
# The business began keeping its incident log a year before as_of: older trouble went
# unrecorded, so reported incidents fall in the last twelve months.
LOG_DAY = (AS_OF.replace(day=1) - relativedelta(months=11) - ORIGIN).days
_EPOCH_DAYS = (ORIGIN - dt.date(1970, 1, 1)).days
_ORIGIN_DT = dt.datetime.combine(ORIGIN, dt.time())

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
# abuse, disrespect, negative, demand, out_of_scope, payment_excuse, unethical_request,
# vague, hardship, asks. Signals such as abuse_or_unreasonable count messages rather than
# shares, so demands, disrespect and abuse must stay rare for most clients or every busy
# client would flag. A hard time in the client's own life is rare, a little less so for
# difficult clients. ``asks`` has no weight here: whether a message asks something does
# not depend on its tone, so talk.labels draws it on its own (ASKS_OURS, ASKS_THEIRS).
LABEL_MIX = [
    [0.0, 0.0, 0.83, 0.005, 0.005, 0.08, 0.0, 0.08, 0.005, 0.0],
    [0.0, 0.0, 0.45, 0.25, 0.2, 0.05, 0.0, 0.05, 0.005, 0.0],
    [0.0, 0.08, 0.6, 0.1, 0.07, 0.08, 0.0, 0.07, 0.015, 0.0],
    [0.06, 0.12, 0.4, 0.15, 0.1, 0.08, 0.04, 0.05, 0.01, 0.0],
]
# Shares of our messages and of the client's that ask a question or need a decision:
# only ours wait for the client's reply (minimal_communication), and most of what we
# send is status, files and thanks.
ASKS_OURS = 0.42
ASKS_THEIRS = 0.2
# Who filed an incident, typed into the form, when it is nobody on the team (or left
# blank); the team members typed their own way are added from the team by
# talk.reporters.
OUTSIDE_REPORTERS = ["Front desk", "Luka Perić (former contractor)", ""]


def uniforms(df: pl.DataFrame, rng: Rng, *names: str) -> pl.DataFrame:
    return df.with_columns(rng.uniform(df.height, name) for name in names)


def day_date(day: pl.Expr) -> pl.Expr:
    """Day index (0 = ORIGIN) to a Date."""
    return (pl.lit(_EPOCH_DAYS) + day).cast(pl.Int32).cast(pl.Date)


def weekday(day: pl.Expr) -> pl.Expr:
    wd: pl.Expr = (day + ORIGIN.weekday()) % 7  # 0 = Monday, as in work_days
    return wd


def workday(day: pl.Expr) -> pl.Expr:
    """The same day, or the Friday before when it falls on a weekend."""
    wd = weekday(day)
    return (pl.when(wd == 5).then(day - 1).when(wd == 6).then(day - 2).otherwise(day)).clip(
        lower_bound=0
    )


def local_utc(day: pl.Expr, seconds: pl.Expr, micros: pl.Expr | None = None) -> pl.Expr:
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


def floor(e: pl.Expr) -> pl.Expr:
    return e.floor().cast(pl.Int64)


def attach(df: pl.DataFrame, cl: pl.DataFrame, *cols: str) -> pl.DataFrame:
    """Per-client parameters onto rows by client index (gather keeps the row order)."""
    idx = df.get_column("idx")
    return df.with_columns(cl.get_column(c).gather(idx) for c in cols)


def events(rng: Rng, cl: pl.DataFrame, n: int) -> pl.DataFrame:
    """``n`` rows spread over clients by weight, each on a day of its client's active span."""
    df = pl.DataFrame({"idx": rng.allocate(n, cl.get_column("weight"))})
    df = attach(df, cl, "client_id", "start_day", "end_day")
    df = uniforms(df, rng, "_u_day")
    return df.with_columns(
        (
            pl.col("start_day")
            + floor(pl.col("_u_day") * (pl.col("end_day") - pl.col("start_day") + 1))
        ).alias("day")
    ).drop("_u_day")


def per_client(rng: Rng, cl: pl.DataFrame, count: pl.Expr) -> pl.DataFrame:
    """``count`` rows per client (an expression over the client frame), numbered k = 0…"""
    df = uniforms(cl, rng, "_u_count").with_columns(count.alias("_n"))
    df = df.filter(pl.col("_n") > 0).with_columns(pl.int_ranges(0, pl.col("_n")).alias("k"))
    return df.explode("k").drop("_u_count", "_n")


def number_rows(df: pl.DataFrame, first: int, order: str | None = None) -> pl.DataFrame:
    """Number rows from ``first`` (after sorting by ``order``, so ids follow time)."""
    if order is not None:
        df = df.sort(order, "idx", maintain_order=True)
    return df.with_row_index("id", offset=first).with_columns(pl.col("id").cast(pl.Int64))
