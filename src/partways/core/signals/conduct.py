"""The client's conduct: abuse and unreasonable demands [000 #8] [003 #1], mistreating
staff [002 #2], unethical behaviour [002 #3]."""

from __future__ import annotations

import polars as pl

from .base import Explainer, Row, Signal, evidence_frame, message_evidence
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


def _abuse_explain(row: Row, ex: Explainer) -> str:
    abuse = []
    if row["abusive_messages"]:
        abuse.append(ex.n(row["abusive_messages"], "abusive message", "abusive messages"))
    if row["abuse_incidents"]:
        abuse.append(
            ex.n(row["abuse_incidents"], "serious reported incident", "serious reported incidents")
        )
    if row["abuse_incidents_low"]:
        abuse.append(
            ex.n(row["abuse_incidents_low"], "incident reported", "incidents reported")
            + " at low severity"
        )
    demands = []
    if row["demand_messages"]:
        share = ex.cfg["abuse_or_unreasonable.ordinary_demand_share"]
        excess = max(0.0, row["demand_messages"] - row["messages_to_us"] * share)
        demands.append(
            f"{int(row['demand_messages'])} of {int(row['messages_to_us'])} messages pressed "
            f"urgent or out-of-scope demands ({excess:.0f} beyond an ordinary "
            "share)"
        )
    if row["deadlines_pulled_in"]:
        demands.append(ex.n(row["deadlines_pulled_in"], "deadline", "deadlines") + " pulled in")
    if row["out_of_scope_requests"]:
        demands.append(
            ex.n(
                row["out_of_scope_requests"],
                "out-of-scope deliverable",
                "out-of-scope deliverables",
            )
            + " requested"
        )
    incidents = row["demand_incidents"] + row["demand_incidents_low"]
    if incidents:
        demands.append(
            ex.n(incidents, "reported unreasonable demand", "reported unreasonable demands")
        )
    if not abuse and not demands:
        return "No abuse and no unreasonable demands in the window."
    parts = []
    if abuse:
        parts.append("Abuse toward you: " + "; ".join(abuse) + ".")
    if demands:
        parts.append("Unreasonable demands: " + "; ".join(demands) + ".")
    return " ".join(parts)


def _abuse_evidence(ctx: Context) -> pl.LazyFrame:
    to_us = ctx.inbound.filter(~pl.col("to_staff"))
    d = ctx.deliverables.filter(
        (pl.col("due") < pl.col("original_due")).fill_null(False) | ~pl.col("in_scope")
    )
    return pl.concat(
        [
            _incident_evidence(ctx, ["abuse_to_you"], by_staff=False),
            _incident_evidence(ctx, ["unreasonable_demand"]),
            message_evidence(ctx, to_us.filter(pl.col("abuse")), "abusive message sent"),
            message_evidence(
                ctx,
                to_us.filter(~pl.col("abuse") & (pl.col("demand") | pl.col("out_of_scope"))),
                "unreasonable demand sent",
            ),
            evidence_frame(
                d,
                pl.col("month"),
                pl.format("deliverable {}", pl.col("deliverable_id")),
                pl.when(pl.col("in_scope"))
                .then(
                    pl.format(
                        "unreasonable demand: '{}' due date pulled in from {} to {}",
                        pl.col("title"),
                        pl.col("original_due"),
                        pl.col("due"),
                    )
                )
                .otherwise(
                    pl.format(
                        "unreasonable demand: '{}' requested outside the agreed scope",
                        pl.col("title"),
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


def _staff_explain(row: Row, ex: Explainer) -> str:
    parts = []
    if row["staff_incidents"]:
        parts.append(
            ex.n(row["staff_incidents"], "serious incident", "serious incidents")
            + " reported by or about your staff"
        )
    if row["staff_incidents_low"]:
        parts.append(
            ex.n(row["staff_incidents_low"], "incident", "incidents")
            + " reported by or about your staff at low severity"
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
            _incident_rows(ctx, _staff_incidents(ctx)),
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
            ex.n(
                row["unethical_incidents"],
                "serious reported incident",
                "serious reported incidents",
            )
            + " of unethical or illegal behaviour"
        )
    if row["unethical_incidents_low"]:
        parts.append(
            ex.n(row["unethical_incidents_low"], "incident", "incidents")
            + " of questionable behaviour reported at low severity"
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
        + pl.col("unethical_incidents_low") * ctx.cfg["unethical.low_incident_weight"]
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
