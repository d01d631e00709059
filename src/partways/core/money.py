"""Converting money into the business's base currency.

Two currencies are never summed silently: every amount is converted with the
business's own exchange rate first, and a currency without a rate is an error that
names the currency and where it was found.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import TypeVar

import polars as pl

from .dataset import Business, DataError

CENT = Decimal("0.01")


class MissingExchangeRate(DataError):
    """Some amounts are in a currency the business has given no rate for."""

    def __init__(self, missing: dict[str, list[str]], base: str) -> None:
        self.missing = missing
        parts = [f"{cur} (in {', '.join(sorted(where))})" for cur, where in sorted(missing.items())]
        super().__init__(
            f"no exchange rate to {base} for: {'; '.join(parts)}. "
            f"Add one with `partways rate CURRENCY RATE` (units of {base} per unit)."
        )


def check_rates(business: Business, tables: dict[str, pl.DataFrame]) -> None:
    """Raise :class:`MissingExchangeRate` if any table uses a currency without a rate."""
    known = set(business.rates) | {business.base_currency}
    missing: dict[str, list[str]] = {}
    for name, frame in tables.items():
        if "currency" not in frame.columns:
            continue
        for cur in frame.get_column("currency").unique().drop_nulls().to_list():
            if cur not in known:
                missing.setdefault(cur, []).append(name)
    if missing:
        raise MissingExchangeRate(missing, business.base_currency)


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def with_base_amounts(frame: Frame, business: Business, columns: dict[str, str]) -> Frame:
    """Add base-currency columns: ``columns`` maps source minor-unit column -> new name.

    The results are Float64 minor units of the base currency (rates are rarely whole
    numbers); they are rounded to the cent only when shown.
    """
    rates = {business.base_currency: 1.0, **{c: float(r) for c, r in business.rates.items()}}
    # A mapping beats a join here: a handful of currencies over millions of rows.
    rate = pl.col("currency").replace_strict(rates, default=None, return_dtype=pl.Float64)
    return frame.with_columns(
        (pl.col(src).cast(pl.Float64) * rate).alias(dst) for src, dst in columns.items()
    )


def minor_to_decimal(minor: float | int | None) -> Decimal | None:
    """Minor units (possibly fractional after conversion) as a Decimal rounded to the cent."""
    if minor is None:
        return None
    return (Decimal(repr(float(minor))) / 100).quantize(CENT, rounding=ROUND_HALF_EVEN)


def format_money(minor: float | int | None, currency: str) -> str:
    amount = minor_to_decimal(minor)
    if amount is None:
        return "–"
    return f"{currency} {amount:,.2f}"
