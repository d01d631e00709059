"""Step 4: the conversation, planned before it is held `[000 step 3] [001]`.

Talking points carry exactly one reason; the rest is logistics the client needs
(the end date, the work that will be finished, the handover). What not to say is
listed as firmly as what to say: no grievances, no blame, no negotiating the decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from .contract import ContractReview

# The stance for each reason, as a talking point (PLAYBOOK §5).
_STANCE = {
    "too_demanding": (
        "It's not you, it's us: the way you need to work asks for more than we can give, "
        "and someone set up for it will serve you better."
    ),
    "mistreats_staff": (
        "Name the behaviour once, calmly: the way our team has been spoken to. Respect is a "
        "core value for us, so we are parting ways."
    ),
    "unethical": (
        "We are a conservative organisation; a provider whose appetite for risk matches "
        "yours will suit you better."
    ),
    "payment": (
        "We tried other payment options together; we can't carry this payment schedule, "
        "so please find a provider who can."
    ),
    "not_a_fit": (
        "Open warmly. We are on a growth path and can't give you the attention you had; "
        "you deserve a partner who makes you a priority."
    ),
    "generic": "I no longer think our services meet your needs [001].",
}

REHEARSAL = (
    "Write the talking points down and say them aloud twice before the call.",
    "Have the contract, the notice date and the end date in front of you.",
    "Prepare one calm answer to 'why?' that restates the single reason, nothing more.",
    "Decide beforehand what you offer (the handover, the finished work, a referral) and "
    "what you don't (staying on at a discount).",
    "Pick a time early in the week and in working hours, with room to talk afterwards.",
    "Send the letter the same day, so the decision is in writing.",
)

AVOID = (
    "No list of grievances: every extra detail opens the door to argument [001].",
    "No blame and no insult, however the client reacts [003 #4].",
    "Don't reopen the decision or negotiate terms to stay.",
    "Don't go silent or let the work trail off: the client is told [000 step 4].",
)


@dataclass(frozen=True)
class ConversationPlan:
    reason: str
    talking_points: tuple[str, ...]
    rehearsal: tuple[str, ...]
    avoid: tuple[str, ...]


def plan_conversation(
    reason: str,
    review: ContractReview,
    end_on: str,
    open_work: int,
    referral: str,
) -> ConversationPlan:
    """Talking points for ``reason`` (one reason only), with the rehearsal and the don'ts."""
    points = ["Thank them for the work together and say plainly that it will end."]
    points.append(_STANCE[reason])
    if review.has_contract and review.clause:
        points.append(f'Cite the contract\'s wording: "{review.clause}"')
    elif review.has_contract:
        points.append(f"Refer to the notice terms of the {review.title or 'contract'}.")
    points.append(f"The last day of work together is {end_on}.")
    if open_work:
        points.append(
            f"The {open_work} open deliverable{'s' if open_work != 1 else ''} will be finished "
            "to the usual standard; confirm which they still need."
        )
    points.append(
        "The handover: files, access credentials, documentation, the final invoice, and "
        "the return or deletion of their data."
    )
    if referral:
        points.append(f"Offer a referral: {referral}.")
    avoid: tuple[str, ...] = AVOID
    if reason == "mistreats_staff":
        avoid = (*AVOID, "Don't argue over single messages or incidents; name the pattern once.")
    return ConversationPlan(reason, tuple(points), REHEARSAL, avoid)
