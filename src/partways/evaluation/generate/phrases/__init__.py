"""The generator's phrase banks: what clients and the agency write, per language.

Two banks with the same kinds and meanings but different wordings: ``TUNING`` is used
by the agencies the tool may be tuned on, ``HELD_OUT`` by the agencies kept out of
tuning, so a wording learnt from the first says nothing about the second.

A bank maps language -> kind -> templates. Slots: ``{name}`` (the reader's first
name), ``{me}`` (the writer's first name), ``{item}`` (a piece of work), ``{idea}`` (a
recommendation), ``{date}``, ``{month}``, ``{invoice}``, ``{amount}``, ``{days}``,
``{staff}`` (a team member's first name), ``{client}`` (the client's name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from partways.evaluation.generate.phrases import (
    heldout_ar,
    heldout_en,
    heldout_hr,
    heldout_id,
    tuning_ar,
    tuning_en,
    tuning_hr,
    tuning_id,
)

Bank = Mapping[str, Mapping[str, tuple[str, ...]]]

TUNING: Bank = {
    "en": tuning_en.PHRASES,
    "id": tuning_id.PHRASES,
    "hr": tuning_hr.PHRASES,
    "ar": tuning_ar.PHRASES,
}
HELD_OUT: Bank = {
    "en": heldout_en.PHRASES,
    "id": heldout_id.PHRASES,
    "hr": heldout_hr.PHRASES,
    "ar": heldout_ar.PHRASES,
}

# Kinds every bank has for every language its clients write in.
MESSAGE_KINDS: tuple[str, ...] = (
    # ours
    "status",
    "noted",
    "delivery",
    "question",
    "approval",
    "recommend",
    "invoice",
    "reminder",
    "request_ack",
    "fix_done",
    "apology",
    "condolence",
    "decline",
    "scope_reply",
    "answer",
    "invoice_answer",
    "reassure",
    "nudge",
    # both ways
    "small_talk",
    "greet",
    "sign",
    # theirs
    "answer_yes",
    "answer_info",
    "revision_concrete",
    "request",
    "client_question",
    "thanks",
    "complaint",
    "urgent_polite",
    "thanks_fix",
    "invoice_question",
    "big_request",
    "pay_soon",
    "belittle",
    "gloom",
    "vague",
    "reject",
    "pressure",
    "scope_creep",
    "excuse",
    "abuse_owner",
    "abuse_staff",
    "curt",
    "unethical",
    "hardship",
    "short_negative",
    "angry",
    "ping",
    "growth",
    # subjects
    "subj_status",
    "subj_question",
    "subj_delivery",
    "subj_approval",
    "subj_invoice",
    "subj_reminder",
    "subj_request",
    "subj_urgent",
    "subj_general",
)
# Kinds written in the owner's language, in the agency's own records.
RECORD_KINDS: tuple[str, ...] = (
    "reason_concrete",
    "reason_vague",
    "reason_reject",
    "reason_failed",
    "note_staff_abuse",
    "note_staff_low",
    "note_owner_low",
    "note_unethical",
    "flag_reason",
)

_SLOT = re.compile(r"\{[a-z]+\}")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The lower-case words of a text (letters only)."""
    return [w.lower() for w in _WORD.findall(text)]


def template_words(bank: Bank, language: str) -> set[str]:
    """Every word the templates of ``language`` in ``bank`` are written with."""
    found: set[str] = set()
    for templates in bank.get(language, {}).values():
        for template in templates:
            found.update(words(_SLOT.sub(" ", template)))
    return found
