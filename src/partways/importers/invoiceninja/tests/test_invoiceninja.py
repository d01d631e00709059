"""Invoice Ninja v4 and v5 CSV exports: fixtures beside their expected records, and the
real v4 sample files."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import shared_files

from partways.importers import Importer, ImportFailed
from partways.importers.invoiceninja import (
    IMPORTERS,
    InvoiceNinjaClientsImporter,
    InvoiceNinjaExpensesImporter,
    InvoiceNinjaInvoicesImporter,
    InvoiceNinjaOtherImporter,
    InvoiceNinjaPaymentsImporter,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"

GOLDEN: dict[str, type[Importer]] = {
    "v4_invoices.csv": InvoiceNinjaInvoicesImporter,
    "v4_payments.csv": InvoiceNinjaPaymentsImporter,
    # Saved again by a spreadsheet in a decimal-comma locale: semicolons, 1.250,00 €.
    "v4_payments_semicolon.csv": InvoiceNinjaPaymentsImporter,
    "v4_clients.csv": InvoiceNinjaClientsImporter,
    "v4_expenses.csv": InvoiceNinjaExpensesImporter,
    "v4_vendors.csv": InvoiceNinjaOtherImporter,
    "v4_quotes.csv": InvoiceNinjaOtherImporter,
    "v4_recurring.csv": InvoiceNinjaOtherImporter,
    "v5_invoice_items.csv": InvoiceNinjaInvoicesImporter,
    "v5_payments.csv": InvoiceNinjaPaymentsImporter,
    "v5_clients.csv": InvoiceNinjaClientsImporter,
}


def _claimants(path: Path) -> list[str]:
    return [cls.name for cls in IMPORTERS if cls().identify(path)]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(GOLDEN[name](), FIXTURES / name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_exactly_the_right_importer_identifies_each_fixture(name: str) -> None:
    assert _claimants(FIXTURES / name) == [GOLDEN[name].name]


def test_line_items_make_one_invoice_whose_amount_is_not_summed() -> None:
    records, _ = InvoiceNinjaInvoicesImporter().extract(FIXTURES / "v4_invoices.csv")
    first = records.frames["invoices"].row(0, named=True)
    assert (first["number"], first["amount_minor"], first["line"]) == ("0001", 125000, 5)


def test_a_quoted_line_break_in_item_notes_keeps_later_line_numbers_right() -> None:
    records, errors = InvoiceNinjaInvoicesImporter().extract(FIXTURES / "v4_invoices.csv")
    assert records.frames["invoices"]["line"].to_list() == [5, 8, 9]
    assert [e.line for e in errors] == [10, 11]


def test_a_refund_is_a_negative_payment_and_identical_payments_both_count() -> None:
    records, errors = InvoiceNinjaPaymentsImporter().extract(FIXTURES / "v4_payments.csv")
    amounts = records.frames["payments"]["amount_minor"].to_list()
    assert amounts == [10000, 10000, 7500, 125000, -25000]
    assert [(e.line, e.column) for e in errors] == [(10, '"Date" (4)'), (11, '"Amount" (3)')]


def test_v5_payments_count_what_was_kept_and_skip_failed_and_refunded_ones() -> None:
    records, _ = InvoiceNinjaPaymentsImporter().extract(FIXTURES / "v5_payments.csv")
    assert records.frames["payments"]["amount_minor"].to_list() == [750000000, 40000, 25000]
    assert skipped_in_english(records) == {"payment failed": 1, "payment refunded in full": 1}


def test_a_voided_payment_is_not_money_received(tmp_path: Path) -> None:
    # Invoice Ninja writes payment status 2 as "Voided": recorded, then cancelled.
    header, first, *_rest = (FIXTURES / "v5_payments.csv").read_text("utf-8").splitlines()
    voided = first.replace(",Completed,", ",Voided,")
    path = tmp_path / "payments.csv"
    path.write_text("\n".join([header, first, voided]) + "\n", encoding="utf-8")
    records, _ = InvoiceNinjaPaymentsImporter().extract(path)
    assert records.frames["payments"].height == 1
    assert skipped_in_english(records) == {"payment voided": 1}


def test_a_payments_file_without_its_date_column_says_so() -> None:
    with pytest.raises(ImportFailed, match='lacks the column.*"Date"'):
        InvoiceNinjaPaymentsImporter().extract(FIXTURES / "v4_payments_no_date.csv")


def test_vendors_share_the_clients_header_but_are_not_read_as_clients() -> None:
    assert not InvoiceNinjaClientsImporter().identify(FIXTURES / "v4_vendors.csv")
    records, errors = InvoiceNinjaOtherImporter().extract(FIXTURES / "v4_vendors.csv")
    assert (records.count(), skipped_in_english(records), errors) == (0, {"vendors": 2}, [])


def test_expenses_without_a_client_are_skipped() -> None:
    records, _ = InvoiceNinjaExpensesImporter().extract(FIXTURES / "v4_expenses.csv")
    assert skipped_in_english(records) == {"expense without a client": 1}
    assert records.frames["expenses"]["client"].to_list() == ["Kovačević d.o.o.", "PT Maju Jaya"]


@pytest.mark.parametrize("path", shared_files("exports/invoiceninja", "*.csv"), ids=str)
def test_real_invoice_ninja_exports_are_identified_once_and_import_without_errors(
    path: Path,
) -> None:
    claimants = [cls for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == 1
    records, errors = claimants[0]().extract(path)
    assert errors == []
    assert records.count() > 0 or (records.notes and skipped_in_english(records))


@pytest.mark.parametrize(
    "path", shared_files("exports/invoiceninja/v4_export", "payments.csv"), ids=str
)
def test_the_real_payments_keep_refunds_and_repeated_rows(path: Path) -> None:
    records, _ = InvoiceNinjaPaymentsImporter().extract(path)
    payments = records.frames["payments"]
    assert payments.height == 403
    assert payments.filter(payments["amount_minor"] < 0).height > 0


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = "/exports/invoiceninja/" in path.as_posix()
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
