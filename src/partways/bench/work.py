"""Work and money: time entries, expenses, invoices and their payments."""

from __future__ import annotations

import polars as pl

from .rng import Rng, between, pick
from .synth import (
    AS_OF_DAY,
    MANAGERS,
    OWNER,
    RECENT_DAY,
    SPAN,
    STAFF,
    attach,
    day_date,
    events,
    floor,
    local_utc,
    number_rows,
    uniforms,
    workday,
)


def time_entries(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = events(rng, cl, n)
    df = attach(
        df, cl, "currency", "bill_rate", "p_nonbill", "cost_rate", "first_project", "n_projects"
    )
    df = uniforms(
        df, rng, "u_after", "u_tod", "u_dur", "u_bill", "u_cost", "u_proj", "u_proj2", "u_person"
    )
    after = pl.col("u_after") < 0.03  # some evening and weekend work
    day = pl.when(after).then(pl.col("day")).otherwise(workday(pl.col("day")))
    # Time trackers log on a 15-minute grid: hours are exact binary fractions, so sums
    # do not depend on the order they are added in.
    secs = (
        pl.when(after)
        .then(floor(pl.col("u_tod") * 96) * 900)
        .otherwise(9 * 3600 + floor(pl.col("u_tod") * 32) * 900)
    )
    people = pl.Series(STAFF + MANAGERS + [OWNER])
    df = df.with_columns(
        local_utc(day, secs).alias("started_at"),
        ((1 + floor(pl.col("u_dur") ** 2 * 16)) * 900).alias("duration_seconds"),
        (pl.col("u_bill") >= pl.col("p_nonbill")).alias("billable"),
        pl.when(pl.col("u_proj") < 0.8)
        .then(pl.col("first_project") + floor(pl.col("u_proj2") * pl.col("n_projects")))
        .alias("project_id"),
        # Most entries use the business's default cost rate (NULL).
        pl.when(pl.col("u_cost") < 0.3).then(pl.col("cost_rate")).alias("cost_rate_minor"),
    )
    df = df.with_columns(people.gather(_person_index(df, len(people))).alias("person"))
    df = number_rows(df, first_id, "started_at")
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
    return df.select(floor(pl.col("u_person") * n)).to_series()


def expenses(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = attach(events(rng, cl, n), cl, "currency")
    df = uniforms(df, rng, "u_amt", "u_reb")
    return number_rows(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("project_id"),
        day_date(pl.col("day")).alias("spent_on"),
        ((10 + floor(pl.col("u_amt") ** 2 * 1990)) * 100).alias("amount_minor"),
        "currency",
        pl.lit("").alias("description"),
        (pl.col("u_reb") < 0.3).alias("rebilled"),
    )


def invoices(rng: Rng, cl: pl.DataFrame, n: int, first_id: int, te: pl.DataFrame) -> pl.DataFrame:
    """Invoices with the settlement facts their payments are built from."""
    df = events(rng, cl, n)
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
    df = attach(df, cl, "currency", "terms", "late_payer", "souring", "mean_amount")
    df = uniforms(
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
            .then(floor(pl.col("amount_minor") * between(pl.col("u_wo2"), 0.1, 0.5)))
            .otherwise(0)
            .alias("written_off_minor"),
            (pl.col("u_pay") < pl.when(pl.col("late_payer")).then(0.8).otherwise(0.99)).alias(
                "pays"
            ),
            # Good payers pay around the due date; late payers up to three months after it.
            pl.when(pl.col("late"))
            .then(floor(pl.col("u_delay") ** 0.7 * 90))
            .otherwise(floor(pl.col("u_delay") * 16) - 10)
            .alias("delay"),
            (pl.col("u_split") < 0.15).alias("split"),
        )
        .with_columns(
            pl.max_horizontal(pl.col("day"), pl.col("due_day") + pl.col("delay")).alias("pay_day"),
        )
        .with_columns(
            pl.when(pl.col("split"))
            .then(pl.col("pay_day") + 1 + floor(pl.col("u_split2") * 30))
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
    df = number_rows(df, first_id, "day").with_columns(
        pl.format("INV-{}", pl.col("id")).alias("number"),
        day_date(pl.col("day")).alias("issued_on"),
        day_date(pl.col("due_day")).alias("due_on"),
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


def invoice_rows(inv: pl.DataFrame) -> pl.DataFrame:
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


def payments(rng: Rng, inv: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """One payment per paying invoice, two when paid in instalments; none after END."""
    paying = inv.filter(pl.col("pays"))
    paying = uniforms(paying, rng, "u_method").with_columns(
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
    return number_rows(df, first_id, "day").select(
        "id",
        "invoice_id",
        "client_id",
        day_date(pl.col("day")).alias("paid_on"),
        "amount_minor",
        "currency",
        pick(pl.col("u_method"), ["bank transfer", "card", "paypal"], [0.7, 0.2, 0.1]).alias(
            "method"
        ),
    )
