"""Every refusal the store and the procedure can raise is worded for the web, in the
page's terms: no code without a sentence, no command-line flag in any sentence."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from partways.core.offboarding.steps import StepRefused
from partways.store.cases.records import CaseError
from partways.web.refusals import _sentences, worded

SRC = Path(__file__).resolve().parents[2] / "src" / "partways"
REFUSALS = {"CaseError", "StepRefused", "ResolveError", "NotEnding"}


def _raised_codes() -> set[str]:
    """The code (second argument) of every refusal constructed in the source."""
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in REFUSALS
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                codes.add(node.args[1].value)
    return codes


def test_every_refusal_code_has_a_sentence() -> None:
    raised = _raised_codes()
    assert len(raised) > 25  # the scan found the refusals
    assert raised <= set(_sentences()), raised - set(_sentences())


@pytest.mark.parametrize("lang", ["en", "id", "hr", "ar"])
def test_the_sentences_carry_no_command_line_and_fill_their_facts(lang: str) -> None:
    facts = {
        "client": "Acme",
        "recommendation": "end_now",
        "opened": "2026-01-05",
        "on": "2026-01-01",
        "end": "2026-03-31",
        "today": "2026-02-01",
        "review_on": "2026-03-01",
        "step": "receivables",
        "later": ["notification"],
        "missing": ["contract_review", "receivables"],
        "n": 2,
        "alias": "@acme.example",
        "most": 200,
        "numbers": "0001",
        "language": "hr",
    }
    with translation.override(lang):
        for code in _sentences():
            text = worded(CaseError("English, for the CLI", code, **facts))
            assert "%(" not in text and "--" not in text and "partways " not in text, (code, text)
            assert "_" not in text, (code, text)  # step ids are shown by their names


def test_no_ending_letter_by_surprise_is_worded_too() -> None:
    from partways.store.cases.letters import NotEnding

    text = worded(NotEnding("Acme", "repair"))
    assert text.startswith("Acme has no offboarding case and the triage says Repair")


def test_an_unknown_code_is_said_generally() -> None:
    assert worded(StepRefused("--note needed", "something_new")) == (
        "That could not be done; nothing was changed."
    )
