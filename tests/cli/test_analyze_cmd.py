"""``partways analyze`` and the labelling of imported messages, through the real CLI."""

import json
import mailbox
from email.message import EmailMessage

import pytest


def _fails(proc, *expected: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    for text in expected:
        assert text in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_json_gives_language_labels_scores_and_spans_for_each_message(cli):
    proc = cli(
        "analyze",
        "You idiots broke it again.",
        "Kalian semua bodoh!",
        "Hvala na novostima, sve izgleda dobro.",
        "--format",
        "json",
    )
    payload = json.loads(proc.stdout)
    assert payload["analyzer"].startswith("lexicon/")
    first, second, third = payload["messages"]
    assert first["language"] == "en" and "abuse" in first["labels"]
    assert {"label": "abuse", "start": 4, "end": 10, "text": "idiots"} in first["spans"]
    assert second["language"] == "id" and "abuse" in second["labels"]
    assert third["language"] == "hr" and third["labels"] == {} and third["spans"] == []


def test_a_file_is_read_one_message_per_line(cli, tmp_path):
    path = tmp_path / "messages.txt"
    path.write_text("We need it ASAP.\n\nأنت غبي\n", encoding="utf-8")
    payload = json.loads(cli("analyze", "--file", str(path), "--format", "json").stdout)
    assert [m["language"] for m in payload["messages"]] == ["en", "ar"]
    assert "demand" in payload["messages"][0]["labels"]
    assert "abuse" in payload["messages"][1]["labels"]


def test_a_csv_is_read_from_its_text_column(cli, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id,body\n1,"Sorry, cash flow is tight, we will pay next week."\n')
    payload = json.loads(cli("analyze", "--file", str(path), "--format", "json").stdout)
    assert "payment_excuse" in payload["messages"][0]["labels"]
    _fails(
        cli("analyze", "--file", str(path), "--column", "message", check=False),
        "line 1",
        "no column 'message'",
        "id, body",
    )


def test_the_table_shows_the_message_and_its_labels(cli):
    proc = cli("analyze", "Honestly I'm disappointed, this is hopeless.")
    assert "negative" in proc.stdout and "disappointed" in proc.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "xml", "hi"], "expected table or json"),
        (["--analyzer", "magic", "hi"], "no analyzer called 'magic'"),
        ([], "nothing to analyse"),
    ],
)
def test_mistakes_are_clear_errors(cli, args, expected):
    _fails(cli("analyze", *args, check=False), expected)


def test_a_file_that_is_not_utf8_names_the_line(cli, tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("fine\nrazočaran\n".encode("cp1250"))
    _fails(cli("analyze", "--file", str(path), check=False), "line 2", "not UTF-8")


def test_imported_mail_is_labelled_and_shown_on_the_client_page(cli, tmp_path):
    box = mailbox.mbox(tmp_path / "client.mbox")
    for i, body in enumerate(
        ["Honestly, you are useless amateurs.", "Thanks, see you Monday.", "You idiots!!"]
    ):
        msg = EmailMessage()
        msg["From"] = "Boss <boss@rude.example>"
        msg["To"] = "me@studio.example"
        msg["Subject"] = f"Project {i}"
        msg["Date"] = f"Mon, {10 + i} Nov 2026 10:00:00 +0000"
        msg["Message-ID"] = f"<m{i}@rude.example>"
        msg.set_content(body)
        box.add(msg)
    box.flush()
    records = tmp_path / "clients.yaml"
    records.write_text(
        "partways: 1\nclients:\n  - name: Rude Co\n    contacts:\n"
        "      - name: Boss\n        email: boss@rude.example\n",
        encoding="utf-8",
    )
    cli("import", str(records))
    proc = cli("import", str(tmp_path / "client.mbox"), "--me", "@studio.example")
    assert "Read 3 messages" in proc.stderr and "2 carry a label" in proc.stderr
    again = cli("import", str(tmp_path / "client.mbox"))
    assert "Read " not in again.stderr  # nothing new to read
    page = cli("client", "Rude Co", "--as-of", "2026-11-20")
    assert "Flagged messages" in page.stdout and "idiots" in page.stdout


def test_the_models_analyzer_without_its_configuration_says_where_it_looked(cli):
    _fails(
        cli("analyze", "--analyzer", "models", "hi", check=False), "models.yaml", "docs/models.md"
    )


def test_a_quoted_csv_field_keeps_its_line_breaks(cli, tmp_path):
    path = tmp_path / "export.CSV"
    path.write_text('id,text\n1,"first line\nsecond line, you idiot"\n', encoding="utf-8")
    (message,) = json.loads(cli("analyze", "--file", str(path), "--format", "json").stdout)[
        "messages"
    ]
    assert message["text"] == "first line\nsecond line, you idiot"
    assert "abuse" in message["labels"]
