"""Working time of one agency: turning local days and hours into aware UTC moments.

Every moment the generator writes is drawn here, so "in working hours", "in the
evening" and "at the weekend" mean the agency's own week in its own time zone.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

UTC = dt.UTC
_MINUTE = dt.timedelta(minutes=1)


class Clock:
    """The agency's week: which days are worked, from when to when, in which zone.

    ``cutoff`` is the first moment that must not appear in the data (the start of the
    day the evaluation triages on, local time).
    """

    def __init__(
        self,
        time_zone: str,
        work_start: dt.time,
        work_end: dt.time,
        work_days: tuple[int, ...],
        as_of: dt.date,
    ) -> None:
        self.zone = ZoneInfo(time_zone)
        self.start_min = work_start.hour * 60 + work_start.minute
        self.end_min = work_end.hour * 60 + work_end.minute
        self.work_days = work_days
        self.cutoff = self.at(as_of, 0)
        self.last_day = as_of - dt.timedelta(days=1)

    # --- conversions -------------------------------------------------------------
    def at(self, day: dt.date, minute: int) -> dt.datetime:
        """``minute`` minutes after local midnight of ``day``, as aware UTC."""
        local = dt.datetime.combine(day, dt.time(0), tzinfo=self.zone)
        local += dt.timedelta(minutes=minute)
        # Re-attach the zone so a DST change inside the day is honoured.
        naive = local.replace(tzinfo=None)
        return naive.replace(tzinfo=self.zone).astimezone(UTC)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def local_day(self, moment: dt.datetime) -> dt.date:
        return self.local(moment).date()

    def is_work_day(self, day: dt.date) -> bool:
        return day.weekday() in self.work_days

    def is_work_time(self, moment: dt.datetime) -> bool:
        local = self.local(moment)
        minute = local.hour * 60 + local.minute
        return self.is_work_day(local.date()) and self.start_min <= minute < self.end_min

    # --- days --------------------------------------------------------------------
    def work_days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Worked days from ``first`` to ``last`` inclusive (and before the cutoff)."""
        last = min(last, self.last_day)
        days = []
        day = first
        while day <= last:
            if self.is_work_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def off_days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        last = min(last, self.last_day)
        days = []
        day = first
        while day <= last:
            if not self.is_work_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def work_day_on_or_before(self, day: dt.date) -> dt.date:
        while not self.is_work_day(day):
            day -= dt.timedelta(days=1)
        return day

    def work_day_on_or_after(self, day: dt.date) -> dt.date:
        while not self.is_work_day(day):
            day += dt.timedelta(days=1)
        return day

    # --- moments -----------------------------------------------------------------
    def work_moment(self, day: dt.date, rng: random.Random, *, tail_min: int = 15) -> dt.datetime:
        """A moment in working hours on ``day``, at least ``tail_min`` before closing."""
        minute = rng.randint(self.start_min + 5, max(self.start_min + 6, self.end_min - tail_min))
        return self.at(day, minute)

    def evening_moment(self, day: dt.date, rng: random.Random) -> dt.datetime:
        """Between closing time plus an hour and half past midnight, local."""
        lo = min(self.end_min + 60, 21 * 60)
        return self.at(day, rng.randint(lo, 24 * 60 + 30))

    def weekend_moment(self, day: dt.date, rng: random.Random) -> dt.datetime:
        """Any waking hour of an off day."""
        return self.at(day, rng.randint(8 * 60, 23 * 60 + 30))

    def off_hours_moment(self, day: dt.date, rng: random.Random) -> dt.datetime:
        if self.is_work_day(day):
            return self.evening_moment(day, rng)
        return self.weekend_moment(day, rng)

    def work_moment_between(
        self, lo: dt.datetime, hi: dt.datetime, rng: random.Random
    ) -> dt.datetime | None:
        """A moment drawn evenly from the working time inside ``[lo, hi]``; None if none."""
        spans: list[tuple[dt.datetime, dt.datetime]] = []
        day = self.local_day(lo)
        last = self.local_day(hi)
        while day <= last:
            if self.is_work_day(day):
                a = max(lo, self.at(day, self.start_min))
                b = min(hi, self.at(day, self.end_min))
                if b > a:
                    spans.append((a, b))
            day += dt.timedelta(days=1)
        total = sum((b - a) // _MINUTE for a, b in spans)
        if total <= 0:
            return None
        pick = rng.randrange(total)
        for a, b in spans:
            length = (b - a) // _MINUTE
            if pick < length:
                return a + pick * _MINUTE
            pick -= length
        return None  # pragma: no cover - the loop always returns

    def off_moment_between(
        self, lo: dt.datetime, hi: dt.datetime, rng: random.Random
    ) -> dt.datetime | None:
        """An evening or weekend moment (waking hours) inside ``[lo, hi]``; None if none."""
        for _ in range(12):
            span = int((hi - lo) // _MINUTE)
            if span <= 0:
                return None
            moment = lo + rng.randrange(span) * _MINUTE
            local = self.local(moment)
            minute = local.hour * 60 + local.minute
            waking = minute >= 7 * 60 + 30 or minute < 60
            if waking and not self.is_work_time(moment):
                return moment
        return None

    def next_work_moment(
        self, after: dt.datetime, rng: random.Random, *, within_h: float
    ) -> dt.datetime:
        """A working-time moment soon after ``after`` (the next opening if it is closed)."""
        hi = after + dt.timedelta(hours=within_h)
        found = self.work_moment_between(after + dt.timedelta(minutes=4), hi, rng)
        if found is not None:
            return found
        # Closed all that time: the first hours of the next working day.
        day = self.local_day(after) + dt.timedelta(days=1)
        day = self.work_day_on_or_after(day)
        return self.at(day, self.start_min + rng.randint(5, 150))
