"""The shared value parsers of the importers (partways.importers.values) on the odd
forms real exports write; each importer's own tests cover its columns."""

import polars as pl
import pytest

from partways.importers import values


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("13.50", 1350),
        ("$1,234.50", 123450),
        ("($400.00)", -40000),
        ("−5.00", -500),  # a typographic minus (U+2212), as Apple Numbers writes it
        ("0.125", 13),  # half away from zero, not half to even
        ("-0.125", -13),
        ("12.345", 1235),
        ("5-", -500),  # a trailing minus, as some accounting exports write it
    ],
)
def test_amounts_in_every_form_become_the_right_cents(text, cents):
    assert values.parse_minor_units(pl.Series([text])).to_list() == [cents]


def test_decimal_commas_are_read_as_the_column_writes_them():
    column = pl.Series(["2.000,0", "0,01", "−1.250,50"])
    assert values.decimal_comma(column)
    assert values.parse_minor_units(column, comma=True).to_list() == [200000, 1, -125050]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:30:00", 5400),
        ("125:30", 451800),
        ("-1:30:00", -5400),
        ("-0:30", -1800),
        ("1.5", 5400),
        ("-0.25", -900),
    ],
)
def test_durations_keep_their_sign_on_the_whole_duration(text, seconds):
    assert values.parse_duration(pl.Series([text])).to_list() == [seconds]


def test_text_that_is_no_number_is_not_read_as_zero():
    assert values.parse_minor_units(pl.Series(["n/a", "", None])).to_list() == [None, None, None]
