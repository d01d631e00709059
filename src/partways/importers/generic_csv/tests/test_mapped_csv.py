"""The generic mapped CSV: a time sheet and an invoice list read through mapping files."""

import shutil
from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers.base import ImportFailed
from partways.importers.generic_csv import MappedCsvImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _importer() -> MappedCsvImporter:
    importer = MappedCsvImporter()
    importer.time_zone = "UTC"  # the time sheet's mapping names its own zone
    return importer


@pytest.mark.parametrize("name", ["timesheet.csv", "invoices.csv"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


def test_the_mapping_time_zone_and_decimal_comma_are_used() -> None:
    records, _ = _importer().extract(FIXTURES / "timesheet.csv")
    first = records.frames["time_entries"].row(0, named=True)
    assert first["started_at"].isoformat() == "2026-03-02T08:00:00+00:00"  # 09:00 Zagreb
    assert first["duration_seconds"] == 5400  # "1,5" hours


def test_a_constant_value_fills_every_row() -> None:
    records, _ = _importer().extract(FIXTURES / "timesheet.csv")
    assert set(records.frames["time_entries"]["bill_rate_minor"]) == {6000}


def test_the_default_currency_fills_only_empty_cells() -> None:
    records, _ = _importer().extract(FIXTURES / "invoices.csv")
    assert records.frames["invoices"]["currency"].to_list() == ["USD", "IDR", "USD"]


def test_the_stated_date_format_wins_over_the_column_guess() -> None:
    _, errors = _importer().extract(FIXTURES / "invoices.csv")
    assert errors[-1].line == 7
    assert errors[-1].message.english() == "'2026-03-12' is not a date written like 03/31/2024"


def test_bad_cells_are_reported_with_line_and_column() -> None:
    _, errors = _importer().extract(FIXTURES / "timesheet.csv")
    assert [(e.line, e.column) for e in errors] == [
        (7, '"Datum" (1)'),
        (8, '"Sati" (3)'),
        (9, '"Početak"'),
    ]


def test_a_bad_mapping_file_lists_every_problem_with_its_line() -> None:
    with pytest.raises(ImportFailed) as failed:
        _importer().extract(FIXTURES / "broken.csv")
    message = str(failed.value)
    assert "broken.csv.mapping.toml: the column mapping is not usable" in message
    for part in [
        "line 2: time_zone 'Mars/Olympus' is not a time zone",
        "line 3: unknown key 'colour'",
        "line 5: the field 'started_at' is not mapped",
        "line 6: duration_seconds: kind 'days' is not possible here",
        "line 7: client: expected exactly one of header, value or date",
        "line 8: 'customer' is not a field of time_entries",
        "line 9: billable: the value 'yes' does not fit a bool field",
    ]:
        assert part in message
    assert message.index("line 2:") < message.index("line 9:")


def test_a_mapped_column_missing_from_the_header_is_named(tmp_path: Path) -> None:
    csv = tmp_path / "hours.csv"
    csv.write_text("Day,Time spent\n2026-03-02,1.5\n")
    shutil.copy(FIXTURES / "timesheet.csv.mapping.toml", tmp_path / "hours.mapping.toml")
    with pytest.raises(ImportFailed, match='the header lacks the column.*"Datum"'):
        _importer().extract(csv)


def test_the_mapping_option_is_used_when_no_file_is_beside_the_csv(tmp_path: Path) -> None:
    csv = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "invoices.csv", csv)
    importer = _importer()
    assert not importer.identify(csv)
    importer.options["mapping"] = str(FIXTURES / "invoices.mapping.yaml")
    assert importer.identify(csv)
    records, _ = importer.extract(csv)
    assert records.frames["invoices"].height == 3


def test_without_a_mapping_the_file_is_not_read(tmp_path: Path) -> None:
    csv = tmp_path / "export.csv"
    csv.write_text("a,b\n1,2\n")
    with pytest.raises(ImportFailed, match="no column mapping"):
        _importer().extract(csv)


def test_lists_and_values_off_the_allowed_list(tmp_path: Path) -> None:
    csv = tmp_path / "meetings.csv"
    csv.write_text(
        "When,Who,What,State\n"
        "2026-03-02T10:00:00+01:00,ana@acme.example; siti@maju.example,Kick-off,held\n"
        "2026-03-03T10:00:00+01:00,ana@acme.example,Review,missed\n"
    )
    (tmp_path / "meetings.csv.mapping.yaml").write_text(
        "kind: meetings\nfields:\n  starts_at: When\n  title: What\n  status: State\n"
        "  attendees: {header: Who, split: ';'}\n"
    )
    records, errors = _importer().extract(csv)
    row = records.frames["meetings"].row(0, named=True)
    assert row["attendees"] == ["ana@acme.example", "siti@maju.example"]
    assert row["starts_at"].isoformat() == "2026-03-02T09:00:00+00:00"
    assert [(e.line, e.message.english()) for e in errors] == [
        (3, "is not one of held, no_show, cancelled")
    ]


@pytest.mark.parametrize(
    "path", [*shared_files("exports"), *shared_files("email"), *shared_files("chat")], ids=str
)
def test_no_shared_export_is_taken_without_a_mapping(path: Path) -> None:
    assert not _importer().identify(path)
