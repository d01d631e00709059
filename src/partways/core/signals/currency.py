"""Converting money columns into the business's base currency, over whole frames.

Two currencies are never summed silently: every amount is converted with the
business's own exchange rate first (``with_base_amounts``), and a currency without a
rate stops the run (``check_rates``) with an error naming the currency and where it
was found.
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from ..dataset import Business
from ..money import MissingExchangeRate


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
