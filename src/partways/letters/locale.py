"""Dates, money and weekday names written the way the letter's reader writes them (CLDR)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from babel.dates import format_date, get_day_names
from babel.numbers import format_currency


def long_date(day: dt.date, lang: str) -> str:
    """``day`` in the language's long form: 23 November 2026, 23 studenoga 2026., …"""
    return format_date(day, format="long", locale=lang)


def money(minor: int, currency: str, lang: str) -> str:
    """An amount in minor units (cents) with its currency, e.g. €1,200.00 or 1.200,00 €."""
    return format_currency(Decimal(minor) / 100, currency, locale=lang)


def weekday_names(days: Iterable[int], lang: str) -> list[str]:
    """The names of weekdays (0 = Monday … 6 = Sunday), in order."""
    names = get_day_names("wide", locale=lang)
    return [str(names[d]) for d in sorted(set(days))]
