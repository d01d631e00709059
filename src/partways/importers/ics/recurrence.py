"""Occurrences of a recurring event (RRULE, RDATE, EXDATE), within a bounded horizon.

dateutil's ``rrule`` (already a dependency) expands the rule; with RDATE, EXDATE and
the per-occurrence keys of ``calendar.py`` (an edited occurrence replaces the one the
rule gave) that covers what calendar exports write. ``recurring-ical-events`` does
more (VTODO, rare RRULE corners) and would replace this module if those matter.
An unbounded rule stops at the horizon; of a long series only the most recent
``calendar.max_occurrences`` occurrences are kept (a daily stand-up since 2015 should
bring this year's meetings, not its first ones). Stepping through a rule costs time
even where nothing is kept (a minutely rule from 1990 on), so one file's rules share
a :class:`Budget` of ``calendar.max_expansion`` steps.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any

from dateutil.rrule import rrulestr

# Occurrences looked at before giving up on one rule (a minutely rule from 1990 on).
SCAN_LIMIT = 200_000


class TooManyOccurrences(Exception):
    """The rules of one file step through more occurrences than its budget allows."""

    def __init__(self, budget: int) -> None:
        super().__init__(budget)
        self.budget = budget


class Budget:
    """Occurrences the rules of one file may still step through together."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise TooManyOccurrences(self.total)


def occurrences(
    start: dt.datetime,
    component: Any,
    horizon: dt.datetime,
    most: int = 5000,
    budget: Budget | None = None,
) -> tuple[list[dt.datetime], bool]:
    """Start times of every occurrence (aware, in ``start``'s zone) up to ``horizon``.

    ``start`` is the event's DTSTART as an aware datetime (an all-day event's start at
    midnight in the import's zone); of each rule the ``most`` latest occurrences are
    kept. Returns the starts, sorted, and whether the series was cut short by the
    horizon or the cap. Raises ValueError for an RRULE that dateutil cannot read and
    :class:`TooManyOccurrences` when ``budget`` runs out.
    """
    budget = budget or Budget(SCAN_LIMIT)
    starts: set[dt.datetime] = {start}
    cut = False
    for rule in _as_list(component.get("RRULE")):
        parsed = _rule(rule.to_ical().decode(), start)
        recent: deque[dt.datetime] = deque(maxlen=most)
        count = 0
        for count, when in enumerate(parsed, 1):  # noqa: B007 - counted for the budget
            if when > horizon or count > SCAN_LIMIT:
                cut = True
                break
            if count % 1000 == 0:
                budget.spend(1000)
            if len(recent) == most:
                cut = True  # an older occurrence makes room for this one
            recent.append(when)
        budget.spend(count % 1000)
        if cut and recent:
            starts = {s for s in starts if s >= recent[0]}
        starts.update(recent)
    for dates in _as_list(component.get("RDATE")):
        budget.spend(len(dates.dts))
        for value in dates.dts:
            when = _aware(value.dt, start)
            if when <= horizon:
                starts.add(when)
    excluded = set()
    for dates in _as_list(component.get("EXDATE")):
        budget.spend(len(dates.dts))
        for value in dates.dts:
            excluded.add(_aware(value.dt, start).astimezone(dt.UTC))
    kept = sorted(s for s in starts if s.astimezone(dt.UTC) not in excluded)
    return kept, cut


def _rule(text: str, start: dt.datetime) -> Any:
    """dateutil's rule for ``text``, UNTIL rewritten as UTC.

    dateutil wants UNTIL aware when DTSTART is; exports also write it as a date
    (all-day series) or a floating local time, both read here in DTSTART's zone.
    """
    parts = []
    for part in text.split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL":
            until = _parse_until(value, start)
            value = until.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{key}={value}")
    return rrulestr(";".join(parts), dtstart=start, forceset=True)


def _parse_until(value: str, start: dt.datetime) -> dt.datetime:
    if len(value) == 8:  # a date: the whole day counts
        day = dt.datetime.strptime(value, "%Y%m%d")
        return day.replace(hour=23, minute=59, second=59, tzinfo=start.tzinfo)
    if value.endswith("Z"):
        return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=start.tzinfo)


def _aware(value: dt.date | dt.datetime, start: dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=start.tzinfo)
    return dt.datetime.combine(value, start.timetz())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
