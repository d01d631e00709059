"""The client's conduct: abuse and unreasonable demands [000 #8] [003 #1], mistreating
staff [002 #2], unethical behaviour [002 #3]."""

from __future__ import annotations

import polars as pl

from ..phrase import Num, Phrase, listed, say, say_n, sentences
from .base import (
    Explainer,
    Row,
    Signal,
    date_param,
    detail,
    evidence_frame,
    message_evidence,
    term_param,
)
from .context import Context, combine, monthly

SERIOUS = ("medium", "high")


def _incidents(ctx: Context, kind: str, name: str, by_staff: bool | None = None) -> pl.LazyFrame:
    """Incidents of ``kind`` per month: ``name`` counts the serious ones (medium or high),
    ``name_low`` the ones reported at low severity.

    Severity matters: a low report is a conversation to have, a serious one is grounds
    to act `[000 #8] [002 #2] [002 #3]`.
    """
    serious = pl.col("severity").is_in(SERIOUS)
    return monthly(
        _of_kind(ctx, [kind], by_staff),
        **{name: serious.sum(), f"{name}_low": (~serious).sum()},
    )


def _of_kind(ctx: Context, kinds: list[str], by_staff: bool | None) -> pl.LazyFrame:
    """Incidents of ``kinds``; with ``by_staff``, only those a staff member did (True)
    or did not (False) report."""
    inc = ctx.incidents.filter(pl.col("kind").is_in(kinds))
    return inc if by_staff is None else inc.filter(pl.col("by_staff") == by_staff)


def _staff_incidents(ctx: Context) -> pl.LazyFrame:
    """What staff reported about how the client treated them, or anyone reported about
    how the client treated staff `[002 #2]`."""
    return ctx.incidents.filter(
        (pl.col("kind") == "abuse_to_staff")
        | ((pl.col("kind") == "abuse_to_you") & pl.col("by_staff"))
    )


def _incident_evidence(
    ctx: Context, kinds: list[str], by_staff: bool | None = None
) -> pl.LazyFrame:
    return _incident_rows(ctx, _of_kind(ctx, kinds, by_staff))


def _incident_rows(ctx: Context, inc: pl.LazyFrame) -> pl.LazyFrame:
    return evidence_frame(
        inc,
        pl.col("occurred_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.format("incident {}", pl.col("incident_id")),
        pl.when(pl.col("reporter").fill_null("").str.strip_chars() != "")
        .then(
            detail(
                "evidence.incident",
                "{kind} ({severity}), reported by {reporter}: {note}",
                kind=term_param(pl.col("kind"), "incident"),
                severity=term_param(pl.col("severity"), "severity"),
                reporter=pl.col("reporter"),
                note=pl.col("note").fill_null("").str.slice(0, 120),
            )
        )
        .otherwise(
            detail(
                "evidence.incident_anonymous",
                "{kind} ({severity}), reporter unknown: {note}",
                kind=term_param(pl.col("kind"), "incident"),
                severity=term_param(pl.col("severity"), "severity"),
                note=pl.col("note").fill_null("").str.slice(0, 120),
            )
        ),
    )


def _abuse_components(ctx: Context) -> pl.LazyFrame:
    to_us = ctx.inbound.filter(~pl.col("to_staff"))
    msgs = monthly(
        to_us,
        messages_to_us=pl.len(),
        abusive_messages=pl.col("abuse").sum(),
        demand_messages=(pl.col("demand") | pl.col("out_of_scope")).sum(),
    )
    d = ctx.deliverables
    deliv = monthly(
        d,
        deadlines_pulled_in=(pl.col("due") < pl.col("original_due")).fill_null(False).sum(),
        out_of_scope_requests=(~pl.col("in_scope")).sum(),
    )
    return combine(
        msgs,
        deliv,
        _incidents(ctx, "abuse_to_you", "abuse_incidents", by_staff=False),
        _incidents(ctx, "unreasonable_demand", "demand_incidents"),
    )


def _excess_demands(ctx: Context) -> pl.Expr:
    """Demanding messages beyond an ordinary share of the client's messages.

    Every client asks for things and is sometimes in a hurry; what is unreasonable is
    a share of pressure well above that `[000 #8]`. A flat count would flag a big,
    busy, polite client before a small, pushy one.
    """
    ordinary = pl.col("messages_to_us") * ctx.cfg["abuse_or_unreasonable.ordinary_demand_share"]
    return (pl.col("demand_messages") - ordinary).clip(lower_bound=0)


def _abuse_points(ctx: Context) -> pl.Expr:
    c = ctx.cfg
    return (pl.col("abusive_messages") + pl.col("abuse_incidents")) * c[
        "abuse_or_unreasonable.abuse_weight"
    ] + pl.col("abuse_incidents_low") * c["abuse_or_unreasonable.low_incident_weight"]


def _demand_points(ctx: Context) -> pl.Expr:
    c = ctx.cfg
    return (
        _excess_demands(ctx) + pl.col("deadlines_pulled_in") + pl.col("out_of_scope_requests")
    ) * c["abuse_or_unreasonable.demand_weight"] + (
        pl.col("demand_incidents") + pl.col("demand_incidents_low")
    ) * c["abuse_or_unreasonable.incident_weight"]


def _abuse_value(ctx: Context) -> pl.Expr:
    return (_abuse_points(ctx) + _demand_points(ctx)).cast(pl.Float64)


def _abuse_explain(row: Row, ex: Explainer) -> Phrase:
    abuse = []
    if row["abusive_messages"]:
        abuse.append(
            say_n(
                "abuse.messages",
                "{n} abusive message",
                "{n} abusive messages",
                row["abusive_messages"],
            )
        )
    if row["abuse_incidents"]:
        abuse.append(
            say_n(
                "abuse.incidents",
                "{n} serious reported incident",
                "{n} serious reported incidents",
                row["abuse_incidents"],
            )
        )
    if row["abuse_incidents_low"]:
        abuse.append(
            say_n(
                "abuse.incidents_low",
                "{n} incident reported at low severity",
                "{n} incidents reported at low severity",
                row["abuse_incidents_low"],
            )
        )
    demands = []
    if row["demand_messages"]:
        share = ex.cfg["abuse_or_unreasonable.ordinary_demand_share"]
        excess = max(0.0, row["demand_messages"] - row["messages_to_us"] * share)
        demands.append(
            say_n(
                "demands.messages",
                "{demands} of {n} message pressed urgent or out-of-scope demands ({excess} "
                "beyond an ordinary share)",
                "{demands} of {n} messages pressed urgent or out-of-scope demands ({excess} "
                "beyond an ordinary share)",
                row["messages_to_us"],
                demands=int(row["demand_messages"]),
                excess=Num(excess),
            )
        )
    if row["deadlines_pulled_in"]:
        demands.append(
            say_n(
                "demands.deadlines",
                "{n} deadline pulled in",
                "{n} deadlines pulled in",
                row["deadlines_pulled_in"],
            )
        )
    if row["out_of_scope_requests"]:
        demands.append(
            say_n(
                "demands.out_of_scope",
                "{n} out-of-scope deliverable requested",
                "{n} out-of-scope deliverables requested",
                row["out_of_scope_requests"],
            )
        )
    incidents = row["demand_incidents"] + row["demand_incidents_low"]
    if incidents:
        demands.append(
            say_n(
                "demands.incidents",
                "{n} reported unreasonable demand",
                "{n} reported unreasonable demands",
                incidents,
            )
        )
    if not abuse and not demands:
        return say(
            "abuse_or_unreasonable.none", "No abuse and no unreasonable demands in the window."
        )
    return sentences(
        listed("abuse.list", "Abuse toward you: {items}.", abuse) if abuse else None,
        listed("demands.list", "Unreasonable demands: {items}.", demands) if demands else None,
    )


def _abuse_evidence(ctx: Context) -> pl.LazyFrame:
    to_us = ctx.inbound.filter(~pl.col("to_staff"))
    d = ctx.deliverables.filter(
        (pl.col("due") < pl.col("original_due")).fill_null(False) | ~pl.col("in_scope")
    )
    return pl.concat(
        [
            _incident_evidence(ctx, ["abuse_to_you"], by_staff=False),
            _incident_evidence(ctx, ["unreasonable_demand"]),
            message_evidence(
                ctx, to_us.filter(pl.col("abuse")), "evidence.abusive", "abusive message sent {at}"
            ),
            message_evidence(
                ctx,
                to_us.filter(~pl.col("abuse") & (pl.col("demand") | pl.col("out_of_scope"))),
                "evidence.demand",
                "unreasonable demand sent {at}",
            ),
            evidence_frame(
                d,
                pl.col("month"),
                pl.format("deliverable {}", pl.col("deliverable_id")),
                pl.when(pl.col("in_scope"))
                .then(
                    detail(
                        "evidence.deadline_pulled_in",
                        "unreasonable demand: “{title}” due date pulled in from {before} to "
                        "{after}",
                        title=pl.col("title"),
                        before=date_param(pl.col("original_due")),
                        after=date_param(pl.col("due")),
                    )
                )
                .otherwise(
                    detail(
                        "evidence.out_of_scope",
                        "unreasonable demand: “{title}” requested outside the agreed scope",
                        title=pl.col("title"),
                    )
                ),
            ),
        ]
    )


ABUSE_OR_UNREASONABLE = Signal(
    id="abuse_or_unreasonable",
    tags="[000 #8] [003 #1]",
    title="Abuse or demands you can't meet",
    direction="higher_is_worse",
    components=_abuse_components,
    value=_abuse_value,
    explain=_abuse_explain,
    evidence=_abuse_evidence,
)


def _staff_components(ctx: Context) -> pl.LazyFrame:
    to_staff = ctx.inbound.filter(pl.col("to_staff"))
    msgs = monthly(
        to_staff,
        abusive_to_staff=pl.col("abuse").sum(),
        disrespect_to_staff=(pl.col("disrespect") & ~pl.col("abuse")).sum(),
    )
    serious = pl.col("severity").is_in(SERIOUS)
    incidents = monthly(
        _staff_incidents(ctx),
        staff_incidents=serious.sum(),
        staff_incidents_low=(~serious).sum(),
    )
    return combine(msgs, incidents)


def _staff_value(ctx: Context) -> pl.Expr:
    c = ctx.cfg
    return (
        (pl.col("abusive_to_staff") + pl.col("staff_incidents")) * c["mistreats_staff.abuse_weight"]
        + pl.col("staff_incidents_low") * c["mistreats_staff.low_incident_weight"]
        + pl.col("disrespect_to_staff") * c["mistreats_staff.disrespect_weight"]
    ).cast(pl.Float64)


def _staff_explain(row: Row, ex: Explainer) -> Phrase:
    parts = []
    if row["staff_incidents"]:
        parts.append(
            say_n(
                "staff.incidents",
                "{n} serious incident reported by or about your staff",
                "{n} serious incidents reported by or about your staff",
                row["staff_incidents"],
            )
        )
    if row["staff_incidents_low"]:
        parts.append(
            say_n(
                "staff.incidents_low",
                "{n} incident reported by or about your staff at low severity",
                "{n} incidents reported by or about your staff at low severity",
                row["staff_incidents_low"],
            )
        )
    if row["abusive_to_staff"]:
        parts.append(
            say_n(
                "staff.abusive",
                "{n} abusive message to staff members",
                "{n} abusive messages to staff members",
                row["abusive_to_staff"],
            )
        )
    if row["disrespect_to_staff"]:
        parts.append(
            say_n(
                "staff.belittling",
                "{n} belittling message to staff members",
                "{n} belittling messages to staff members",
                row["disrespect_to_staff"],
            )
        )
    if not parts:
        return say("mistreats_staff.none", "No sign of mistreating your staff in the window.")
    return listed("in_window.list", "In the window: {items}.", parts)


MISTREATS_STAFF = Signal(
    id="mistreats_staff",
    tags="[002 #2]",
    title="Mistreats your staff",
    direction="higher_is_worse",
    components=_staff_components,
    value=_staff_value,
    explain=_staff_explain,
    evidence=lambda ctx: pl.concat(
        [
            _incident_rows(ctx, _staff_incidents(ctx)),
            message_evidence(
                ctx,
                ctx.inbound.filter(pl.col("to_staff") & (pl.col("abuse") | pl.col("disrespect"))),
                "evidence.to_staff",
                "message to a staff member sent {at}",
            ),
        ]
    ),
)


def _unethical_components(ctx: Context) -> pl.LazyFrame:
    return combine(
        monthly(ctx.inbound, unethical_requests=pl.col("unethical_request").sum()),
        _incidents(ctx, "unethical", "unethical_incidents"),
    )


def _unethical_explain(row: Row, ex: Explainer) -> Phrase:
    parts = []
    if row["unethical_incidents"]:
        parts.append(
            say_n(
                "unethical.incidents",
                "{n} serious reported incident of unethical or illegal behaviour",
                "{n} serious reported incidents of unethical or illegal behaviour",
                row["unethical_incidents"],
            )
        )
    if row["unethical_incidents_low"]:
        parts.append(
            say_n(
                "unethical.incidents_low",
                "{n} incident of questionable behaviour reported at low severity",
                "{n} incidents of questionable behaviour reported at low severity",
                row["unethical_incidents_low"],
            )
        )
    if row["unethical_requests"]:
        parts.append(
            say_n(
                "unethical.requests",
                "{n} message asking for something improper (such as back-dating or fake reviews)",
                "{n} messages asking for something improper (such as back-dating or fake reviews)",
                row["unethical_requests"],
            )
        )
    if not parts:
        return say("unethical.none", "No unethical requests or incidents in the window.")
    return listed("in_window.list", "In the window: {items}.", parts)


UNETHICAL = Signal(
    id="unethical",
    tags="[002 #3]",
    title="Unethical or illegal behaviour",
    direction="higher_is_worse",
    components=_unethical_components,
    value=lambda ctx: (
        pl.col("unethical_incidents") * ctx.cfg["unethical.incident_weight"]
        + pl.col("unethical_incidents_low") * ctx.cfg["unethical.low_incident_weight"]
        + pl.col("unethical_requests") * ctx.cfg["unethical.message_weight"]
    ).cast(pl.Float64),
    explain=_unethical_explain,
    evidence=lambda ctx: pl.concat(
        [
            _incident_evidence(ctx, ["unethical"]),
            message_evidence(
                ctx,
                ctx.inbound.filter(pl.col("unethical_request")),
                "evidence.improper",
                "improper request sent {at}",
            ),
        ]
    ),
)
