"""Toggl Track detailed CSV: fixtures beside their expected records, and the real samples."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers.registry import identify
from partways.importers.toggl import TogglCsvImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _importer(time_zone: str = "Europe/Zagreb") -> TogglCsvImporter:
    importer = TogglCsvImporter()
    importer.time_zone = time_zone
    return importer


@pytest.mark.parametrize(
    "name",
    ["detailed_bom_crlf.csv", "detailed_no_bom.csv", "semicolon_cp1252.csv", "malformed.csv"],
)
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


def test_local_times_are_read_in_the_given_zone_and_kept_as_utc() -> None:
    records, _ = _importer().extract(FIXTURES / "detailed_bom_crlf.csv")
    first = records.frames["time_entries"].row(0, named=True)
    assert first["started_at"].isoformat() == "2026-03-02T08:15:00+00:00"  # 09:15 in Zagreb


def test_a_time_skipped_by_daylight_saving_is_an_error_with_its_line() -> None:
    _, errors = _importer().extract(FIXTURES / "detailed_bom_crlf.csv")
    assert [(e.line, e.column) for e in errors] == [(5, '"Start time"')]
    assert "does not exist in Europe/Zagreb" in errors[0].message.english()


def test_a_quoted_line_break_does_not_shift_the_line_numbers() -> None:
    records, _ = _importer().extract(FIXTURES / "detailed_bom_crlf.csv")
    assert records.frames["time_entries"]["line"].to_list() == [2, 3, 6]


def test_every_bad_cell_is_reported_with_line_column_and_expectation() -> None:
    records, errors = _importer().extract(FIXTURES / "malformed.csv")
    assert records.frames["time_entries"].height == 1
    assert [(e.line, (e.column or "").split(" ")[0]) for e in errors] == [
        (3, '"Start'),
        (4, '"Billable"'),
        (4, '"Duration"'),
        (4, '"Amount'),
    ]
    assert "'2026-13-45' is not a date" in errors[0].message.english()


def test_the_currency_comes_from_the_amount_header_and_the_rate_from_amount_per_hour() -> None:
    records, _ = _importer().extract(FIXTURES / "semicolon_cp1252.csv")
    row = records.frames["time_entries"].row(0, named=True)
    assert (row["currency"], row["bill_rate_minor"], row["client"]) == ("EUR", 8000, "Café Ltd")


def test_the_registry_identifies_a_toggl_export() -> None:
    importer = identify(FIXTURES / "detailed_no_bom.csv")
    assert importer is not None and importer.name == "toggl"


@pytest.mark.parametrize("path", shared_files("exports/toggl", "*.csv"), ids=str)
def test_real_toggl_exports_import_without_errors(path: Path) -> None:
    importer = _importer("UTC")
    assert importer.identify(path)
    records, errors = importer.extract(path)
    assert errors == []
    assert records.frames["time_entries"].height > 0


def test_without_a_billable_column_every_entry_counts_as_billable(tmp_path: Path) -> None:
    export = tmp_path / "toggl.csv"
    export.write_text(
        "User,Email,Client,Project,Description,Start date,Start time,Duration\n"
        "Ana,ana@studio.example,Acme,Website,ok,2026-03-02,09:15:00,01:00:00\n"
    )
    records, errors = _importer().extract(export)
    assert errors == []
    assert records.frames["time_entries"]["billable"].to_list() == [True]
