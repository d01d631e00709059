"""Harvest time report, projects list and clients list: fixtures, real samples, identify."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import SHARED, shared_files

from partways.importers.harvest import (
    IMPORTERS,
    HarvestClientsImporter,
    HarvestProjectsImporter,
    HarvestTimeImporter,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _time(time_zone: str = "Europe/Zagreb") -> HarvestTimeImporter:
    importer = HarvestTimeImporter()
    importer.time_zone = time_zone
    return importer


@pytest.mark.parametrize("name", ["time_de.csv", "time_us.csv", "malformed.csv"])
def test_time_fixture_gives_its_golden_records(name: str) -> None:
    check(_time(), FIXTURES / name)


def test_projects_fixture_gives_its_golden_records() -> None:
    check(HarvestProjectsImporter(), FIXTURES / "projects.csv")


def test_clients_fixture_gives_its_golden_records() -> None:
    check(HarvestClientsImporter(), FIXTURES / "clients.csv")


def test_german_numbers_and_the_currency_name_are_read() -> None:
    records, _ = _time().extract(FIXTURES / "time_de.csv")
    row = records.frames["time_entries"].row(1, named=True)
    # "12,25" hours at "100,0" an hour, costing "40,0", in "Euro - EUR".
    assert (
        row["duration_seconds"],
        row["bill_rate_minor"],
        row["cost_rate_minor"],
        row["currency"],
    ) == (44100, 10000, 4000, "EUR")


def test_entries_start_at_nine_local_time_on_their_day() -> None:
    records, _ = _time().extract(FIXTURES / "time_de.csv")
    starts = [t.isoformat() for t in records.frames["time_entries"]["started_at"]]
    # 09:00 in Zagreb is 08:00 UTC in winter and 07:00 UTC from 31 March 2024 on.
    assert starts[0] == "2024-03-04T08:00:00+00:00"
    assert starts[2] == "2024-03-31T07:00:00+00:00"


def test_every_bad_cell_is_reported_with_line_column_and_expectation() -> None:
    records, errors = _time().extract(FIXTURES / "malformed.csv")
    assert records.frames["time_entries"]["line"].to_list() == [2]
    assert [(e.line, e.column) for e in errors] == [
        (3, '"Date" (1)'),
        (4, '"Hours" (7)'),
        (5, '"Hours" (7)'),
        (5, '"Billable?" (8)'),
        (5, '"Billable Rate" (15)'),
    ]


def test_a_client_list_with_more_columns_is_not_harvests(tmp_path: Path) -> None:
    other = tmp_path / "clients.csv"
    other.write_text('"Client Name","Email","Phone","Country"\n"Acme","a@acme.example","",""\n')
    assert not HarvestClientsImporter().identify(other)


EXPECTED = {
    "harvest_time_entries_import_test_1.csv": HarvestTimeImporter,
    "harvest_projects_import_test_1.csv": HarvestProjectsImporter,
    "harvest_clients_import_test_1.csv": HarvestClientsImporter,
}


@pytest.mark.parametrize("path", shared_files("exports/harvest", "*.csv"), ids=str)
def test_real_exports_import_without_errors_by_exactly_their_importer(path: Path) -> None:
    claimed = [cls for cls in IMPORTERS if cls().identify(path)]
    assert claimed == [EXPECTED[path.name]]
    importer = claimed[0]()
    records, errors = importer.extract(path)
    assert errors == []
    assert records.count() > 0


def _others() -> list[object]:
    files = [*shared_files("exports", "*"), *shared_files("email", "*"), *shared_files("chat", "*")]
    harvest = SHARED / "exports" / "harvest"
    return [p for p in files if not (isinstance(p, Path) and p.is_relative_to(harvest))]


@pytest.mark.parametrize("path", _others(), ids=str)
def test_no_other_tools_file_is_taken_for_a_harvest_export(path: Path) -> None:
    assert [cls.name for cls in IMPORTERS if cls().identify(path)] == []
