"""A full offboarding of a demo client through the real CLI, with its audit trail
`[000 step 1-5] [001]`, and the errors a user can make on the way."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import shutil
import subprocess

import pytest

AS_OF = "2026-11-22"
CLIENT = "Beacon Fitness Chain"


@pytest.fixture(scope="module")
def demo(cli):
    cli("demo", "--as-of", AS_OF)
    return cli


def step(cli, *args, check=True):
    return cli("offboard", "step", CLIENT, *args, "--as-of", AS_OF, check=check)


def test_a_full_offboarding_runs_end_to_end_with_its_audit_trail(demo, tmp_path):
    cli = demo
    # Options may come before the client's name.
    opened = cli(
        "offboard", "--notice-on", "2026-12-05", CLIENT, "--as-of", AS_OF, "--by", "Ana Horvat"
    )
    out = opened.stdout
    assert f"Ending the relationship with {CLIENT}" in out
    # The contract review: term end preferred, the clause quoted [000 step 1] [001].
    assert "Recommended end: 2027-09-30" in out
    assert "Either party may end this agreement" in out
    # Owed work and the receivables gate [000 step 2] [001].
    assert "Next milestone" in out
    assert "don't tell the client before they have paid" in out
    assert "one reason only" in out

    # The gate holds: no announcement before the money is in, and never silence.
    for s in ("contract_review", "owed_work", "conversation"):
        step(cli, s, "done", "--by", "Ana Horvat")
    refused = step(cli, "notification", "done", check=False)
    assert refused.returncode == 2
    assert "needs receivables done (or waived) first" in refused.stderr
    assert "Traceback" not in refused.stderr
    unpaid = step(cli, "receivables", "done", check=False)
    assert unpaid.returncode == 2 and "still unpaid" in unpaid.stderr
    silent = step(cli, "notification", "waive", "--note", "skip it", check=False)
    assert silent.returncode == 2 and "never left to find out" in silent.stderr
    no_reason = step(cli, "receivables", "waive", check=False)
    assert no_reason.returncode == 2 and "needs a reason" in no_reason.stderr

    step(
        cli,
        "receivables",
        "waive",
        "--note",
        "Paid in full every time so far",
        "--by",
        "Ana Horvat",
    )
    step(cli, "notification", "done", "--note", "Call held, letter sent", "--by", "Marko")
    too_early = cli(
        "offboard", "step", CLIENT, "closed", "done", "--as-of", "2027-09-30", check=False
    )
    assert too_early.returncode == 2 and "needs transition done" in too_early.stderr

    # Every letter format for the case, written where the user asks.
    for fmt in ("text", "md", "eml", "docx", "pdf", "ics"):
        target = tmp_path / f"letter.{fmt}"
        cli("letter", CLIENT, "--format", fmt, "-o", str(target), "--as-of", AS_OF)
        assert target.stat().st_size > 200
    text = (tmp_path / "letter.text").read_text(encoding="utf-8")
    assert "September 30, 2027" in text and "Next milestone" in text
    msg = email.message_from_bytes(
        (tmp_path / "letter.eml").read_bytes(), policy=email.policy.default
    )
    assert f"Subject: {msg['Subject']}" in text.splitlines()
    assert msg["Content-Language"] == "en"
    assert "@" in msg["To"].addresses[0].addr_spec
    ics = (tmp_path / "letter.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261205" in ics  # the notice date
    assert "DTSTART;VALUE=DATE:20270930" in ics  # the end date

    step(cli, "transition", "done", "--by", "Ana Horvat")
    # The client stays a client until the last day: no closing before it.
    early = step(cli, "closed", "done", check=False)
    assert early.returncode == 2 and "runs until 2027-09-30" in early.stderr
    closed = cli(
        "offboard", "step", CLIENT, "closed", "done", "--by", "Ana Horvat", "--as-of", "2027-09-30"
    )
    assert f"{CLIENT} is archived" in closed.stdout

    status = cli("offboard", "status", CLIENT, "--as-of", AS_OF).stdout
    assert "Audit trail" in status
    trail = status[status.index("Audit trail") :]
    for who, what in [
        ("Ana Horvat", "opened"),
        ("Ana Horvat", "contract_review"),
        ("Ana Horvat", "Paid in full every time so far"),
        ("Marko", "Call held, letter sent"),
        ("Ana Horvat", "closed"),
    ]:
        assert any(who in line and what in line for line in trail.splitlines()), (who, what)
    # Archived, with every record kept: out of the triage, but its letters still there.
    triage = json.loads(cli("triage", "--format", "json", "--as-of", AS_OF).stdout)
    assert CLIENT not in {d["client"] for d in triage}
    archived_letter = cli("letter", CLIENT, "--as-of", AS_OF).stdout
    assert archived_letter.startswith("Studio Horvat j.d.o.o.\n")
    assert "Subject: Notice of termination" in archived_letter
    assert "No open offboarding cases" in cli("offboard", "status", "--as-of", AS_OF).stdout


def test_an_end_now_case_waives_the_payment_gate_and_refers_no_one(demo):
    # PT Sentosa Abadi mistreats the staff: end now, in Indonesian, without a referral.
    out = demo("offboard", "PT Sentosa", "--as-of", AS_OF, "--referral", "Jana di Studio X").stdout
    assert "(mistreats_staff)" in out
    assert "Bahasa Indonesia (id)" in out
    assert "End now: conduct or ethics won't wait for payment" in out
    assert "no referral for a client who mistreated" in out
    letter = demo("letter", "PT Sentosa", "--as-of", AS_OF).stdout
    assert "Jana di Studio X" not in letter
    assert "PT Sentosa Abadi" in letter
    listing = demo("offboard", "status", "--as-of", AS_OF).stdout
    assert "PT Sentosa Abadi" in listing


def test_an_unethical_client_gets_the_conservative_script(demo):
    out = demo("offboard", "Silverline", "--as-of", AS_OF).stdout
    assert "(unethical)" in out
    assert "appetite for risk" in out
    # End now: ethics is a ground to end for cause, after the notice period, and the case
    # says the date rests on it (the contract alone would run to the end of its term).
    assert "rests on ending for cause" in " ".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("offboard", "Nobody Ltd"), "no client called 'Nobody Ltd'"),
        (("offboard", "Grandview", "--lang", "de"), "supported: en (English), id"),
        (("offboard", "Grandview", "--end-on", "2026-01-01"), "end date 2026-01-01 is in the past"),
        (
            ("offboard", "Grandview", "--notice-on", "2026-12-20", "--end-on", "2026-12-10"),
            "is before the notice date 2026-12-20",
        ),
        (("offboard", "Grandview", "--notice-on", "2026-11-01"), "is in the past"),
        (("offboard", "Grandview", "--reason", "rude"), "no reason 'rude'; expected one of"),
        (("offboard", "Grandview", "--end-on", "31/12/2026"), "expected YYYY-MM-DD"),
        (("offboard", "step", "Grandview", "closed", "done"), "has no offboarding case"),
        (("letter", "Grandview", "--lang", "xx"), "supported: en (English)"),
        (("letter", "Grandview", "--format", "pdf"), "give it with -o FILE"),
        (("letter", "Grandview", "--format", "odt"), "not a format"),
        (("letter", "Grandview", "--kind", "angry"), "no reason 'angry'"),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(demo, args, message):
    proc = demo(*args, "--as-of", AS_OF, check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in " ".join(proc.stderr.split()), proc.stderr
    assert "Traceback" not in proc.stderr


def test_after_all_that_bad_input_nothing_was_written(demo):
    status = demo("offboard", "status", "Grandview", "--as-of", AS_OF, check=False)
    assert status.returncode == 2
    assert "has no offboarding case" in status.stderr


def test_a_second_open_case_for_the_same_client_is_refused(demo):
    demo("offboard", "Little Acorn", "--as-of", AS_OF)
    again = demo("offboard", "Little Acorn", "--as-of", AS_OF, check=False)
    assert again.returncode == 2
    assert "already has an open offboarding case" in again.stderr


def test_a_step_name_that_does_not_exist_lists_the_steps(demo):
    proc = demo(
        "offboard", "step", "Little Acorn", "handshake", "done", "--as-of", AS_OF, check=False
    )
    assert proc.returncode == 2
    assert "the steps are: contract_review, owed_work" in proc.stderr


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
    reason="pdftotext (poppler-utils) is not installed; .ci/run installs it",
)
def test_an_arabic_letter_for_an_arabic_client_comes_out_as_a_pdf(demo, tmp_path):
    target = tmp_path / "waha.pdf"
    demo(
        "letter",
        "Al Waha",
        "--kind",
        "generic",
        "--format",
        "pdf",
        "-o",
        str(target),
        "--as-of",
        AS_OF,
    )
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext marks embedded runs with bidi controls; the words are what matter.
    text = re.sub("[\u202a-\u202e]", "", text)
    assert "Studio Horvat" in text
    assert "2027" in text
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 200


def test_no_ending_letter_by_surprise_for_a_client_the_triage_keeps(demo):
    # No case, no --kind, and the triage does not say to end: which letter is meant
    # cannot be guessed, and an ending letter would be the wrong guess.
    triage = json.loads(demo("triage", "--format", "json", "--as-of", AS_OF).stdout)
    kept = next(
        d["client"]
        for d in triage
        if d["recommendation"] in ("keep", "watch", "repair") and d["client"] != "Al Waha"
    )
    refused = demo("letter", kept, "--as-of", AS_OF, check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    said = " ".join(refused.stderr.split())
    assert f"{kept} has no offboarding case and the triage says" in said
    assert "--kind expectations" in said and "partways offboard" in said
    assert refused.stdout == ""
    sheet = demo("letter", kept, "--kind", "expectations", "--as-of", AS_OF).stdout
    assert any(
        line.startswith("Subject: ") and "what to expect" in line for line in sheet.splitlines()
    )


def test_a_users_own_template_in_the_data_folder_replaces_the_built_in_one(demo):
    from pathlib import Path

    folder = Path(demo.env["PARTWAYS_HOME"]) / "letters" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "generic.txt").write_text(
        "{% block subject %}Our own words for {{ client }}{% endblock %}\n"
        "{% block body %}\nDear {{ contact }},\n\nWe end on {{ end_on }}.\n{% endblock %}\n",
        encoding="utf-8",
    )
    try:
        letter = demo("letter", "Grandview", "--kind", "generic", "--as-of", AS_OF).stdout
        # The user's letter in the built-in frame (letterhead, addresses, date line).
        assert "Subject: Our own words for Grandview Property Management" in letter
        assert "\n\nWe end on " in letter
        (folder / "generic.txt").write_text(
            "{% block subject %}{{ clinet }}{% endblock %}{% block body %}x{% endblock %}",
            encoding="utf-8",
        )
        broken = demo("letter", "Grandview", "--kind", "generic", "--as-of", AS_OF, check=False)
        assert broken.returncode == 2
        assert "needs clinet, which was not given" in broken.stderr
    finally:
        (folder / "generic.txt").unlink()


def test_names_with_console_markup_and_a_clients_language_set_by_hand(demo, tmp_path):
    records = tmp_path / "partways.yaml"
    records.write_text(
        "partways: 1\n"
        "clients:\n"
        '  - name: "Acme [/x] [bold]<b>&"\n'
        "    contacts:\n"
        "      - {name: Ana Kovač, email: ana@acme-markup.example, primary: true}\n"
        "contracts:\n"
        '  - {client: "Acme [/x] [bold]<b>&", start: 2026-01-01, notice_days: 14}\n',
        encoding="utf-8",
    )
    demo("import", str(records))
    demo("clients", "language", "Acme [/x]", "hr-HR")
    opened = demo("offboard", "Acme [/x]", "--reason", "generic", "--as-of", AS_OF)
    assert "Acme [/x] [bold]<b>&" in opened.stdout
    assert "Hrvatski (hr)" in opened.stdout
    stepped = demo("offboard", "step", "Acme [/x]", "contract_review", "done", "--as-of", AS_OF)
    assert "Acme [/x] [bold]<b>&: contract_review is done" in stepped.stdout
    refused = demo(
        "repair", "Acme [/x]", "--as-of", AS_OF, "--review-on", "2026-01-01", check=False
    )
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    letter = demo("letter", "Acme [/x]", "--as-of", AS_OF).stdout
    assert "Predmet: Otkaz ugovora" in letter and "Ana Kovač" in letter
    assert demo("clients", "language", "Acme [/x]", "de", check=False).returncode == 2


def test_what_a_letter_needs_is_set_from_the_command_line_and_used(demo):
    client = "Little Acorn"
    demo("clients", "contact", client, "--gender", "male", "--title", "Dr.")
    demo(
        "clients",
        "address",
        client,
        "--legal-name",
        "Little Acorn Ltd",
        "--address",
        "1 Oak Row|Leeds",
    )
    demo("clients", "contract", client, "--ending", "any_time", "--signed-on", "2024-10-01")
    letter = demo("letter", client, "--kind", "generic", "--lang", "en", "--as-of", AS_OF)
    assert "\nDear Dr. " in letter.stdout
    assert "Little Acorn Ltd\n" in letter.stdout and "1 Oak Row\nLeeds\n" in letter.stdout
    assert "we hereby give notice of termination of our agreement" in letter.stdout
    assert "of October 1, 2024" in letter.stdout
    refused = demo("clients", "contract", client, "--ending", "whenever", check=False)
    assert refused.returncode == 2 and "is not one of any_time, term_end" in refused.stderr
    apology = demo("letter", client, "--kind", "apology", "--as-of", AS_OF, check=False)
    assert apology.returncode == 2 and "--about" in apology.stderr
    sorry = demo(
        "letter", client, "--kind", "apology", "--about", "the report came late", "--as-of", AS_OF
    )
    assert "We owe you an apology for what happened: the report came late." in sorry.stdout
