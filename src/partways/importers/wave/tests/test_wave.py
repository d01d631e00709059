"""Wave transactions, customers and vendors exports: fixtures and the real sample files."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import shared_files

from partways.importers.wave import (
    IMPORTERS,
    WaveCustomersImporter,
    WaveTransactionsImporter,
    WaveVendorsImporter,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = {
    "transactions.csv": WaveTransactionsImporter,
    "customers.csv": WaveCustomersImporter,
    "vendors.csv": WaveVendorsImporter,
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(GOLDEN[name](), FIXTURES / name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_exactly_the_right_importer_identifies_each_fixture(name: str) -> None:
    assert [c.name for c in IMPORTERS if c().identify(FIXTURES / name)] == [GOLDEN[name].name]


def test_receivable_debits_are_invoices_and_credits_are_payments() -> None:
    records, _ = WaveTransactionsImporter().extract(FIXTURES / "transactions.csv")
    invoices, payments = records.frames["invoices"], records.frames["payments"]
    assert list(zip(invoices["number"], invoices["amount_minor"], strict=True)) == [
        ("7", 80000),
        ("8", 120000),
    ]
    assert list(zip(payments["invoice_number"], payments["amount_minor"], strict=True)) == [
        ("7", 50000)
    ]
    assert skipped_in_english(records) == {"ledger row on another account": 4}


def test_a_vendors_file_gives_a_note_and_no_records() -> None:
    records, errors = WaveVendorsImporter().extract(FIXTURES / "vendors.csv")
    assert (records.count(), skipped_in_english(records), errors) == (0, {"vendor": 2}, [])
    assert records.notes


@pytest.mark.parametrize("path", shared_files("exports/other_invoicing", "wave_*.csv"), ids=str)
def test_real_wave_exports_are_identified_once_and_import_without_errors(path: Path) -> None:
    claimants = [cls for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == 1
    records, errors = claimants[0]().extract(path)
    assert errors == []
    assert records.count() > 0 or (records.notes and skipped_in_english(records))


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = path.name.startswith("wave_")
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
