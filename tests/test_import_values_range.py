"""Numbers in imported files must be finite and in range: money past money.max_amount,
infinity, NaN and exponent notation are reported as bad cells with their line and
column, never stored and never a traceback."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from partways.core.limits import limit
from partways.importers import values
from partways.importers.toggl.csv_report import TogglCsvImporter

LARGEST = limit("money.max_amount")


@pytest.mark.parametrize(
    ("text", "comma", "cents"),
    [
        # Before, the general parser dropped the "e" as noise: 1e309 read as 1309.
        ("1e309", False, None),
        ("1,5e3", True, None),
        ("1E5", True, None),
        ("inf", False, None),
        ("-Infinity", False, None),
        ("NaN", False, None),
        # A plain export of a large number in exponent form still reads (Excel writes it).
        ("1.5E+03", False, 150000),
        (f"{LARGEST}.00", False, LARGEST * 100),
        (f"-{LARGEST}", False, -LARGEST * 100),
        (f"{LARGEST}.01", False, None),
        ("92233720368547758.07", False, None),
        ("99999999999999999999999", False, None),
    ],
)
def test_money_must_be_a_finite_amount_within_the_limit(text, comma, cents):
    assert values.parse_minor_units(pl.Series([text]), comma).to_list() == [cents]
    if "E+" not in text:  # the general parser (a messy column) refuses exponents outright
        general = pl.DataFrame({"v": [text]}).select(values.minor_units(pl.col("v"), comma))
        assert general.to_series().to_list() == [cents]


def test_exponent_notation_is_not_read_as_a_duration_in_hours():
    assert values.parse_duration(pl.Series(["1e3", "1,5"]), comma=True).to_list() == [None, 5400]


def test_a_toggl_report_with_impossible_amounts_lists_them_and_keeps_nothing(tmp_path: Path):
    # Before, 92233720368547758.07 passed the parser and the rate per hour overflowed:
    # "polars.exceptions.InvalidOperationError: conversion from f64 to i64 failed".
    path = tmp_path / "toggl.csv"
    rows = ["1e309", "inf", "NaN", "92233720368547758.07", "120.00"]
    path.write_text(
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
        "End time,Duration,Tags,Amount (EUR)\n"
        + "".join(
            f"Ana,ana@studio.hr,Acme,Web,,row {i},Yes,2026-10-0{i + 1},09:00:00,2026-10-0{i + 1},"
            f"10:00:00,01:00:00,,{amount}\n"
            for i, amount in enumerate(rows)
        ),
        encoding="utf-8",
    )
    importer = TogglCsvImporter()
    importer.time_zone = "UTC"
    records, errors = importer.extract(path)
    assert [(e.line, e.column) for e in errors] == [
        (n, '"Amount (EUR)" (14)') for n in (2, 3, 4, 5)
    ]
    assert all("is not an amount" in e.message.english() for e in errors)
