"""Numbers, money, shares and dates in the reader's language, one way everywhere (CLDR).

Every page, CLI table and finding formats through these, so a page never mixes
``2027-10-31`` with ``Dec. 6, 2026`` or ``EUR 13,510.64`` with ``€13,510.64``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent


def locale_of(lang: str | None) -> str:
    """A Babel locale name for a language code (``pt-br`` → ``pt_BR``); English by default."""
    if not lang:
        return "en"
    try:
        return str(Locale.parse(lang.replace("-", "_")))
    except (ValueError, TypeError):
        return "en"


def format_number(value: float | None, lang: str, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_of(lang))


def format_money(minor: float | None, currency: str, lang: str) -> str:
    """An amount in minor units (cents): 1234567, EUR → €12,345.67 / 12.345,67 €."""
    if minor is None:
        return "—"
    return format_currency(Decimal(round(minor)) / 100, currency, locale=locale_of(lang))


def format_share(share: float | None, lang: str) -> str:
    """0.25 → 25% / 25 % / ٢٥٪ as the language writes a percentage."""
    if share is None:
        return "—"
    return format_percent(share, format="#,##0%", locale=locale_of(lang))


def format_day(day: dt.date, lang: str) -> str:
    """A date in the language's medium form: 6 Dec 2026, 6. pro 2026., ٦‏/١٢‏/٢٠٢٦."""
    return format_date(day, format="medium", locale=locale_of(lang))


def format_date_long(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=locale_of(lang))


def format_month(first: dt.date, lang: str) -> str:
    """A calendar month, standing alone: December 2026, prosinac 2026."""
    return format_date(first, format="LLLL y", locale=locale_of(lang))


def format_moment(moment: dt.datetime, lang: str) -> str:
    """A wall-clock time with its date, already in the business's zone, to the minute."""
    loc = locale_of(lang)
    pattern = str(get_datetime_format("medium", locale=loc))
    return pattern.replace("{1}", format_date(moment, format="medium", locale=loc)).replace(
        "{0}", format_time(moment, format="short", locale=loc)
    )


def format_list_of(items: Sequence[str], lang: str) -> str:
    """``a, b and c`` with the language's own conjunction."""
    return format_list(list(items), locale=locale_of(lang)) if items else ""


def format_month_short(first: dt.date, lang: str) -> str:
    """A month in a chart's axis: Dec 2026, pro 2026., ديسمبر 2026."""
    return format_date(first, format="LLL y", locale=locale_of(lang))
