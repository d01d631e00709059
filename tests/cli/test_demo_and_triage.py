"""The demo, triage, client and pareto commands through the real CLI and database."""

import json

import pytest

AS_OF = "2026-11-22"
PLAYBOOK_IDS = {
    "time_vs_value",
    "rejected_recommendations",
    "low_respect",
    "minimal_communication",
    "not_progressing",
    "pessimism",
    "losing_money",
    "abuse_or_unreasonable",
    "mistreats_staff",
    "unethical",
    "payment_risk",
    "after_hours",
    "indecisive",
    "not_a_fit",
}


@pytest.fixture(scope="module")
def demo(cli):
    return cli("demo", "--as-of", AS_OF)


def test_demo_ranks_every_client_and_shows_every_recommendation_kind(demo):
    out = demo.stdout
    assert "Built the demo agency 'Studio Horvat' with 45 clients" in out
    for label in ("end now", "end at contract end", "repair", "watch", "keep"):
        assert label in out
    assert "45 clients:" in out
    assert "Traceback" not in demo.stderr


def test_triage_json_has_the_documented_shape(cli, demo):
    rows = json.loads(cli("triage", "--as-of", AS_OF, "--format", "json").stdout)
    assert len(rows) == 45
    kinds = {r["recommendation"] for r in rows}
    assert kinds == {"keep", "watch", "repair", "end_at_contract_end", "end_now"}
    for r in rows:
        assert {"client", "recommendation", "score", "chronic", "reasons", "signals"} <= set(r)
        assert isinstance(r["chronic"], bool) and isinstance(r["score"], float)
        assert {s["id"] for s in r["signals"]} == PLAYBOOK_IDS
        for s in r["signals"]:
            assert {"id", "severity", "value", "threshold", "explanation", "evidence"} <= set(s)
            assert s["severity"] in ("none", "low", "medium", "high")
            # Beside the English, the finding as data: a stable code and its parameters.
            assert s["explanation_phrase"]["code"] and "params" in s["explanation_phrase"]
            for e in s["evidence"]:
                assert {"date", "record", "detail", "detail_phrase"} == set(e)
                assert e["detail_phrase"]["code"].startswith("evidence.")
            # PLAYBOOK §1: every sign is computed "with the evidence behind it".
            if s["severity"] != "none":
                assert s["evidence"], (r["client"], s["id"])
        assert len(r["reason_phrases"]) == len(r["reasons"])
        assert all(p["code"] for p in r["reason_phrases"])
        if r["recommendation"] != "keep":
            assert r["reasons"], r["client"]
        if r["recommendation"] == "end_at_contract_end":
            assert r["cooling_off_until"] == "2026-11-25"
    flagged = {s["id"] for r in rows for s in r["signals"] if s["severity"] != "none"}
    assert flagged == PLAYBOOK_IDS, "every sign is represented in the demo"
    keep = sum(r["recommendation"] == "keep" for r in rows)
    assert keep > len(rows) / 2, "most demo clients are healthy"


def test_demo_end_now_cases_are_the_abusive_unethical_and_staff_cases(cli, demo):
    rows = json.loads(cli("triage", "--as-of", AS_OF, "--format", "json").stdout)
    end_now = {r["client"] for r in rows if r["recommendation"] == "end_now"}
    assert end_now == {"Kovač Gradnja d.o.o.", "PT Sentosa Abadi", "Silverline Supplements"}
    acute = [r for r in rows if r["pattern"] == "acute" and r["recommendation"] == "repair"]
    assert [r["client"] for r in acute] == ["Harmoni Kopi Nusantara"]
    assert acute[0]["strategies"][0]["id"] == "acute_support"


def test_client_shows_signals_evidence_and_a_trend(cli, demo):
    out = cli("client", "al waha", "--as-of", AS_OF).stdout
    assert "Al Waha Real Estate" in out
    assert "Payment risk" in out and "Evidence: Payment risk" in out
    assert "invoice SH-" in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█")


def test_triage_and_client_stay_readable_in_an_80_column_terminal(cli, demo):
    narrow = type(cli)({**cli.env, "COLUMNS": "80"})
    triage = narrow("triage", "--as-of", AS_OF).stdout
    lines = triage.splitlines()
    assert max(len(line) for line in lines) <= 80
    # Every client's rank, name and top reason are there in full, not cut to "…".
    assert "│  1 │" in triage and "│ 45 │" in triage
    ranked = json.loads(cli("triage", "--format", "json", "--as-of", AS_OF).stdout)
    first = ranked[0]
    assert first["client"] in triage
    assert " ".join(first["reasons"][0].split()[:4]) in " ".join(triage.split())
    view = narrow("client", "Al Waha", "--as-of", AS_OF).stdout
    assert max(len(line) for line in view.splitlines()) <= 80
    # One signal per block, its sentence under its heading: no word per line.
    cells = [line.strip("│┃┏┓┗┛┡┩╇━─┌┐└┘├┤╭╮╰╯┬┴┼┳┻ ") for line in view.splitlines()]
    words_alone = [c for c in cells if len(c.split()) == 1 and c[0].isalpha()]
    assert len(words_alone) < 5, words_alone
    assert "Payment risk" in view and "invoices due in the window" in view


def test_version_and_help_in_a_persons_terms(cli):
    assert cli("--version").stdout.startswith("partways ")
    shown = cli("import", "--help").stdout
    assert "<str>" not in shown and "<bool>" not in shown and "list[" not in shown
    assert "PATHS..." in shown and "--me" in shown and "TEXT" in shown
    # A paragraph is one line for the terminal to wrap, not the docstring's lines.
    assert "importing the same or an overlapping export again" in shown


def test_pareto_names_the_vital_few(cli, demo):
    out = cli("pareto", "--as-of", AS_OF).stdout
    assert "top 20%" in out and "Non-billable hours" in out
    assert "Grandview Property Management" in out


def test_running_the_demo_twice_refuses_to_mix_and_replace_rebuilds(cli, demo):
    again = cli("demo", "--as-of", AS_OF, check=False)
    assert again.returncode == 2
    assert "already holds 45 clients" in again.stderr and "Traceback" not in again.stderr
    rebuilt = cli("demo", "--as-of", AS_OF, "--replace")
    assert "45 clients:" in rebuilt.stdout


# Who shows which sign from what they wrote, in each of the four languages.
SIGNS_FROM_MESSAGES = [
    ("Kovač Gradnja d.o.o.", "abuse_or_unreasonable", "hr"),
    ("PT Sentosa Abadi", "mistreats_staff", "id"),
    ("Ironclad Security Systems", "low_respect", "en"),
    ("Grandview Property Management", "pessimism", "en"),
    ("Harmoni Kopi Nusantara", "pessimism", "id"),
    ("Cedar & Stone Interiors", "pessimism", "ar"),
    ("Al Waha Real Estate", "payment_risk", "ar"),
]


def test_demo_clients_are_flagged_from_their_messages_in_four_languages(cli, demo):
    rows = {
        r["client"]: r
        for r in json.loads(cli("triage", "--as-of", AS_OF, "--format", "json").stdout)
    }
    for client, signal, _ in SIGNS_FROM_MESSAGES:
        sign = next(s for s in rows[client]["signals"] if s["id"] == signal)
        assert sign["severity"] != "none", (client, signal)
        assert any(e["record"].startswith("message ") for e in sign["evidence"]), (client, signal)
    assert {lang for *_, lang in SIGNS_FROM_MESSAGES} == {"en", "id", "hr", "ar"}


def test_demo_and_client_pages_show_the_words_read_as_signs(cli, demo):
    assert "What the clients wrote" in demo.stdout
    for language in ("en", "id", "hr", "ar"):
        assert f"│ {language}   │" in demo.stdout, language
    page = cli("client", "Kovač", "--as-of", AS_OF).stdout
    assert "Flagged messages: the words read as signs" in page
    assert "abuse" in page and ("Kreten" in page or "Budale" in page)
