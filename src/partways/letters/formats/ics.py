"""An iCalendar file of the key dates of an ending (notice, last day, handover…)."""

from __future__ import annotations

import datetime as dt
import re
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
    # What the event's UID is made from: the English summary, so the same date keeps
    # its UID whatever language the calendar was downloaded in.
    key: str = ""


# RFC 5545 allows no control characters in a TEXT value but HTAB (line breaks are
# written escaped, as \n); a client's name may hold any (a line break pasted in).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")


def _line(text: str) -> str:
    """``text`` for a one-line value (a name, a summary): breaks become spaces."""
    return _CONTROLS.sub("", " ".join(_BREAKS.sub("\n", text).split("\n")))


def _lines(text: str) -> str:
    """``text`` for a value of several lines (a description): breaks become ``\n``."""
    return _CONTROLS.sub("", _BREAKS.sub("\n", text))


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
    cal.add("x-wr-calname", _line(calendar_name))
    seen: Counter[str] = Counter()
    for key in dates:
        stable = key.key or key.summary
        seen[stable] += 1
        name = "\n".join((uid_seed, stable, str(seen[stable])))
        event = Event()
        event.add("uid", f"{uuid.uuid5(_NAMESPACE, name)}@partways")
        event.add("dtstamp", _utc(stamp))
        event.add("dtstart", key.day)
        event.add("dtend", key.day + dt.timedelta(days=1))
        event.add("summary", _line(key.summary))
        if key.description:
            event.add("description", _lines(key.description))
        # A reminder, not a meeting: the day stays free in the calendar.
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _line(key.summary))
        alarm.add("trigger", dt.timedelta(days=-1))
        event.add_component(alarm)
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical
