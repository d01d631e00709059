"""Money amounts: minor units as decimals, and a currency without an exchange rate.

Two currencies are never summed silently: every amount is converted with the
business's own exchange rate first, and a currency without a rate is an error that
names the currency and where it was found.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from .errors import DataError

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
