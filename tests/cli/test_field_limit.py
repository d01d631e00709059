"""A field longer than ``text.max_field_chars`` is refused with its file, line and column.

The check sits where every importer's records are written, so one test per way a
format locates a row: its line (a CSV), and a message also by its id (a Slack
export's line is its place in one day file of many).
The limit is set low here through its environment variable.
"""

import json
from pathlib import Path

import pytest

from tests.cli.conftest import CLI

LIMIT = 1_000
HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)\n"
)
ROW = (
    "Ana,ana@studio.hr,Acme,Website,,{text},Yes,2026-03-0{day},09:15:00,"
    "2026-03-0{day},11:45:00,02:30:00,,200.00\n"
)


@pytest.fixture(scope="module")
def limited(cli: CLI) -> CLI:
    return CLI({**cli.env, "PARTWAYS_LIMIT_TEXT_MAX_FIELD_CHARS": str(LIMIT)})


@pytest.fixture
def toggl(tmp_path: Path) -> Path:
    path = tmp_path / "toggl.csv"
    path.write_text(
        HEADER
        + ROW.format(text="Homepage", day=2)
        + ROW.format(text="x" * (LIMIT + 1), day=3)
        + ROW.format(text="y" * LIMIT, day=4)
    )
    return path


def _said(proc) -> str:  # type: ignore[no-untyped-def]
    return " ".join((proc.stdout + proc.stderr).split())


def test_a_field_over_the_limit_refuses_the_file_with_line_and_column(limited, toggl):
    proc = limited("import", str(toggl), check=False)
    said = _said(proc)
    assert proc.returncode == 2 and "Traceback" not in said, said
    assert "line 3, column description" in said
    assert f"holds {LIMIT + 1:,} characters; at most {LIMIT:,} are accepted" in said
    assert "nothing was written" in said


def test_the_other_rows_can_be_imported_without_it(limited, toggl):
    proc = limited("import", str(toggl), "--skip-bad-rows")
    said = _said(proc)
    assert "2 time entries" in said  # the rows at and under the limit
    assert "line 3, column description" in said


def test_a_message_is_named_by_its_id(limited, tmp_path):
    export = tmp_path / "slack"
    (export / "general").mkdir(parents=True)
    (export / "channels.json").write_text(json.dumps([{"id": "C1", "name": "general"}]))
    (export / "users.json").write_text(
        json.dumps([{"id": "U1", "name": "marko", "profile": {"email": "marko@kvarner.example"}}])
    )
    (export / "general" / "2026-03-05.json").write_text(
        json.dumps(
            [
                {"type": "message", "user": "U1", "text": "Hvala!", "ts": "1772690100.000002"},
                {"type": "message", "user": "U1", "text": "z " * LIMIT, "ts": "1772690200.000003"},
            ]
        )
    )
    proc = limited("import", str(export), check=False)
    said = _said(proc)
    assert proc.returncode == 2 and "Traceback" not in said, said
    assert (
        f"column body: message <slack:C1:1772690200.000003>: this field holds {2 * LIMIT:,}" in said
    )
    # The text read for signs is the body less quotes: the body alone is reported.
    assert "column text" not in said
