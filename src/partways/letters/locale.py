"""Dates, money and weekday names written the way the letter's reader writes them (CLDR)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, get_day_names, get_timezone_name
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


def time_zone_name(zone: str, lang: str) -> str:
    """A time zone as a reader names it: "Central European Time", "Waktu Eropa Tengah",
    never the tz database's "Europe/Zagreb". UTC stays UTC; a zone CLDR names only by
    region and season in the language (Croatian "…, ljetno vrijeme" for Jakarta) is
    written as its offset from UTC, which is never wrong."""
    if zone.upper() in ("UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z"):
        return "UTC"
    try:
        name = str(get_timezone_name(zone, locale=lang, zone_variant="generic"))
    except LookupError:
        return zone
    if "ljetno" not in name and "(UTC)" not in name:
        return name
    offset = dt.datetime.now(ZoneInfo(zone)).strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"
