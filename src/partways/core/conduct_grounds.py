"""When a client's conduct is a ground to end now, and what was reported about it
`[000 #8] [002 #2] [002 #3]`: read off the signs' facts, for the triage and for an
offboarding case's reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Thresholds
from .phrase import Phrase, say

if TYPE_CHECKING:
    from .triage import SignalView


def end_now_grounds(by_id: dict[str, SignalView], cfg: Thresholds) -> list[tuple[str, Phrase]]:
    """The grounds for ending now, as (signal id, sentence): conduct toward your staff or
    you, or unethical behaviour, backed by a serious reported incident (medium or high)
    or by repeated messages. A low-severity report alone is never a ground."""
    min_msgs = cfg["triage.end_now_min_abusive_messages"]
    out = []
    staff = by_id.get("mistreats_staff")
    if staff and (
        staff.facts.get("staff_incidents", 0) >= 1
        or staff.facts.get("abusive_to_staff", 0) >= min_msgs
    ):
        out.append(
            (
                "mistreats_staff",
                say(
                    "reason.end_now.staff",
                    "They mistreat your staff: part ways as you would with an employee who "
                    "did the same [002 #2].",
                ),
            )
        )
    unethical = by_id.get("unethical")
    if unethical and (
        unethical.facts.get("unethical_incidents", 0) >= 1
        or unethical.facts.get("unethical_requests", 0)
        >= cfg["triage.end_now_min_unethical_messages"]
    ):
        out.append(
            (
                "unethical",
                say(
                    "reason.end_now.unethical",
                    "Unethical or illegal behaviour exposes you to undue risk: separate "
                    "quickly [002 #3].",
                ),
            )
        )
    abuse = by_id.get("abuse_or_unreasonable")
    if abuse and (
        abuse.facts.get("abuse_incidents", 0) >= 1
        or abuse.facts.get("abusive_messages", 0) >= min_msgs
    ):
        out.append(
            (
                "abuse_or_unreasonable",
                say(
                    "reason.end_now.abuse",
                    "Verbal abuse: let them go sooner rather than later, so it sets no "
                    "precedent [000 #8].",
                ),
            )
        )
    return out


def was_abusive(by_id: dict[str, SignalView]) -> bool:
    """True when the client abused you or your staff: no referral for them `[001]`.

    A rude remark reported at low severity is not abuse enough to deny a referral.
    """
    staff = by_id.get("mistreats_staff")
    abuse = by_id.get("abuse_or_unreasonable")
    return bool(
        (staff and (staff.facts.get("staff_incidents") or staff.facts.get("abusive_to_staff")))
        or (abuse and (abuse.facts.get("abuse_incidents") or abuse.facts.get("abusive_messages")))
    )


def conduct_reported(by_id: dict[str, SignalView]) -> bool:
    """Whether something about the client's behaviour was reported or written: what the
    conduct conversation is about (demands alone are answered with boundaries)."""
    keys = {
        "mistreats_staff": (
            "staff_incidents",
            "staff_incidents_low",
            "abusive_to_staff",
            "disrespect_to_staff",
        ),
        "abuse_or_unreasonable": ("abuse_incidents", "abuse_incidents_low", "abusive_messages"),
        "low_respect": ("disrespect",),
    }
    return any(
        (sig := by_id.get(sid)) is not None
        and sig.severity != "none"
        and any(sig.facts.get(k) for k in names)
        for sid, names in keys.items()
    )
