"""``partways rate``: the business's exchange rates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer

from .common import UserError, out, safe

T = TypeVar("T")


def rate(
    currency: Annotated[str, typer.Argument(help="ISO 4217 code, e.g. USD.")],
    value: Annotated[
        str | None,
        typer.Argument(help="Units of the base currency per unit; left out: show the rate."),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Delete CURRENCY's rate instead of setting it.")
    ] = False,
) -> None:
    """Set the exchange rate from CURRENCY to the business's base currency."""
    from partways.store.bootstrap import ensure_database
    from partways.web.settings_forms import parse_currency, parse_rate

    code = _parse(parse_currency, currency)
    amount = None if value is None else _parse(parse_rate, value)
    if amount is not None and remove:
        raise UserError("give a rate or --remove, not both.")
    ensure_database()
    from partways.store.business import remove_rate, set_rate, stored_rates
    from partways.store.models import BusinessSettings

    base = BusinessSettings.load().base_currency
    if remove:
        if not remove_rate(code):
            raise UserError(f"{code} has no exchange rate to remove.")
        out.print(f"Removed the exchange rate of {code}.", highlight=False)
        return
    if amount is None:
        stored = next((r for r in stored_rates() if r.currency == code), None)
        if stored is None:
            raise UserError(
                f"{code} has no exchange rate; set one with `partways rate {code} RATE`."
            )
        if stored.value is None:
            raise UserError(
                f"the stored rate of {code} ({safe(stored.stored)}) is not usable; set it "
                f"again with `partways rate {code} RATE`, or delete it with "
                f"`partways rate {code} --remove`."
            )
        out.print(f"1 {code} = {stored.value.normalize():f} {base}", highlight=False)
        return
    if code == base:
        raise UserError(f"{code} is the base currency: 1 {code} is always 1 {code}.")
    set_rate(code, amount)
    out.print(f"1 {code} = {amount} {base}", highlight=False)


def _parse(parse: Callable[[str], T], text: str) -> T:
    """``parse(text)`` with the web form's rules and words; a refusal is a UserError."""
    from partways.web.settings_forms import SettingError

    try:
        return parse(text)
    except SettingError as exc:
        raise UserError(safe(exc)) from None


def register(app: typer.Typer) -> None:
    app.command()(rate)
