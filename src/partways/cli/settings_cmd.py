"""``partways rate``: the business's exchange rates."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated

import typer

from .common import UserError, out


def rate(
    currency: Annotated[str, typer.Argument(help="ISO 4217 code, e.g. USD.")],
    value: Annotated[str, typer.Argument(help="Units of the base currency per unit.")],
) -> None:
    """Set the exchange rate from CURRENCY to the business's base currency."""
    from partways.store.bootstrap import ensure_database

    code = currency.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise UserError(f"{currency!r} is not a currency code; expected three letters, e.g. USD.")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise UserError(f"{value!r} is not a number; expected e.g. 0.92.") from None
    if amount <= 0:
        raise UserError(f"the rate must be above zero, not {value}.")
    ensure_database()
    from partways.store.models import BusinessSettings, ExchangeRate

    base = BusinessSettings.load().base_currency
    ExchangeRate.objects.update_or_create(currency=code, defaults={"rate_to_base": amount})
    out.print(f"1 {code} = {amount} {base}")


def register(app: typer.Typer) -> None:
    app.command()(rate)
