"""Step 4: the conversation, planned before it is held `[000 step 3] [001]`.

Talking points carry exactly one reason; the rest is logistics the client needs
(the end date, the work that will be finished, the handover). What not to say is
listed as firmly as what to say: no grievances, no blame, no negotiating the decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..phrase import Phrase, say, say_n
from .contract import ContractReview

# The stance for each reason, as a talking point (PLAYBOOK §5).
_STANCE = {
    "too_demanding": say(
        "stance.too_demanding",
        "It's not you, it's us: the way you need to work asks for more than we can give, "
        "and someone set up for it will serve you better.",
    ),
    "mistreats_staff": say(
        "stance.mistreats_staff",
        "Name the behaviour once, calmly: the way our team has been spoken to. Respect is a "
        "core value for us, so we are parting ways.",
    ),
    "unethical": say(
        "stance.unethical",
        "We are a conservative organisation; a provider whose appetite for risk matches "
        "yours will suit you better.",
    ),
    "payment": say(
        "stance.payment",
        "We tried other payment options together; we can't carry this payment schedule, "
        "so please find a provider who can.",
    ),
    "not_a_fit": say(
        "stance.not_a_fit",
        "Open warmly. We are on a growth path and can't give you the attention you had; "
        "you deserve a partner who makes you a priority.",
    ),
    "generic": say("stance.generic", "I no longer think our services meet your needs [001]."),
}

REHEARSAL = (
    say(
        "rehearsal.aloud",
        "Write the talking points down and say them aloud twice before the call.",
    ),
    say(
        "rehearsal.papers",
        "Have the contract, the notice date and the end date in front of you.",
    ),
    say(
        "rehearsal.why",
        "Prepare one calm answer to “why?” that restates the single reason, nothing more.",
    ),
    say(
        "rehearsal.offer",
        "Decide beforehand what you offer (the handover, the finished work, a referral) and "
        "what you don't (staying on at a discount).",
    ),
    say(
        "rehearsal.time",
        "Pick a time early in the week and in working hours, with room to talk afterwards.",
    ),
    say("rehearsal.letter", "Send the letter the same day, so the decision is in writing."),
)

AVOID = (
    say(
        "avoid.grievances",
        "No list of grievances: every extra detail opens the door to argument [001].",
    ),
    say("avoid.blame", "No blame and no insult, however the client reacts [003 #4]."),
    say("avoid.reopen", "Don't reopen the decision or negotiate terms to stay."),
    say(
        "avoid.silence",
        "Don't go silent or let the work trail off: the client is told [000 step 4].",
    ),
)
AVOID_STAFF = say(
    "avoid.single_incidents",
    "Don't argue over single messages or incidents; name the pattern once.",
)


@dataclass(frozen=True)
class ConversationPlan:
    reason: str
    talking_points: tuple[Phrase, ...]
    rehearsal: tuple[Phrase, ...]
    avoid: tuple[Phrase, ...]


def plan_conversation(
    reason: str,
    review: ContractReview,
    end_on: dt.date,
    open_work: int,
    referral: str,
) -> ConversationPlan:
    """Talking points for ``reason`` (one reason only), with the rehearsal and the don'ts."""
    points = [
        say(
            "talk.thanks",
            "Thank them for the work together and say plainly that it will end.",
        ),
        _STANCE[reason],
    ]
    if review.has_contract and review.clause:
        points.append(
            say("talk.clause", "Cite the contract's wording: “{clause}”", clause=review.clause)
        )
    elif review.has_contract and review.title:
        points.append(
            say(
                "talk.notice_terms_of",
                "Refer to the notice terms of the {title}.",
                title=review.title,
            )
        )
    elif review.has_contract:
        points.append(say("talk.notice_terms", "Refer to the notice terms of the contract."))
    points.append(say("talk.last_day", "The last day of work together is {end_on}.", end_on=end_on))
    if open_work:
        points.append(
            say_n(
                "talk.open_work",
                "The {n} open deliverable will be finished to the usual standard; confirm "
                "that they still need it.",
                "The {n} open deliverables will be finished to the usual standard; confirm "
                "which they still need.",
                open_work,
            )
        )
    points.append(
        say(
            "talk.handover",
            "The handover: files, access credentials, documentation, the final invoice, and "
            "the return or deletion of their data.",
        )
    )
    if referral:
        points.append(say("talk.referral", "Offer a referral: {referral}.", referral=referral))
    avoid: tuple[Phrase, ...] = AVOID
    if reason == "mistreats_staff":
        avoid = (*AVOID, AVOID_STAFF)
    return ConversationPlan(reason, tuple(points), REHEARSAL, avoid)
