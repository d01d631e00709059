"""``partways import`` reports in the reader's language: the table and the errors (issue 16).

NOTE: these tests read the Croatian catalog (web/locale/hr) for the import report's
words: the table's headers ("File" is "Datoteka", "New" is "Novo", "Format" stays) and
the templates of the importers' errors. They pass once the catalog holds them.
"""

from __future__ import annotations

from pathlib import Path

IMPORTERS = Path(__file__).resolve().parents[2] / "src" / "partways" / "importers"
# A Clockify export with a bad date, a bad yes/no, a bad time, a bad amount, an empty
# user and a bad duration: six errors, nothing written.
MALFORMED = IMPORTERS / "clockify" / "fixtures" / "malformed.csv"


def _croatian_import(cli):  # type: ignore[no-untyped-def]
    proc = cli(
        "--lang", "hr", "import", str(MALFORMED), "--time-zone", "Europe/Zagreb", check=False
    )
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc


def test_the_report_table_is_headed_in_croatian(cli):
    proc = _croatian_import(cli)
    header = next(line for line in proc.stdout.splitlines() if "Format" in line)
    assert "Datoteka" in header and "Novo" in header, proc.stdout
    assert "File" not in header and "New" not in header, proc.stdout


def test_an_import_error_is_said_in_croatian(cli):
    proc = _croatian_import(cli)
    # Each error keeps the user's data (the cell's value, the column's header) ...
    assert "'13/45/2024'" in proc.stderr and '"Start Date"' in proc.stderr, proc.stderr
    # ... and says the rest in Croatian: no English template is left.
    assert "expected" not in proc.stderr and " is not " not in proc.stderr, proc.stderr
    assert "error(s) in" not in proc.stderr and "nothing was written" not in proc.stderr


def test_english_is_what_it_always_was(cli):
    proc = cli("import", str(MALFORMED), "--time-zone", "Europe/Zagreb", check=False)
    header = next(line for line in proc.stdout.splitlines() if "Format" in line)
    assert "File" in header and "New" in header and "Unchanged" in header
    assert "6 error(s) in" in proc.stderr and "nothing was written" in proc.stderr
    assert (
        "  line 3, column \"Start Date\" (10): '13/45/2024' is not a date written like the "
        "rest of the column (03/31/2024)"
    ) in proc.stderr.splitlines()
