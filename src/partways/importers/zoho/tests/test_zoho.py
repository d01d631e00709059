"""Zoho Invoice invoices and contacts exports: fixtures and the real sample files."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import shared_files

from partways.importers.zoho import IMPORTERS, ZohoContactsImporter, ZohoInvoicesImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = {"invoices.csv": ZohoInvoicesImporter, "contacts.csv": ZohoContactsImporter}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(GOLDEN[name](), FIXTURES / name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_exactly_the_right_importer_identifies_each_fixture(name: str) -> None:
    assert [c.name for c in IMPORTERS if c().identify(FIXTURES / name)] == [GOLDEN[name].name]


def test_line_items_make_one_invoice_with_its_total_and_write_off() -> None:
    records, _ = ZohoInvoicesImporter().extract(FIXTURES / "invoices.csv")
    invoices = records.frames["invoices"]
    assert invoices["amount_minor"].to_list() == [100000, 64000, 30000]
    assert invoices["written_off_minor"].to_list() == [0, 0, 30000]
    assert "payments" not in records.frames


def test_vendors_are_skipped_and_customers_kept() -> None:
    records, errors = ZohoContactsImporter().extract(FIXTURES / "contacts.csv")
    assert skipped_in_english(records) == {"vendor": 1}
    assert "Tiskara Horvat" not in records.frames["clients"]["client"].to_list()
    assert [(e.line, e.column) for e in errors] == [(6, '"Display Name" (3)')]


@pytest.mark.parametrize("path", shared_files("exports/other_invoicing", "zoho_*.csv"), ids=str)
def test_real_zoho_exports_are_identified_once_and_import_without_errors(path: Path) -> None:
    claimants = [cls for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == 1
    records, errors = claimants[0]().extract(path)
    assert errors == []
    assert records.count() > 0


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = path.name.startswith("zoho_")
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
