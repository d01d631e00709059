"""Invoicely invoices and the clients export it shares with Invoice2go: fixtures and the
real sample files."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers.invoicely import (
    IMPORTERS,
    InvoicelyInvoicesImporter,
    SimpleClientsImporter,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = {"invoices.csv": InvoicelyInvoicesImporter, "clients.csv": SimpleClientsImporter}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(GOLDEN[name](), FIXTURES / name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_exactly_the_right_importer_identifies_each_fixture(name: str) -> None:
    assert [c.name for c in IMPORTERS if c().identify(FIXTURES / name)] == [GOLDEN[name].name]


def test_dates_written_like_jan_5_2026_are_read() -> None:
    records, errors = InvoicelyInvoicesImporter().extract(FIXTURES / "invoices.csv")
    assert str(records.frames["invoices"]["issued_on"][0]) == "2026-01-05"
    assert [(e.line, e.column) for e in errors] == [(5, '"Date" (1)')]


def test_a_clients_file_with_more_columns_is_not_taken(tmp_path: Path) -> None:
    other = tmp_path / "clients.csv"
    other.write_text("Client Name,Email,Phone,Country,Address\nAcme,a@acme.example,,US,Main St\n")
    assert not SimpleClientsImporter().identify(other)


@pytest.mark.parametrize("path", shared_files("exports/other_invoicing", "*.csv"), ids=str)
def test_real_invoicely_and_invoice2go_clients_files_import(path: Path) -> None:
    claimants = [cls for cls in IMPORTERS if cls().identify(path)]
    expected = path.name.startswith("invoicely_") or path.name == "i2g_clients.csv"
    assert len(claimants) == (1 if expected else 0)
    if claimants:
        records, errors = claimants[0]().extract(path)
        assert errors == [] and records.count() > 0


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = path.name.startswith("invoicely_") or path.name == "i2g_clients.csv"
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
