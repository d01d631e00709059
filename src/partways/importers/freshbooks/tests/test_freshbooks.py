"""FreshBooks invoices and clients exports: fixtures beside their expected records, and the
real sample files."""

from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers import ImportFailed
from partways.importers.freshbooks import (
    IMPORTERS,
    FreshBooksClientsImporter,
    FreshBooksInvoicesImporter,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLDEN = {"invoices.csv": FreshBooksInvoicesImporter, "clients.csv": FreshBooksClientsImporter}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(GOLDEN[name](), FIXTURES / name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_exactly_the_right_importer_identifies_each_fixture(name: str) -> None:
    assert [c.name for c in IMPORTERS if c().identify(FIXTURES / name)] == [GOLDEN[name].name]


def test_an_invoice_is_the_sum_of_its_line_totals_and_a_paid_one_gives_a_payment() -> None:
    records, _ = FreshBooksInvoicesImporter().extract(FIXTURES / "invoices.csv")
    invoice = records.frames["invoices"].row(0, named=True)
    payment = records.frames["payments"].row(0, named=True)
    assert (invoice["number"], invoice["amount_minor"]) == ("0000101", 112500)
    assert (payment["invoice_number"], payment["amount_minor"], str(payment["paid_on"])) == (
        "0000101",
        112500,
        "2026-01-30",
    )
    assert records.frames["payments"].height == 1


def test_a_partly_paid_invoice_gives_no_payment_but_a_note() -> None:
    records, _ = FreshBooksInvoicesImporter().extract(FIXTURES / "invoices.csv")
    assert any("partly paid" in note.english() for note in records.notes)


def test_a_disputed_invoice_is_marked_disputed() -> None:
    records, _ = FreshBooksInvoicesImporter().extract(FIXTURES / "invoices.csv")
    disputed = records.frames["invoices"].filter(records.frames["invoices"]["disputed"])
    assert disputed["number"].to_list() == ["0000104"]


def test_a_client_without_organisation_is_named_by_its_contact_or_is_an_error() -> None:
    records, errors = FreshBooksClientsImporter().extract(FIXTURES / "clients.csv")
    assert records.frames["clients"]["client"].to_list()[1] == "Budi Santoso"
    assert [(e.line, e.column) for e in errors] == [(5, '"Organization"')]


def test_an_invoices_file_without_line_totals_says_what_it_lacks() -> None:
    assert not FreshBooksInvoicesImporter().identify(FIXTURES / "invoices_missing_total.csv")
    with pytest.raises(ImportFailed):
        FreshBooksInvoicesImporter().extract(FIXTURES / "invoices_missing_total.csv")


@pytest.mark.parametrize("path", shared_files("exports/freshbooks", "*.csv"), ids=str)
def test_real_freshbooks_exports_are_identified_once_and_import_without_errors(path: Path) -> None:
    claimants = [cls for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == 1
    records, errors = claimants[0]().extract(path)
    assert errors == []
    assert records.count() > 0


def test_an_invoice_with_an_unreadable_line_is_left_out_whole_and_named() -> None:
    records, errors = FreshBooksInvoicesImporter().extract(FIXTURES / "invoices.csv")
    assert "0000105" not in records.frames["invoices"]["number"].to_list()
    assert [(e.line, e.column) for e in errors if "0000105" in e.message.english()] == [
        (8, '"Invoice #"')
    ]


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = "/exports/freshbooks/" in path.as_posix()
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
