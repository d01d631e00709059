"""Dealings with the client: messages and their labels, meetings, proposals,
deliverables and incidents."""

from __future__ import annotations

import polars as pl

from partways.core.text import LABELS

from .rng import Rng, between, pick
from .synth import (
    ASKS_OURS,
    ASKS_THEIRS,
    CONCRETE,
    LABEL_MIX,
    LOG_DAY,
    NOTES,
    OUTSIDE_REPORTERS,
    RECENT_DAY,
    SUBJECTS,
    TEXTS,
    TITLES,
    VAGUE,
    attach,
    day_date,
    events,
    floor,
    local_utc,
    number_rows,
    per_client,
    uniforms,
    workday,
)


def messages(
    rng: Rng,
    cl: pl.DataFrame,
    n: int,
    first_id: int,
    staff: list[int],
    team: dict[int, tuple[str, str]],
    owner: int,
) -> pl.DataFrame:
    """Messages; about one inbound message in eight is to a staff member [002 #2].

    ``team`` gives each team member's (name, address) by id. What makes a message to
    staff is what the loader reads (store/addressees.py): an e-mail To the staff
    member with the owner in Cc; a chat message to a staff member alone, or in a
    channel with the owner that @mentions them. The other inbound messages go To the
    owner (half of them Cc a staff member), or to a channel of both without a mention.
    """
    df = events(rng, cl, n)
    df = attach(df, cl, "p_in", "p_after", "souring", "language")
    df = uniforms(
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
    day = pl.when(pl.col("after")).then(pl.col("day")).otherwise(workday(pl.col("day")))
    secs = (
        pl.when(pl.col("after"))
        .then(floor(pl.col("u_tod") * 86400))
        .otherwise(9 * 3600 + floor(pl.col("u_tod") * 9 * 3600))
    )
    staff_ids = pl.Series(staff, dtype=pl.Int64)
    staff_pick = staff_ids.gather(df.select(floor(pl.col("u_staff") * len(staff))).to_series())
    texts = pl.Series(TEXTS).gather(df.select(floor(pl.col("u_text") * len(TEXTS))).to_series())
    subjects = pl.Series(SUBJECTS).gather(
        df.select(floor(pl.col("u_subj") * len(SUBJECTS))).to_series()
    )
    df = df.with_columns(
        # Microseconds, as a mail import would give: no two messages share a timestamp,
        # so "the message before" is never ambiguous.
        local_utc(day, secs, floor(pl.col("u_us") * 1_000_000)).alias("sent_at"),
        staff_pick.alias("_staff"),
        texts.alias("text"),
        subjects.alias("_subject"),
    )
    channel = pick(pl.col("u_chan"), ["email", "chat", "sms", "other"], [0.6, 0.3, 0.07, 0.03])
    name_of = {pk: name for pk, (name, _) in team.items()}
    address_of = {pk: address for pk, (_, address) in team.items()}
    to_staff = pl.col("inbound") & (pl.col("u_rcp") < 0.12)
    chat = pl.col("channel") == "chat"
    boss = pl.lit(address_of[owner])
    them = pl.col("_staff").replace_strict(address_of, return_dtype=pl.String)
    both = pl.concat_str(boss, pl.lit("\n"), them)
    mention = to_staff & chat & (pl.col("u_rcp") < 0.06)
    df = df.with_columns(channel.alias("channel"))
    df = df.with_columns(
        pl.when(~pl.col("inbound"))
        .then(pl.lit(""))
        .when(to_staff & ~chat)
        .then(pl.concat_str(them, pl.lit("\n"), boss))
        .when(to_staff & ~mention)
        .then(them)
        .when(chat | (pl.col("u_rcp") >= 0.56))
        .then(both)
        .otherwise(boss)
        .alias("recipients"),
        pl.when(mention)
        .then(
            pl.concat_str(
                pl.lit("@"),
                pl.col("_staff").replace_strict(name_of, return_dtype=pl.String),
                pl.lit(" "),
                pl.col("text"),
            )
        )
        .otherwise(pl.col("text"))
        .alias("text"),
    )
    df = number_rows(df, first_id, "sent_at").with_columns(
        # A few messages could not be matched to a client on import.
        pl.when(pl.col("u_orphan") < 0.001)
        .then(None)
        .otherwise(pl.col("client_id"))
        .alias("client_id"),
        pl.when(pl.col("inbound")).then(pl.lit("in")).otherwise(pl.lit("out")).alias("direction"),
        # The import-time hint, as an import would set it; the engine does not read it.
        pl.when(pl.col("inbound") & (pl.col("u_rcp") < 0.12))
        .then(pl.col("_staff"))
        .alias("recipient_id"),
    )
    return df


def message_rows(msg: pl.DataFrame) -> pl.DataFrame:
    return msg.select(
        "id",
        "client_id",
        "direction",
        "channel",
        "sent_at",
        pl.lit("").alias("author"),
        pl.lit("").alias("author_address"),
        "recipient_id",
        "recipients",
        pl.lit("").alias("thread_key"),
        pl.lit(None, dtype=pl.Int64).alias("in_reply_to_id"),
        pl.lit(None, dtype=pl.String).alias("external_id"),
        pl.when(pl.col("channel") == "email")
        .then(pl.col("_subject"))
        .otherwise(pl.lit(""))
        .alias("subject"),
        "text",
        "language",
        # Labels drawn at random, not read from the text: the benchmark times the engine.
        pl.lit("bench/synthetic").alias("analyzer"),
    )


def labels(rng: Rng, cl: pl.DataFrame, msg: pl.DataFrame, first_id: int) -> pl.DataFrame:
    """Labels: about one inbound message in ten gets one of tone (a few two), the mix
    depending on the client; apart from that, ``ASKS_OURS`` of our messages and
    ``ASKS_THEIRS`` of the client's ask something (``asks``)."""
    df = attach(
        msg.select("id", "idx", "day", "inbound", "souring"), cl, "p_label", "profile", "demanding"
    )
    df = uniforms(
        df, rng, "u_on", "u_label", "u_score", "u_two", "u_second", "u_score2", "u_ask", "u_score3"
    )
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
        .then(pick(pl.col("u_label"), idx, LABEL_MIX[0]))
        .when(kind == 1)
        .then(pick(pl.col("u_label"), idx, LABEL_MIX[1]))
        .when(kind == 2)
        .then(pick(pl.col("u_label"), idx, LABEL_MIX[2]))
        .otherwise(pick(pl.col("u_label"), idx, LABEL_MIX[3]))
    ).cast(pl.Int64)
    p_asks = pl.when(pl.col("inbound")).then(ASKS_THEIRS).otherwise(ASKS_OURS)
    asks = df.filter(pl.col("u_ask") < p_asks).select(
        pl.col("id").alias("message_id"),
        pl.lit(LABELS.index("asks"), dtype=pl.Int64).alias("li"),
        pl.col("u_score3").alias("u_s"),
    )
    df = df.filter(pl.col("u_on") < p).with_columns(first.alias("l1"))
    one = df.select(
        pl.col("id").alias("message_id"), pl.col("l1").alias("li"), pl.col("u_score").alias("u_s")
    )
    # An abusive message is most often disrespectful too; any other gets a second label
    # now and then.
    abuse = LABELS.index("abuse")
    other = (pl.col("l1") + 1 + floor(pl.col("u_second") * (len(LABELS) - 1))) % len(LABELS)
    two = df.filter(
        pl.when(pl.col("l1") == abuse).then(pl.col("u_two") < 0.6).otherwise(pl.col("u_two") < 0.03)
    ).select(
        pl.col("id").alias("message_id"),
        pl.when(pl.col("l1") == abuse)
        .then(LABELS.index("disrespect"))
        .otherwise(other)
        .cast(pl.Int64)
        .alias("li"),
        pl.col("u_score2").alias("u_s"),
    )
    # A second label may be ``asks`` again: a message carries each label once.
    rows = (
        pl.concat([one, two, asks])
        .unique(["message_id", "li"], keep="first", maintain_order=True)
        .sort("message_id", "li")
    )
    names = pl.Series(LABELS).gather(rows.get_column("li"))
    return rows.with_row_index("id", offset=first_id).select(
        pl.col("id").cast(pl.Int64),
        "message_id",
        names.alias("label"),
        between(pl.col("u_s"), 0.5, 1.0).alias("score"),
        pl.lit("[]").alias("spans"),
    )


def meetings(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = attach(events(rng, cl, n), cl, "p_noshow", "p_unprep")
    df = uniforms(df, rng, "u_tod", "u_status", "u_prep_null", "u_prep", "u_check")
    secs = 9 * 3600 + floor(pl.col("u_tod") * 16) * 1800
    status = (
        pl.when(pl.col("u_status") < pl.col("p_noshow"))
        .then(pl.lit("no_show"))
        .when(pl.col("u_status") < pl.col("p_noshow") + 0.05)
        .then(pl.lit("cancelled"))
        .otherwise(pl.lit("held"))
    )
    df = df.with_columns(local_utc(workday(pl.col("day")), secs).alias("starts_at"))
    return number_rows(df, first_id, "starts_at").select(
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


def proposals(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = attach(events(rng, cl, n), cl, "p_reject", "p_vague")
    df = uniforms(
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
    vague = pl.Series(VAGUE).gather(df.select(floor(pl.col("u_pick") * len(VAGUE))).to_series())
    concrete = pl.Series(CONCRETE).gather(
        df.select(floor(pl.col("u_pick") * len(CONCRETE))).to_series()
    )
    titles = pl.Series(TITLES).gather(df.select(floor(pl.col("u_title") * len(TITLES))).to_series())
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
    return number_rows(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("deliverable_id"),
        pick(pl.col("u_kind"), ["recommendation", "deliverable"], [0.5, 0.5]).alias("kind"),
        "title",
        day_date(pl.col("day")).alias("submitted_on"),
        pl.when(~pending)
        .then(day_date(pl.col("day") + 1 + floor(pl.col("u_wait") ** 2 * 45)))
        .alias("decided_on"),
        "outcome",
        reason.alias("reason"),
        (1 + floor(pl.col("u_round") ** 2 * 4)).alias("revision_round"),
    )


def deliverables(rng: Rng, cl: pl.DataFrame, n: int, first_id: int) -> pl.DataFrame:
    df = attach(events(rng, cl, n), cl, "demanding")
    df = uniforms(
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
    due_day = pl.col("day") + 7 + floor(pl.col("u_len") * 54)
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
    titles = pl.Series(TITLES).gather(df.select(floor(pl.col("u_title") * len(TITLES))).to_series())
    df = df.with_columns(status.alias("status"), due_day.alias("due_day"), titles.alias("title"))
    done = pl.col("status").is_in(["delivered", "accepted"])
    return number_rows(df, first_id, "day").select(
        "id",
        "client_id",
        pl.lit(None, dtype=pl.Int64).alias("project_id"),
        "title",
        "status",
        pl.when(pl.col("u_req") >= 0.2).then(day_date(pl.col("day"))).alias("requested_on"),
        pl.when(pl.col("u_nodue") >= 0.05).then(day_date(pl.col("due_day"))).alias("due"),
        pl.when(pulled)
        .then(day_date(pl.col("due_day") + 1 + floor(pl.col("u_pull2") * 14)))
        .when(pl.col("u_same") < 0.2)
        .then(day_date(pl.col("due_day")))
        .alias("original_due"),
        pl.when(done).then(day_date(pl.col("due_day"))).alias("delivered_on"),
        (done & (pl.col("u_paid") < 0.8)).alias("paid_for"),
        out_of_scope.not_().alias("in_scope"),
    )


def reporters(team: dict[int, tuple[str, str]], owner: int) -> list[str]:
    """What a form's free-text "reported by" may hold: someone outside the team or
    nobody, the owner's name in capitals, and each other team member as people type
    them (the name in lower case with stray spaces, or the e-mail address in capitals),
    whom the engine must still read as staff [002 #2]."""
    typed = [team[owner][0].upper()]
    for k, pk in enumerate(sorted(pk for pk in team if pk != owner)):
        name, address = team[pk]
        typed.append(f"  {name.lower()} " if k % 2 == 0 else address.upper())
    return [*OUTSIDE_REPORTERS, *typed]


def incidents(
    rng: Rng,
    cl: pl.DataFrame,
    first_id: int,
    members: list[int],
    team: dict[int, tuple[str, str]],
    owner: int,
) -> pl.DataFrame:
    """Reported incidents, of every severity. Toxic clients have several, most
    difficult ones one or two, anyone else now and then one; a client who turns sour
    has one or two in its recent months, when the trouble starts. All fall after
    ``LOG_DAY``, when the business began to keep its incident log.

    The owner files a third of them, another team member (``members``: managers and
    staff, the owner too) a third, and the rest name the reporter in free text
    (:func:`reporters`). Who reported matters: abuse toward you that a staff member
    reported is mistreating staff [002 #2].
    """
    count = (
        pl.when(pl.col("profile") == 2)
        .then(2 + floor(pl.col("_u_count") * 5))
        .when(((pl.col("profile") == 1) & (pl.col("_u_count") < 0.6)) | pl.col("souring"))
        .then(1 + (pl.col("_u_count") < 0.2).cast(pl.Int64))
        .when(pl.col("_u_count") < 0.05)
        .then(1)
        .otherwise(0)
    )
    df = per_client(rng, cl, count)
    df = uniforms(
        df, rng, "u_day", "u_tod", "u_kind", "u_sev", "u_rep", "u_who", "u_note", "u_typed"
    )
    since = pl.when(pl.col("souring")).then(RECENT_DAY).otherwise(LOG_DAY)
    first = pl.max_horizontal("start_day", since).clip(upper_bound="end_day")
    day = first + floor(pl.col("u_day") * (pl.col("end_day") - first + 1))
    kinds = ["abuse_to_you", "abuse_to_staff", "unethical", "unreasonable_demand", "other"]
    who = pl.Series(members, dtype=pl.Int64).gather(
        df.select(floor(pl.col("u_who") * len(members))).to_series()
    )
    free = reporters(team, owner)
    typed = pl.Series(free).gather(df.select(floor(pl.col("u_typed") * len(free))).to_series())
    notes = pl.Series(NOTES).gather(df.select(floor(pl.col("u_note") * len(NOTES))).to_series())
    df = df.with_columns(
        local_utc(workday(day), 9 * 3600 + floor(pl.col("u_tod") * 9 * 60) * 60).alias(
            "occurred_at"
        ),
        who.alias("_who"),
        typed.alias("_typed"),
        notes.alias("note"),
    )
    by_owner = pl.col("u_rep") < 0.33
    reported_by_member = pl.col("u_rep") < 0.66
    return number_rows(df, first_id, "occurred_at").select(
        "id",
        "client_id",
        pick(pl.col("u_kind"), kinds, [0.3, 0.2, 0.15, 0.3, 0.05]).alias("kind"),
        pl.when(by_owner)
        .then(pl.lit(owner, dtype=pl.Int64))
        .when(reported_by_member)
        .then(pl.col("_who"))
        .alias("reporter_id"),
        pl.when(reported_by_member)
        .then(pl.lit(""))
        .otherwise(pl.col("_typed"))
        .alias("reporter_name"),
        pick(pl.col("u_sev"), ["low", "medium", "high"], [0.5, 0.35, 0.15]).alias("severity"),
        "occurred_at",
        "note",
    )
