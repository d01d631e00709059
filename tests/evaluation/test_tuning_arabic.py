"""Arabic in the tuning agencies: the tuning bank has it, and tuning clients write it."""

from __future__ import annotations

import re

import pytest

from partways.evaluation.generate import generate_agencies
from partways.evaluation.generate.agencies import AGENCIES
from partways.evaluation.generate.phrases import MESSAGE_KINDS, RECORD_KINDS, TUNING
from partways.evaluation.model import Agency

_SLOT = re.compile(r"\{[a-z]+\}")


@pytest.fixture(scope="module")
def tuning() -> list[Agency]:
    return [a for a in generate_agencies(2026) if not a.held_out]


def _slots(templates: tuple[str, ...]) -> set[str]:
    return {s for t in templates for s in _SLOT.findall(t)}


def test_the_arabic_tuning_bank_matches_the_english_one_kind_by_kind() -> None:
    arabic, english = TUNING["ar"], TUNING["en"]
    for kind in (*MESSAGE_KINDS, *RECORD_KINDS):
        assert len(arabic[kind]) == len(english[kind]), kind
        # Only slots the callers of that kind fill.
        assert _slots(arabic[kind]) <= _slots(english[kind]), kind


def test_tuning_agencies_have_arabic_clients_with_the_troubled_patterns(
    tuning: list[Agency],
) -> None:
    patterns = {c.pattern for a in tuning for c in a.clients if c.language == "ar"}
    assert {
        "chronic_problem",
        "acute_hardship",
        "acute_spike",
        "pessimism",
        "healthy_one_complaint",
    } <= patterns


def test_our_side_of_an_arabic_conversation_is_written_by_arabic_speakers(
    tuning: list[Agency],
) -> None:
    speaks = {m.name: m.speaks for spec in AGENCIES for m in spec.team}
    for agency in tuning:
        for client in agency.clients:
            if client.language != "ar":
                continue
            for message in client.messages:
                # Invoices go out from whoever bills, on a fixed template.
                if message.direction == "out" and message.kind != "invoice":
                    assert "ar" in speaks[message.author.name], (client.name, message.kind)
