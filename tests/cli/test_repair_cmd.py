"""`partways repair` through the real CLI: open a plan, show it, judge it `[000] [003]`."""

from __future__ import annotations

import json

import pytest

AS_OF = "2026-11-22"


@pytest.fixture(scope="module")
def demo(cli):
    cli("demo", "--as-of", AS_OF)
    return cli


def test_a_repair_plan_is_opened_shown_and_judged_at_its_review_date(demo, tmp_path):
    opened = demo("repair", "Harmoni Kopi", "--as-of", AS_OF, "--review-on", "2026-12-20").stdout
    assert "Opened repair plan for Harmoni Kopi Nusantara" in opened
    assert "review on 2026-12-20" in opened
    # Acute: the plan leads with the apology [003 #3].
    assert opened.index("Apologise sincerely") < opened.index("Review the plan")
    # The command that sends the apology comes as the CLI's own hint, on its own line.
    hint = 'partways letter "Harmoni Kopi Nusantara" --kind apology --about "…"'
    (said,) = [line for line in opened.splitlines() if "Apologise sincerely" in line]
    assert "partways letter" not in said
    assert any(f"→ {hint}" in line for line in opened.splitlines())
    assert '→ partways repair "Harmoni Kopi Nusantara"' in opened

    shown = demo("repair", "Harmoni Kopi", "--as-of", "2026-12-01").stdout
    assert "Open repair plan for Harmoni Kopi Nusantara" in shown

    demo("letter", "Harmoni Kopi", "--format", "ics", "-o", str(tmp_path / "r.ics"))
    assert "DTSTART;VALUE=DATE:20261220" in (tmp_path / "r.ics").read_text(encoding="utf-8")
    what = "laporan bulan Oktober terlambat dua minggu"
    apology = demo(
        "letter", "Harmoni Kopi", "--kind", "apology", "--about", what, "--as-of", AS_OF
    ).stdout
    # An Indonesian client: the apology is in Indonesian, names what went wrong in the
    # writer's words, and proposes a call in 3 days.
    assert "Perihal: Permohonan maaf" in apology
    assert f"{what}." in apology
    assert "Harmoni Kopi Nusantara" in apology and "25 November 2026" in apology

    reviewed = demo("repair", "Harmoni Kopi", "--as-of", "2026-12-20").stdout
    assert "Review of the repair plan" in reviewed
    # The demo has no new data after its date, so nothing got better: the plan failed,
    # with each sign's change as evidence, and the triage now heads for the end [000 #4].
    assert "Not improved: the repair failed" in reviewed
    assert "Pessimistic attitude: medium → medium (unchanged)" in reviewed
    assert "The relationship does not progress: low → medium (worse)" in reviewed
    triage = json.loads(demo("triage", "--format", "json", "--as-of", "2026-12-20").stdout)
    (harmoni,) = [d for d in triage if d["client"] == "Harmoni Kopi Nusantara"]
    assert harmoni["recommendation"] == "end_at_contract_end"
    assert "failed at its review on 2026-12-20" in harmoni["reasons"][0]


def test_a_client_the_triage_would_keep_gets_no_plan_without_force(demo):
    refused = demo("repair", "Zagreb City", "--as-of", AS_OF, check=False)
    assert refused.returncode == 2
    assert "recommends keep" in refused.stderr and "--force" in refused.stderr
    forced = demo("repair", "Zagreb City", "--as-of", AS_OF, "--force").stdout
    assert "Opened repair plan for Zagreb City Cycling" in forced


def test_a_review_date_in_the_past_is_refused(demo):
    proc = demo("repair", "Nightjar", "--as-of", AS_OF, "--review-on", "2026-11-01", check=False)
    assert proc.returncode == 2
    assert "--review-on 2026-11-01 must be after 2026-11-22" in proc.stderr


def test_the_expectations_sheet_comes_in_the_clients_language(demo):
    sheet = demo("letter", "Meridian Fashion", "--kind", "expectations", "--as-of", AS_OF).stdout
    # Meridian Fashion House is a Croatian client: weekday names come from CLDR.
    assert "ponedjeljak" in sheet.lower()
    assert "48" in sheet
