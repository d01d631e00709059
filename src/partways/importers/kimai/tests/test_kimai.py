"""Kimai timesheet CSV in English, Croatian, Indonesian and Arabic; errors; identify."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers.base import ImportFailed
from partways.importers.kimai import KimaiCsvImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"
LANGUAGES = [
    "timesheet_en.csv",
    "timesheet_hr_semicolon.csv",
    "timesheet_id.csv",
    "timesheet_ar_excel.txt",
]


def _importer(time_zone: str = "Europe/Zagreb") -> KimaiCsvImporter:
    importer = KimaiCsvImporter()
    importer.time_zone = time_zone
    return importer


@pytest.mark.parametrize("name", [*LANGUAGES, "malformed.csv"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


@pytest.mark.parametrize("name", LANGUAGES)
def test_headers_in_each_language_are_identified(name: str) -> None:
    assert _importer().identify(FIXTURES / name)


def test_ambiguous_dates_follow_the_header_language() -> None:
    # 05/03/2024 is 5 March in an Indonesian export, 3 May in an English one.
    records, _ = _importer("UTC").extract(FIXTURES / "timesheet_id.csv")
    assert records.frames["time_entries"]["started_at"][0].isoformat() == (
        "2024-03-05T09:00:00+00:00"
    )


def test_croatian_dates_with_a_trailing_dot_and_decimal_commas_are_read() -> None:
    records, _ = _importer("UTC").extract(FIXTURES / "timesheet_hr_semicolon.csv")
    row = records.frames["time_entries"].row(0, named=True)
    assert (
        row["started_at"].isoformat(),
        row["duration_seconds"],
        row["bill_rate_minor"],
        row["cost_rate_minor"],
    ) == ("2024-03-04T08:15:00+00:00", 9000, 50000, 20000)


def test_a_utf16_tab_separated_file_with_arabic_digits_is_read() -> None:
    records, errors = _importer("UTC").extract(FIXTURES / "timesheet_ar_excel.txt")
    second = records.frames["time_entries"].row(1, named=True)
    assert errors == []
    assert (second["started_at"].isoformat(), second["duration_seconds"], second["billable"]) == (
        "2024-03-11T10:00:00+00:00",
        1800,
        False,
    )
    # Digits in free text are left as written.
    assert second["description"] == "اجتماع: مراجعة ٢ للتصميم"


def test_a_fixed_price_gives_the_rate_per_hour_and_midnight_is_crossed() -> None:
    records, _ = _importer().extract(FIXTURES / "timesheet_en.csv")
    row = records.frames["time_entries"].row(1, named=True)
    assert (row["bill_rate_minor"], row["duration_seconds"]) == (8000, 4500)


def test_every_bad_cell_is_reported_in_file_order() -> None:
    records, errors = _importer().extract(FIXTURES / "malformed.csv")
    assert records.frames["time_entries"]["line"].to_list() == [2]
    assert [(e.line, e.column) for e in errors] == [
        (3, '"Date" (1)'),
        (4, '"From" (2)'),
        (5, '"Duration" (4)'),
        (5, '"Price" (6)'),
        (5, '"Billable" (14)'),
        (6, '"Duration"'),
    ]
    assert "'25:99' is not a time of day" in errors[1].message.english()


def test_a_missing_required_column_is_named() -> None:
    with pytest.raises(ImportFailed, match=r'lacks the column\(s\) "Duration" / "Trajanje"'):
        _importer().extract(FIXTURES / "missing_duration.csv")


def test_a_row_with_too_many_fields_fails_with_its_line() -> None:
    with pytest.raises(ImportFailed, match=r"ragged.csv, line 3: 8 fields where the header"):
        _importer().extract(FIXTURES / "ragged.csv")


@pytest.mark.parametrize(
    "path",
    [*shared_files("exports", "*"), *shared_files("email", "*"), *shared_files("chat", "*")],
    ids=str,
)
def test_no_real_file_of_another_tool_is_taken_for_a_kimai_export(path: Path) -> None:
    # The shared data holds no Kimai export (only a note on its columns).
    assert not _importer().identify(path)


def test_a_from_cell_with_a_date_in_front_is_read_by_its_time(tmp_path: Path) -> None:
    export = tmp_path / "kimai.csv"
    export.write_text(
        "Date,From,To,Duration,Customer,Project\n"
        "2024-03-04,2024-03-04 21:15,2024-03-04 22:00,,Acme Ltd,Website\n"
    )
    records, errors = _importer("UTC").extract(export)
    row = records.frames["time_entries"].row(0, named=True)
    assert errors == []
    assert (row["started_at"].isoformat(), row["duration_seconds"]) == (
        "2024-03-04T21:15:00+00:00",
        2700,
    )
