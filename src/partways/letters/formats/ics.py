"""An iCalendar file of the key dates of an ending (notice, last day, handover…)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from icalendar import Alarm, Calendar, Event

PRODID = "-//partways//offboarding//EN"
# Fixed for ever: UIDs derive from it, and a changed UID makes a calendar that imported
# the file before add the events again instead of updating them.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "partways.invalid")


@dataclass(frozen=True)
class KeyDate:
    """A day to remember, as an all-day event with a reminder the day before."""

    day: dt.date
    summary: str
    description: str = ""


def _utc(stamp: dt.datetime) -> dt.datetime:
    # RFC 5545 wants DTSTAMP in UTC; a naive stamp is taken to be UTC already.
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def to_ics(
    dates: Sequence[KeyDate],
    *,
    calendar_name: str,
    uid_seed: str,
    stamp: dt.datetime,
) -> bytes:
    """An iCalendar file's bytes (CRLF lines): one all-day event per date, each with a
    display alarm one day before.

    An event's UID depends on ``uid_seed`` and its summary only (a repeated summary is
    numbered), not on its day: importing the file again after a date moved updates the
    event rather than adding a second one. ``stamp`` is the DTSTAMP of every event.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    seen: Counter[str] = Counter()
    for key in dates:
        seen[key.summary] += 1
        name = "\n".join((uid_seed, key.summary, str(seen[key.summary])))
        event = Event()
        event.add("uid", f"{uuid.uuid5(_NAMESPACE, name)}@partways")
        event.add("dtstamp", _utc(stamp))
        event.add("dtstart", key.day)
        event.add("dtend", key.day + dt.timedelta(days=1))
        event.add("summary", key.summary)
        if key.description:
            event.add("description", key.description)
        # A reminder, not a meeting: the day stays free in the calendar.
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", key.summary)
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical
