"""Invoice2go invoices export: fixtures and the real sample file."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers.invoice2go import IMPORTERS, Invoice2goInvoicesImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_fixture_gives_its_golden_records() -> None:
    check(Invoice2goInvoicesImporter(), FIXTURES / "invoices.csv")


def test_the_due_date_is_the_document_date_plus_the_terms() -> None:
    records, _ = Invoice2goInvoicesImporter().extract(FIXTURES / "invoices.csv")
    due = [str(d) for d in records.frames["invoices"]["due_on"]]
    assert due == ["2026-02-04", "2026-01-23", "2026-01-12"]


def test_a_paid_date_gives_one_payment_of_what_was_paid() -> None:
    records, _ = Invoice2goInvoicesImporter().extract(FIXTURES / "invoices.csv")
    payments = records.frames["payments"]
    assert list(zip(payments["invoice_number"], payments["amount_minor"], strict=True)) == [
        ("101", 125000)
    ]


def test_terms_that_are_not_a_number_are_an_error() -> None:
    _, errors = Invoice2goInvoicesImporter().extract(FIXTURES / "invoices.csv")
    assert [(e.line, e.column) for e in errors] == [(5, '"TermsOld" (30)')]


@pytest.mark.parametrize("path", shared_files("exports/other_invoicing", "*.csv"), ids=str)
def test_only_the_real_invoice2go_invoices_file_is_taken_and_it_imports(path: Path) -> None:
    importer = Invoice2goInvoicesImporter()
    assert importer.identify(path) == (path.name == "i2g_invoices.csv")
    if path.name == "i2g_invoices.csv":
        records, errors = importer.extract(path)
        assert errors == [] and records.frames["invoices"].height == 4


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = path.name == "i2g_invoices.csv"
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
