"""The harness end to end on a tiny agency, and the scoring rules against the answer key."""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.evaluation.model import Person
from partways.evaluation.report import RunInfo, checks, render_report, summary_rows
from partways.evaluation.triage_eval import Evaluation, EvaluationError, evaluate, score

from .tiny import tiny_agency


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    keep = tmp_path_factory.mktemp("eval")
    return evaluate([tiny_agency()], seed=7, keep_files=keep)


def test_every_client_gets_a_decision_through_the_real_import_path(evaluation):
    (run,) = evaluation.runs
    assert [s.client for s in run.scores] == [c.name for c in tiny_agency().clients]
    assert [i["importer"] for i in run.imports] == [
        "records",
        "harvest",
        "invoiceninja-invoices",
        "invoiceninja-payments",
        "maildir",
        "slack",
        "ics",
    ]
    new = {i["importer"]: i["new"] for i in run.imports}
    assert new["records"]["clients"] == 4 and new["maildir"]["messages"] == 12
    assert new["invoiceninja-payments"]["payments"] == 6 and new["ics"]["meetings"] == 8
    by_pattern = {s.pattern: s for s in run.scores}
    # Rules that hold whatever the signals' tuning: a reported unethical incident ends
    # now, an active "no longer a fit" flag ends at contract end.
    assert by_pattern["unethical_incident"].got == "end_now"
    assert by_pattern["unethical_incident"].flagged["unethical"] == "high"
    assert by_pattern["not_a_fit"].got == "end_at_contract_end"
    assert by_pattern["not_a_fit"].ok


def test_a_wrong_expectation_is_scored_as_a_miss(evaluation):
    healthy = next(s for s in evaluation.runs[0].scores if s.pattern == "healthy_steady")
    decision = {
        "recommendation": healthy.got,
        "pattern": healthy.got_pattern,
        "strategies": list(healthy.strategies),
        "signals": healthy.flagged,
        "reasons": [],
    }
    wrong = score("tiny", False, healthy.client, "abusive_to_owner", decision)
    assert not wrong.verdict_ok and wrong.missing_signs == ("abuse_or_unreasonable",)
    assert not wrong.caught and not wrong.ok


def _decision(rec: str, pattern: str = "none", signals=None, strategies=()) -> dict:
    return {
        "recommendation": rec,
        "pattern": pattern,
        "signals": signals or {},
        "strategies": list(strategies),
        "reasons": [],
    }


def test_signs_must_fire_at_low_or_above():
    got = score(
        "a", True, "c", "payment_risk", _decision("repair", signals={"payment_risk": "none"})
    )
    assert got.verdict_ok and got.missing_signs == ("payment_risk",) and not got.ok
    got = score(
        "a", True, "c", "payment_risk", _decision("repair", signals={"payment_risk": "low"})
    )
    assert got.ok


def test_chronic_and_acute_readings():
    chronic = {"pessimism": "high", "payment_risk": "medium"}
    ok = score(
        "a", True, "c", "chronic_problem", _decision("end_at_contract_end", "chronic", chronic)
    )
    assert ok.ok
    acute_read = score(
        "a", True, "c", "chronic_problem", _decision("end_at_contract_end", "acute", chronic)
    )
    assert acute_read.caught and not acute_read.kind_ok and not acute_read.ok
    # A healthy client must never read as chronic, whatever its verdict.
    healthy = score("a", True, "c", "healthy_steady", _decision("watch", "chronic"))
    assert healthy.verdict_ok and not healthy.kind_ok and not healthy.ok
    # An acute client must get the support strategy.
    sad = {"pessimism": "medium"}
    no_support = score("a", True, "c", "acute_hardship", _decision("repair", "acute", sad))
    assert no_support.support_ok is False and not no_support.ok
    support = score(
        "a", True, "c", "acute_hardship", _decision("repair", "acute", sad, ["acute_support"])
    )
    assert support.ok


def test_a_single_low_report_must_not_end_the_relationship():
    ended = score(
        "a", True, "c", "staff_report_low", _decision("end_now", signals={"mistreats_staff": "low"})
    )
    assert ended.low_report_ok is False and not ended.ok
    (_, _, _, low) = checks([ended])
    assert not low.met and "staff_report_low" in low.misses[0]


def test_report_has_the_sections_and_done_when_lines(evaluation):
    evaluation.runs[0].held_out = True
    try:
        text = render_report(evaluation, RunInfo.here("partways eval triage --seed 7"))
    finally:
        evaluation.runs[0].held_out = False
    assert text.startswith("# Triage evaluation\n")
    assert "- Seed: 7; analyzer: " in text
    assert "- Reproduce: `partways eval triage --seed 7`" in text
    for line in (
        "- Every healthy client is keep or watch: **",
        "- Every planted problem is caught with the right sign: **",
        "- Chronic and acute are told apart (acute with support first): **",
        "- No end-now from a single low-severity report: **met**",
        "## Held-out agencies",
        "## Tuning agencies",
        "### Which signal fired for each planted pattern",
        "| unethical_incident | unethical | PT Maju Jaya: ",
        "| tiny | Northwind Ltd | not_a_fit | end_at_contract_end | end_at_contract_end |",
    ):
        assert line in text, line
    assert "No agencies in this group were run." in text  # no tuning agency here
    rows = summary_rows(evaluation)
    assert rows[0][:3] == ["tiny", "tuning", "4"]


def test_an_export_that_does_not_import_cleanly_fails_loudly(tmp_path):
    agency = tiny_agency()
    stranger = Person("Someone Else", "someone@unknown.example")
    agency.clients[0].messages[1].author = stranger
    with pytest.raises(EvaluationError, match=r"matched no client: someone@unknown.example"):
        evaluate([agency], seed=7, keep_files=tmp_path / "files")


def test_keep_files_refuses_a_folder_that_holds_an_earlier_run(tmp_path: Path):
    (tmp_path / "tiny").mkdir()
    (tmp_path / "tiny" / "agency.json").write_text("{}")
    with pytest.raises(EvaluationError, match="not empty"):
        evaluate([tiny_agency()], seed=7, keep_files=tmp_path)
