"""Translated names for what the core reports with stable ids.

The core (plain Python, no Django) names signals, recommendations and strategies in
English; the interface shows them in the reader's language through these tables.
Keys are checked against the core's own ids by tests/web/test_labels.py, so a new
signal cannot go untranslated silently.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RECOMMENDATIONS: dict[str, Promise] = {
    "end_now": _("End now"),
    "end_at_contract_end": _("End at contract end"),
    "repair": _("Repair"),
    "watch": _("Watch"),
    "keep": _("Keep"),
}

PATTERNS: dict[str, Promise] = {
    "chronic": _("Chronic: a problem client"),
    "acute": _("Acute: a client who has a problem right now"),
    "intermittent": _("Intermittent"),
    "none": _("No pattern"),
}

SEVERITIES: dict[str, Promise] = {
    "none": _("none"),
    "low": _("low"),
    "medium": _("medium"),
    "high": _("high"),
}

SIGNALS: dict[str, Promise] = {
    "time_vs_value": _("Takes more time than they are worth"),
    "rejected_recommendations": _("Keeps rejecting your recommendations"),
    "low_respect": _("Little respect"),
    "minimal_communication": _("Minimal communication"),
    "pessimism": _("Pessimistic attitude"),
    "losing_money": _("You lose money on them"),
    "abuse_or_unreasonable": _("Abuse or demands you can't meet"),
    "mistreats_staff": _("Mistreats your staff"),
    "unethical": _("Unethical or illegal behaviour"),
    "payment_risk": _("Payment risk"),
    "after_hours": _("Messages at all hours"),
    "indecisive": _("Vague, indecisive feedback"),
    "not_a_fit": _("No longer a fit"),
    "not_progressing": _("The relationship does not progress"),
}

STRATEGIES: dict[str, Promise] = {
    "acute_support": _(
        "Apologise for the misunderstanding, offer to fix it, and help with what they need now"
    ),
    "channel_cadence": _(
        "Move to another channel or a fixed cadence: a weekly or fortnightly check-in"
    ),
    "payment_options": _("Offer other payment options: deposits, instalments, shorter terms"),
    "new_agreement": _(
        "Propose a new agreement at renewal with new boundaries: scope, reply window, "
        "revision limits, payment terms"
    ),
    "set_expectations": _(
        "Set expectations in writing: how work is structured, what to expect and when, "
        "how to reach you"
    ),
    "self_reflection": _(
        "Review your own side first: what can you change, and plan the conversation"
    ),
    "conduct_conversation": _(
        "Talk with the client about the reported behaviour: name it calmly, say what you "
        "expect from now on, and note their answer"
    ),
}

# Labels the text analysis puts on messages (core/text/model.py LABELS).
MESSAGE_LABELS: dict[str, Promise] = {
    "abuse": _("abuse"),
    "disrespect": _("disrespect"),
    "negative": _("negative"),
    "demand": _("demand"),
    "out_of_scope": _("out of scope"),
    "payment_excuse": _("payment excuse"),
    "unethical_request": _("unethical request"),
    "vague": _("vague"),
    "hardship": _("hardship"),
    "asks": _("asks for a reply"),
}


def label(table: dict[str, Promise], key: str) -> str:
    """The translated name, or the id itself for one the table does not know yet."""
    return str(table.get(key, key))


INCIDENT_KINDS: dict[str, Promise] = {
    "abuse_to_you": _("Abuse toward you"),
    "abuse_to_staff": _("Abuse toward staff"),
    "unethical": _("Unethical or illegal request or behaviour"),
    "unreasonable_demand": _("Unreasonable demand"),
    "other": _("Other"),
}

INCIDENT_SEVERITIES: dict[str, Promise] = {
    "low": _("Low"),
    "medium": _("Medium"),
    "high": _("High"),
}
