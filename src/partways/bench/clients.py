"""The business, its clients and what hangs off each client directly: projects,
contacts, contracts, flags and repair plans."""

from __future__ import annotations

import datetime as dt

import polars as pl

from .rng import Rng, between, pick
from .synth import (
    AS_OF_DAY,
    BASE_CURRENCY,
    MANAGERS,
    OTHER_CURRENCY,
    OWNER,
    SPAN,
    STAFF,
    TIME_ZONE,
    USD_RATE,
    day_date,
    floor,
    number_rows,
    per_client,
    uniforms,
)


def business() -> dict[str, list[int]]:
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


def addresses() -> dict[int, tuple[str, str]]:
    """Each team member's name and e-mail address by id, through the ORM."""
    from partways.store.models import TeamMember

    return {
        pk: (name, email)
        for pk, name, email in TeamMember.objects.values_list("pk", "name", "email")
    }


def clients(rng: Rng, n: int, first_id: int, managers: list[int]) -> pl.DataFrame:
    """One row per client with the parameters that shape all of its records."""
    cl = pl.DataFrame({"idx": pl.int_range(n, eager=True, dtype=pl.Int64)})
    cl = uniforms(
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
        .then(floor(pl.col("u_start") * 60))
        .otherwise(60 + floor(pl.col("u_start") * (SPAN - 120)))
    )
    cl = cl.with_columns(start.alias("start_day"))
    # Most clients are active to the end; some went quiet earlier (nothing in the window).
    end = (
        pl.when(pl.col("u_stop") < 0.12)
        .then(pl.col("start_day") + floor(pl.col("u_end") * (SPAN - 1 - pl.col("start_day"))))
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
        ((70 + floor(pl.col("u_rate") * 70)) * 100).alias("bill_rate"),
        # Share of the logged time's value that ends up invoiced: one client in five
        # is worth clearly less than the time they take.
        pl.when(pl.col("u_real") < 0.2)
        .then(between(pl.col("u_real") * 5, 0.3, 0.7))
        .otherwise(between((pl.col("u_real") - 0.2) / 0.8, 0.8, 1.4))
        .alias("realisation"),
        (0.02 + 0.45 * pl.col("u_nb") ** 3).alias("p_nonbill"),
        ((25 + floor(pl.col("u_cost") * 35)) * 100).alias("cost_rate"),
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
        (1 + floor(pl.col("u_proj") * 3)).alias("n_projects"),
    ).drop(pl.selectors.starts_with("u_"))


def client_rows(cl: pl.DataFrame) -> pl.DataFrame:
    country = {"en": "GB", "id": "ID", "hr": "HR", "ar": "AE"}
    return cl.select(
        pl.col("client_id").alias("id"),
        pl.format("Bench client {}", pl.col("client_id")).alias("name"),
        "language",
        pl.col("language").replace_strict(country).alias("country"),
        "archived",
        pl.when(pl.col("archived"))
        .then(day_date(pl.col("end_day").clip(upper_bound=AS_OF_DAY)))
        .alias("archived_on"),
        day_date(pl.col("start_day")).alias("created_on"),
        "manager_id",
        pl.lit("").alias("notes"),
    )


def projects(cl: pl.DataFrame, first_id: int) -> tuple[pl.DataFrame, pl.DataFrame]:
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


def contacts(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = per_client(rng, cl, 1 + floor(pl.col("_u_count") * 2))
    return number_rows(df, first_id).select(
        "id",
        "client_id",
        pl.format("Contact {} of client {}", pl.col("k") + 1, pl.col("client_id")).alias("name"),
        pl.format("c{}-{}@client.example", pl.col("client_id"), pl.col("k")).alias("email"),
        pl.lit("").alias("phone"),
        pl.lit("").alias("role"),
        (pl.col("k") == 0).alias("is_primary"),
    )


def contracts(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    # A second, renewed contract for clients older than a year (distinct start dates, so
    # "the latest contract" is well defined).
    span = pl.col("end_day") - pl.col("start_day")
    df = per_client(rng, cl, pl.when(span > 400).then(2).otherwise(1))
    df = uniforms(df, rng, "u_end", "u_auto", "u_notice", "u_reply", "u_chan")
    start = pl.col("start_day") + pl.col("k") * 365
    reply = pick(pl.col("u_reply"), [0, 24, 48, 72], [0.35, 0.25, 0.25, 0.15]).cast(pl.Int64)
    return number_rows(df, first_id).select(
        "id",
        "client_id",
        pl.format("Agreement {}", pl.col("k") + 1).alias("title"),
        day_date(start).alias("start"),
        pl.when(pl.col("u_end") < 0.5).then(day_date(start + 364)).alias("end"),
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


def flags(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = uniforms(cl.select("client_id", "start_day", "end_day"), rng, "u_flag", "u_day")
    df = df.filter(pl.col("u_flag") < 0.04)
    day = pl.col("start_day") + floor(
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
        day_date(day).alias("created_on"),
        # not_a_fit flags below 0.02 are active, the rest withdrawn; "other" flags active.
        ((pl.col("u_flag") < 0.02) | (pl.col("u_flag") >= 0.03)).alias("active"),
    )


def repair_plans(rng: Rng, cl: pl.DataFrame, first_id: int) -> pl.DataFrame:
    df = uniforms(cl.select("client_id"), rng, "u_plan", "u_open", "u_base", "u_status")
    df = df.filter(pl.col("u_plan") < 0.015)
    opened = AS_OF_DAY - 30 - floor(pl.col("u_open") * 90)
    return df.with_row_index("id", offset=first_id).select(
        pl.col("id").cast(pl.Int64),
        "client_id",
        day_date(opened).alias("opened_on"),
        day_date(opened + 60).alias("review_on"),
        between(pl.col("u_base"), 10.0, 40.0).alias("baseline_score"),
        pl.lit("[]").alias("strategies"),
        pl.when(pl.col("u_status") < 0.8)
        .then(pl.lit("open"))
        .otherwise(pl.lit("closed"))
        .alias("status"),
        pl.lit("").alias("notes"),
        # The columns issue 4 added to repair plans (NOT NULL, no database default).
        pl.lit(False).alias("acute"),
        pl.lit("{}").alias("baseline"),
        pl.lit("[]").alias("actions"),
        pl.lit("{}").alias("review"),
    )
