"""The client's conduct: abuse and unreasonable demands [000 #8] [003 #1], mistreating
staff [002 #2], unethical behaviour [002 #3]."""

from __future__ import annotations

import polars as pl

from .base import Explainer, Row, Signal, evidence_frame, message_evidence
from .context import Context, combine, monthly


def _incidents(ctx: Context, kind: str, name: str) -> pl.LazyFrame:
    return monthly(ctx.incidents.filter(pl.col("kind") == kind), **{name: pl.len()})


def _incident_evidence(ctx: Context, kinds: list[str]) -> pl.LazyFrame:
    inc = ctx.incidents.filter(pl.col("kind").is_in(kinds))
    return evidence_frame(
        inc,
        pl.col("occurred_at").dt.convert_time_zone(ctx.tz).dt.date(),
        pl.format("incident {}", pl.col("incident_id")),
        pl.format(
            "{} ({}), reported by {}: {}",
            pl.col("kind").str.replace_all("_", " "),
            pl.col("severity"),
            pl.col("reporter").fill_null("unknown"),
            pl.col("note").fill_null("").str.slice(0, 120),
        ),
    )


def _abuse_components(ctx: Context) -> pl.LazyFrame:
    to_us = ctx.inbound.filter(~pl.col("to_staff"))
    msgs = monthly(
        to_us,
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
        _incidents(ctx, "abuse_to_you", "abuse_incidents"),
        _incidents(ctx, "unreasonable_demand", "demand_incidents"),
    )


def _abuse_value(ctx: Context) -> pl.Expr:
    c = ctx.cfg
    return (
        (pl.col("abusive_messages") + pl.col("abuse_incidents"))
        * c["abuse_or_unreasonable.abuse_weight"]
        + (
            pl.col("demand_messages")
            + pl.col("deadlines_pulled_in")
            + pl.col("out_of_scope_requests")
        )
        * c["abuse_or_unreasonable.demand_weight"]
        + pl.col("demand_incidents") * c["abuse_or_unreasonable.incident_weight"]
    ).cast(pl.Float64)


def _abuse_explain(row: Row, ex: Explainer) -> str:
    parts = []
    if row["abusive_messages"]:
        parts.append(ex.n(row["abusive_messages"], "abusive message", "abusive messages"))
    if row["abuse_incidents"]:
        parts.append(
            ex.n(row["abuse_incidents"], "reported incident", "reported incidents")
            + " of abuse toward you"
        )
    if row["demand_messages"]:
        parts.append(
            ex.n(
                row["demand_messages"],
                "urgent or out-of-scope demand",
                "urgent or out-of-scope demands",
            )
        )
    if row["deadlines_pulled_in"]:
        parts.append(ex.n(row["deadlines_pulled_in"], "deadline", "deadlines") + " pulled in")
    if row["out_of_scope_requests"]:
        parts.append(
            ex.n(
                row["out_of_scope_requests"],
                "out-of-scope deliverable",
                "out-of-scope deliverables",
            )
            + " requested"
        )
    if row["demand_incidents"]:
        parts.append(
            ex.n(
                row["demand_incidents"],
                "reported unreasonable demand",
                "reported unreasonable demands",
            )
        )
    if not parts:
        return "No abuse and no unreasonable demands in the window."
    return "In the window: " + "; ".join(parts) + "."


def _abuse_evidence(ctx: Context) -> pl.LazyFrame:
    to_us = ctx.inbound.filter(~pl.col("to_staff"))
    d = ctx.deliverables.filter(
        (pl.col("due") < pl.col("original_due")).fill_null(False) | ~pl.col("in_scope")
    )
    return pl.concat(
        [
            _incident_evidence(ctx, ["abuse_to_you", "unreasonable_demand"]),
            message_evidence(ctx, to_us.filter(pl.col("abuse")), "abusive message sent"),
            message_evidence(
                ctx,
                to_us.filter(pl.col("demand") | pl.col("out_of_scope")),
                "demanding message sent",
            ),
            evidence_frame(
                d,
                pl.col("month"),
                pl.format("deliverable {}", pl.col("deliverable_id")),
                pl.when(pl.col("in_scope"))
                .then(
                    pl.format(
                        "'{}' due date pulled in from {} to {}",
                        pl.col("title"),
                        pl.col("original_due"),
                        pl.col("due"),
                    )
                )
                .otherwise(pl.format("'{}' requested outside the agreed scope", pl.col("title"))),
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
        disrespect_to_staff=pl.col("disrespect").sum(),
    )
    return combine(msgs, _incidents(ctx, "abuse_to_staff", "staff_incidents"))


def _staff_value(ctx: Context) -> pl.Expr:
    c = ctx.cfg
    return (
        (pl.col("abusive_to_staff") + pl.col("staff_incidents")) * c["mistreats_staff.abuse_weight"]
        + pl.col("disrespect_to_staff") * c["mistreats_staff.disrespect_weight"]
    ).cast(pl.Float64)


def _staff_explain(row: Row, ex: Explainer) -> str:
    parts = []
    if row["staff_incidents"]:
        parts.append(
            ex.n(row["staff_incidents"], "incident", "incidents") + " reported by your staff"
        )
    if row["abusive_to_staff"]:
        parts.append(
            ex.n(row["abusive_to_staff"], "abusive message", "abusive messages")
            + " to staff members"
        )
    if row["disrespect_to_staff"]:
        parts.append(
            ex.n(row["disrespect_to_staff"], "belittling message", "belittling messages")
            + " to staff members"
        )
    if not parts:
        return "No sign of mistreating your staff in the window."
    return "In the window: " + "; ".join(parts) + "."


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
            _incident_evidence(ctx, ["abuse_to_staff"]),
            message_evidence(
                ctx,
                ctx.inbound.filter(pl.col("to_staff") & (pl.col("abuse") | pl.col("disrespect"))),
                "message to a staff member sent",
            ),
        ]
    ),
)


def _unethical_components(ctx: Context) -> pl.LazyFrame:
    return combine(
        monthly(ctx.inbound, unethical_requests=pl.col("unethical_request").sum()),
        _incidents(ctx, "unethical", "unethical_incidents"),
    )


def _unethical_explain(row: Row, ex: Explainer) -> str:
    parts = []
    if row["unethical_incidents"]:
        parts.append(
            ex.n(row["unethical_incidents"], "reported incident", "reported incidents")
            + " of unethical or illegal behaviour"
        )
    if row["unethical_requests"]:
        parts.append(
            ex.n(row["unethical_requests"], "message", "messages")
            + " asking for something improper (such as back-dating or fake reviews)"
        )
    if not parts:
        return "No unethical requests or incidents in the window."
    return "In the window: " + "; ".join(parts) + "."


UNETHICAL = Signal(
    id="unethical",
    tags="[002 #3]",
    title="Unethical or illegal behaviour",
    direction="higher_is_worse",
    components=_unethical_components,
    value=lambda ctx: (
        pl.col("unethical_incidents") * ctx.cfg["unethical.incident_weight"]
        + pl.col("unethical_requests") * ctx.cfg["unethical.message_weight"]
    ).cast(pl.Float64),
    explain=_unethical_explain,
    evidence=lambda ctx: pl.concat(
        [
            _incident_evidence(ctx, ["unethical"]),
            message_evidence(
                ctx, ctx.inbound.filter(pl.col("unethical_request")), "improper request sent"
            ),
        ]
    ),
)
