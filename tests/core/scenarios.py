"""Whole-client histories shared by the triage tests."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from .builders import Build, at


def months_back(as_of: dt.date, n: int) -> list[dt.date]:
    """The first days of the ``n`` months ending with as_of's month, oldest first."""
    first = as_of.replace(day=1)
    return [first - relativedelta(months=i) for i in range(n - 1, -1, -1)]


def weekdays(month: dt.date, n: int) -> list[dt.date]:
    """The first ``n`` working days (Monday–Friday) of ``month``."""
    days = (month + dt.timedelta(days=i) for i in range(31))
    return [d for d in days if d.weekday() < 5][:n]


def healthy_month(b: Build, cid: int, month: dt.date, messages: int = 10) -> None:
    b.hours(cid, at(month.year, month.month, 3), 20)
    b.invoice(
        cid,
        month + dt.timedelta(days=4),
        month + dt.timedelta(days=20),
        20 * 9000,
        paid=[(month + dt.timedelta(days=18), 20 * 9000)],
    )
    for day in weekdays(month, messages):
        b.message(cid, at(day.year, day.month, day.day, 10), "in")


def troubled_month(b: Build, cid: int, month: dt.date) -> None:
    """Gloomy messages at night, late payment and unpaid hours: several signs at once."""
    b.hours(cid, at(month.year, month.month, 3), 60, billable=False)
    b.hours(cid, at(month.year, month.month, 4), 10)
    b.invoice(
        cid,
        month + dt.timedelta(days=4),
        month + dt.timedelta(days=10),
        10 * 8000,
        paid=[(month + dt.timedelta(days=55), 10 * 8000)],
    )
    for i in range(10):
        b.message(
            cid, at(month.year, month.month, 5 + i, 23), "in", labels=("negative",) if i % 2 else ()
        )


def crisis_month(b: Build, cid: int, month: dt.date) -> None:
    """A healthy client's bad month: many worried messages."""
    healthy_month(b, cid, month, messages=5)
    for i, day in enumerate(weekdays(month, 20)):
        b.message(
            cid, at(day.year, day.month, day.day, 11), "in", labels=("negative",) if i < 16 else ()
        )
