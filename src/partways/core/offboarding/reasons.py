"""The one reason a relationship ends, chosen from the triage `[001] [002]`.

Exactly one reason is given to the client: more detail opens the door to argument
`[001]`. It is the first of: the end-now grounds (conduct, ethics), a "no longer a fit"
flag, then the heaviest sign in trouble.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The reasons of PLAYBOOK §5; each has a letter in every language.
REASONS: dict[str, str] = {
    "too_demanding": "Too demanding, or too much rework: someone else will serve them better",
    "mistreats_staff": "Mistreats you or your staff: respect is a core value",
    "unethical": "Unethical or risky: a provider with a different appetite for risk fits better",
    "payment": "Payment: other options were tried; you can't carry their payment schedule",
    "not_a_fit": "No longer a fit: you can't give them the attention they deserve",
    "generic": "Your services no longer meet their needs",
}

# The sign behind the decision → the script that fits it.
_BY_SIGNAL = {
    "mistreats_staff": "mistreats_staff",
    "unethical": "unethical",
    "payment_risk": "payment",
    "not_a_fit": "not_a_fit",
    "abuse_or_unreasonable": "too_demanding",
    "time_vs_value": "too_demanding",
    "rejected_recommendations": "too_demanding",
    "indecisive": "too_demanding",
    "after_hours": "too_demanding",
}

# Reasons whose client gets no referral: you don't pass an abusive client on `[001]`.
NO_REFERRAL = frozenset({"mistreats_staff"})

# The kind of provider to suggest, by reason, when no colleague is named. None for
# payment: you don't send a client who does not pay to your colleagues, and "a provider
# whose terms suit your cash flow" reads as a jibe.
REFERRAL_KINDS: dict[str, str] = {
    "too_demanding": "larger_agency",
    "not_a_fit": "full_service",
    "generic": "specialist",
}


class UnknownReason(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"no reason {reason!r}; expected one of: {', '.join(REASONS)}.")


@dataclass(frozen=True)
class SignFacts:
    """What the reason is chosen from: a sign's id and whether it rests on abuse."""

    signal: str
    abusive: bool = False


def choose_reason(
    recommendation: str, end_now_signals: Sequence[str], flagged: Sequence[SignFacts]
) -> str:
    """The reason for ending: a key of :data:`REASONS`.

    ``end_now_signals`` are the signs behind an end-now decision, in order;
    ``flagged`` the signs in trouble, heaviest first.
    """
    if recommendation == "end_now":
        for sid in end_now_signals:
            if sid in ("mistreats_staff", "abuse_or_unreasonable"):
                return "mistreats_staff"
            if sid == "unethical":
                return "unethical"
    ids = [f.signal for f in flagged]
    if "not_a_fit" in ids:
        return "not_a_fit"
    for f in flagged:
        if f.signal == "abuse_or_unreasonable" and f.abusive:
            return "mistreats_staff"
        if f.signal in _BY_SIGNAL:
            return _BY_SIGNAL[f.signal]
    return "generic"


def check_reason(reason: str) -> str:
    """``reason`` if it is known; raises :class:`UnknownReason` listing the known ones."""
    if reason not in REASONS:
        raise UnknownReason(reason)
    return reason
