"""Money in several currencies: converted with the business's rates, never summed raw."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from partways.core.engine import compute
from partways.core.money import MissingExchangeRate, format_money, minor_to_decimal

from .builders import Build, at

AS_OF = dt.date(2026, 6, 30)


def _two_currency_client() -> Build:
    b = Build(base_currency="EUR")
    b.client(1)
    b.hours(1, at(2026, 5, 4), 20)
    b.invoice(1, dt.date(2026, 5, 5), dt.date(2026, 6, 4), 100_000, currency="EUR")
    b.invoice(1, dt.date(2026, 5, 6), dt.date(2026, 6, 5), 100_000, currency="USD")
    return b


def test_amounts_in_other_currencies_are_converted_with_the_users_rate():
    ds = _two_currency_client().dataset(rates={"USD": Decimal("0.5")})
    result = compute(ds, AS_OF)
    facts = json.loads(
        result.results.filter(result.results["signal"] == "losing_money")["facts"][0]
    )
    # 1,000 EUR + 1,000 USD × 0.5 = 1,500 EUR of revenue, in minor units.
    assert facts["revenue"] == 150_000


def test_a_currency_without_a_rate_is_an_error_naming_it_and_where():
    ds = _two_currency_client().dataset()
    with pytest.raises(MissingExchangeRate) as info:
        compute(ds, AS_OF)
    assert "USD" in str(info.value) and "invoices" in str(info.value)
    assert "partways rate" in str(info.value)


def test_money_is_shown_as_decimal_rounded_to_the_cent():
    assert minor_to_decimal(12345.5) == Decimal("123.46")
    assert minor_to_decimal(12344.5) == Decimal("123.44")  # half-even
    assert format_money(123456789, "EUR") == "EUR 1,234,567.89"
