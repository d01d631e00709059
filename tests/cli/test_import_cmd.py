"""``partways import`` and ``partways clients`` through the real CLI and database."""

from pathlib import Path

import pytest

IMPORTERS = Path(__file__).resolve().parents[2] / "src" / "partways" / "importers"
TOGGL = IMPORTERS / "toggl" / "fixtures"


def _fails(proc, *expected: str) -> None:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    for text in expected:
        assert text in proc.stdout + proc.stderr, proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def imported(cli):
    return cli(
        "import",
        str(TOGGL / "detailed_no_bom.csv"),
        str(TOGGL / "semicolon_cp1252.csv"),
        "--time-zone",
        "Europe/Zagreb",
    )


def test_import_prints_a_summary_per_file(imported):
    assert "detailed_no_bom.csv" in imported.stdout and "semicolon_cp1252.csv" in imported.stdout
    assert "1 time entries" in imported.stdout
    assert "new clients (1): Kopi Nusantara PT" in " ".join(imported.stdout.split())


def test_importing_again_reports_everything_unchanged(cli, imported):
    again = cli("import", str(TOGGL / "detailed_no_bom.csv"), "--time-zone", "Europe/Zagreb")
    assert "1 time entries" in again.stdout  # under Unchanged
    assert "New" in again.stdout and "new clients" not in again.stdout


def test_a_file_with_errors_is_refused_with_line_and_column(cli, imported):
    proc = cli("import", str(TOGGL / "malformed.csv"), "--dry-run", check=False)
    _fails(proc, "line 3", '"Start date" (8)', "'2026-13-45' is not a date", "nothing was written")


def test_skip_bad_rows_imports_the_good_ones(cli, imported):
    proc = cli("import", str(TOGGL / "malformed.csv"), "--skip-bad-rows", "--dry-run")
    assert "these rows were skipped" in " ".join(proc.stderr.split())
    assert "dry run" in proc.stdout


def test_an_unknown_file_lists_the_formats(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes\n")
    _fails(cli("import", str(notes), check=False), "no importer recognises", "--format", "toggl")


def test_a_missing_path_and_an_unknown_format_are_clear_errors(cli, tmp_path):
    _fails(cli("import", str(tmp_path / "nope.csv"), check=False), "no such file or folder")
    _fails(
        cli("import", str(TOGGL / "malformed.csv"), "--format", "tgl", check=False),
        "unknown format 'tgl'",
        "toggl",
    )
    _fails(
        cli("import", str(TOGGL / "malformed.csv"), "--time-zone", "Mars/Base", check=False),
        "not a time zone",
    )


def test_forcing_the_wrong_format_names_the_missing_columns(cli):
    proc = cli("import", str(TOGGL / "detailed_no_bom.csv"), "--format", "harvest", check=False)
    _fails(proc, "lacks the column")


def test_a_folder_imports_every_export_in_it_and_ignores_the_rest(cli, tmp_path):
    (tmp_path / "README.txt").write_text("not an export\n")
    (tmp_path / "time.csv").write_bytes((TOGGL / "detailed_no_bom.csv").read_bytes())
    proc = cli("import", str(tmp_path), "--dry-run")
    assert "time.csv" in proc.stdout and "Ignored 1 file" in proc.stdout


def test_clients_alias_and_merge_resolve_names(cli, imported):
    cli(
        "import",
        str(TOGGL / "detailed_bom_crlf.csv"),
        "--skip-bad-rows",
        "--time-zone",
        "Europe/Zagreb",
    )
    listing = cli("clients", "list").stdout
    assert "Acme d.o.o." in listing and "Beta Ltd" in listing
    merged = cli("clients", "merge", "Beta Ltd", "Acme d.o.o.")
    assert "moved 1 projects, 1 time entries" in merged.stdout
    assert "Beta Ltd" in cli("clients", "list").stdout  # now an alias of Acme
    _fails(cli("clients", "merge", "Acme", "Acme", check=False), "into itself")
    alias = cli("clients", "alias", "@kopi.co.id", "Kopi Nusantara")
    assert "(domain)" in alias.stdout
    _fails(cli("clients", "alias", "@gmail.com", "Acme", check=False), "free-mail")
    assert "Every imported message" in cli("clients", "unmatched").stdout


def test_me_takes_only_addresses_and_domains_and_is_kept_only_when_valid(cli):
    proc = cli("import", str(TOGGL / "detailed_no_bom.csv"), "--me", "not an address", check=False)
    _fails(proc, "--me", "neither an address nor a domain")
