"""Clockify detailed time report and projects report: fixtures, real samples, identify."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import SHARED, shared_files

from partways.importers.clockify import ClockifyProjectsImporter, ClockifyTimeImporter
from partways.importers.toggl import TogglCsvImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"
TOGGL = Path(__file__).parents[2] / "toggl" / "fixtures"


def _time(time_zone: str = "Europe/Zagreb") -> ClockifyTimeImporter:
    importer = ClockifyTimeImporter()
    importer.time_zone = time_zone
    return importer


@pytest.mark.parametrize(
    "name", ["detailed_usd.csv", "no_client_activity.csv", "start_end_only.csv", "malformed.csv"]
)
def test_time_fixture_gives_its_golden_records(name: str) -> None:
    check(_time(), FIXTURES / name)


def test_projects_fixture_gives_its_golden_records() -> None:
    check(ClockifyProjectsImporter(), FIXTURES / "projects.csv")


def test_us_dates_and_12_hour_times_with_and_without_seconds_are_read() -> None:
    records, _ = _time("UTC").extract(FIXTURES / "detailed_usd.csv")
    starts = [t.isoformat() for t in records.frames["time_entries"]["started_at"]]
    # 03/04 is 4 March; 12:15 PM is a quarter past noon, 12:05 AM five past midnight.
    assert starts[:3] == [
        "2024-03-04T10:23:00+00:00",
        "2024-03-13T12:15:00+00:00",
        "2024-03-14T00:05:00+00:00",
    ]


def test_break_entries_are_skipped_not_imported() -> None:
    records, _ = _time().extract(FIXTURES / "detailed_usd.csv")
    assert skipped_in_english(records) == {"Clockify break entries (not client work)": 1}
    assert "Lunch" not in records.frames["time_entries"]["description"].to_list()


def test_the_currency_comes_from_the_rate_header() -> None:
    records, _ = _time().extract(FIXTURES / "no_client_activity.csv")
    row = records.frames["time_entries"].row(0, named=True)
    assert (row["currency"], row["bill_rate_minor"], row["client"]) == ("EUR", 4000, None)


def test_without_duration_columns_the_duration_is_end_minus_start_across_midnight() -> None:
    records, _ = _time().extract(FIXTURES / "start_end_only.csv")
    assert records.frames["time_entries"]["duration_seconds"].to_list() == [3615, 1200]


def test_every_bad_cell_is_reported_with_line_column_and_expectation() -> None:
    records, errors = _time().extract(FIXTURES / "malformed.csv")
    assert records.frames["time_entries"]["line"].to_list() == [2]
    assert [(e.line, e.column) for e in errors] == [
        (3, '"Start Date" (10)'),
        (4, '"Billable" (9)'),
        (4, '"Start Time" (11)'),
        (4, '"Billable Rate (USD)" (16)'),
        (5, '"User" (5)'),
        (5, '"Duration (h)" (14)'),
    ]


@pytest.mark.parametrize("path", shared_files("exports/clockify", "*time_entries*.csv"), ids=str)
def test_real_time_reports_import(path: Path) -> None:
    importer = _time("UTC")
    assert importer.identify(path)
    assert not ClockifyProjectsImporter().identify(path)
    records, errors = importer.extract(path)
    if path.name == "clockify_time_entries_import_test_3.csv":
        # This sample is malformed on purpose: its start date is month 13.
        assert [(e.line, e.column) for e in errors] == [(2, '"Start Date" (13)')]
        assert "'13/15/2024' is not a date" in errors[0].message.english()
        return
    assert errors == []
    assert records.frames["time_entries"].height > 0


@pytest.mark.parametrize("path", shared_files("exports/clockify", "*projects*.csv"), ids=str)
def test_real_projects_reports_import_and_are_not_taken_for_time_reports(path: Path) -> None:
    assert not ClockifyTimeImporter().identify(path)
    importer = ClockifyProjectsImporter()
    assert importer.identify(path)
    records, errors = importer.extract(path)
    assert errors == []
    assert records.frames["projects"].height > 0


@pytest.mark.parametrize(
    "path", [*shared_files("exports/toggl", "*.csv"), TOGGL / "detailed_no_bom.csv"], ids=str
)
def test_toggl_reports_are_not_taken_for_clockify_ones(path: Path) -> None:
    assert not ClockifyTimeImporter().identify(path)
    assert not ClockifyProjectsImporter().identify(path)


@pytest.mark.parametrize(
    "path", [*shared_files("exports/clockify", "*.csv"), *FIXTURES.glob("*.csv")], ids=str
)
def test_clockify_reports_are_not_taken_for_toggl_ones(path: Path) -> None:
    assert not TogglCsvImporter().identify(path)


def _others() -> list[object]:
    files = [*shared_files("exports", "*"), *shared_files("email", "*"), *shared_files("chat", "*")]
    clockify = SHARED / "exports" / "clockify"
    return [p for p in files if not (isinstance(p, Path) and p.is_relative_to(clockify))]


@pytest.mark.parametrize("path", _others(), ids=str)
def test_no_other_tools_file_is_taken_for_a_clockify_report(path: Path) -> None:
    assert not ClockifyTimeImporter().identify(path)
    assert not ClockifyProjectsImporter().identify(path)
