"""Stripe payments export: fixtures beside their expected records (no real Stripe file is
available; the fixtures follow the documented header)."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import shared_files

from partways.importers import ImportFailed
from partways.importers.stripe import IMPORTERS, StripePaymentsImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _importer(time_zone: str = "UTC") -> StripePaymentsImporter:
    importer = StripePaymentsImporter()
    importer.time_zone = time_zone
    return importer


@pytest.mark.parametrize("name", ["payments_full.csv", "payments_few_columns.csv", "malformed.csv"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


def test_what_was_kept_is_paid_and_failed_or_fully_refunded_charges_are_skipped() -> None:
    records, _ = _importer().extract(FIXTURES / "payments_full.csv")
    payments = records.frames["payments"]
    assert payments["reference"].to_list() == ["ch_3Oa1", "ch_3Oa2", "ch_3Oa5"]
    assert payments["amount_minor"].to_list() == [120000, 30000, 1500000]
    assert skipped_in_english(records) == {
        "charge not received (failed)": 1,
        "charge refunded in full": 1,
    }


def test_a_zero_decimal_currency_is_kept_in_hundredths_like_every_other() -> None:
    # partways stores every amount as hundredths of its currency (core/money.py):
    # ¥15,000 is 1,500,000 hundredths, whatever Stripe's own API would say.
    records, _ = _importer().extract(FIXTURES / "payments_full.csv")
    row = records.frames["payments"].row(2, named=True)
    assert (row["currency"], row["amount_minor"]) == ("JPY", 1500000)


def test_the_client_is_the_customer_description_else_the_email() -> None:
    records, _ = _importer().extract(FIXTURES / "payments_full.csv")
    payments = records.frames["payments"]
    assert payments["client"].to_list() == ["Kovačević d.o.o.", "PT Maju Jaya", "salim@alnoor.ae"]
    assert payments["invoice_number"].to_list() == ["in_1Oa1", None, None]


def test_the_payment_day_is_the_businesss_day_not_the_utc_one() -> None:
    records, _ = _importer("Europe/Zagreb").extract(FIXTURES / "payments_full.csv")
    # ch_3Oa2 was created 23:30 UTC on 3 February: 00:30 on the 4th in Zagreb.
    assert str(records.frames["payments"]["paid_on"][1]) == "2026-02-04"


def test_bad_cells_are_reported_with_line_and_column() -> None:
    _, errors = _importer().extract(FIXTURES / "malformed.csv")
    assert [(e.line, e.column) for e in errors] == [
        (3, '"Created (UTC)" (2)'),
        (4, '"Amount" (3)'),
        (5, '"Currency" (5)'),
    ]


def test_a_file_without_a_currency_column_says_what_it_lacks() -> None:
    with pytest.raises(ImportFailed, match='"Currency"'):
        _importer().extract(FIXTURES / "missing_column.csv")


def test_a_row_with_more_fields_than_the_header_names_its_line() -> None:
    with pytest.raises(ImportFailed, match="line 3: 7 fields where the header has 6"):
        _importer().extract(FIXTURES / "ragged.csv")


def test_without_a_refund_column_a_refunded_charge_counts_as_refunded_in_full() -> None:
    records, _ = _importer().extract(FIXTURES / "payments_few_columns.csv")
    assert records.frames["payments"]["reference"].to_list() == ["py_1", "py_3"]
    assert skipped_in_english(records)["charge refunded in full"] == 1


EVERY_SHARED_FILE = [
    *shared_files("exports"),
    *shared_files("email"),
    *shared_files("chat"),
]


@pytest.mark.parametrize("path", EVERY_SHARED_FILE, ids=str)
def test_no_other_tools_file_is_claimed_and_ours_are_claimed_once(path: Path) -> None:
    ours = False
    claimants = [cls.name for cls in IMPORTERS if cls().identify(path)]
    assert len(claimants) == (1 if ours else 0), claimants
