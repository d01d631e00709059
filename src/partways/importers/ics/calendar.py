"""iCalendar (.ics) files: Google Calendar, Outlook, Apple Calendar, Fastmail exports.

Every VEVENT becomes a ``meetings`` record: ``uid`` (with the occurrence's start for
a recurring event, so that an edited or cancelled occurrence replaces the one the
rule gave), ``title`` (SUMMARY), ``starts_at`` (UTC), ``status`` ("cancelled" for
STATUS:CANCELLED or a METHOD:CANCEL file, else "held") and ``attendees`` (ORGANIZER
and ATTENDEE addresses, lower-case). Floating times and all-day events are read in
the import's time zone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import polars as pl

from partways.core.limits import limit
from partways.core.phrase import Phrase, marked, say

from ..base import Importer, ImportFailed, RowError, grouped
from ..frames import frame
from ..records import SCHEMAS, Records
from ..textio import decode, head_text
from .recurrence import Budget, TooManyOccurrences, occurrences

_SCHEMA = {
    **{c: SCHEMAS["meetings"][c] for c in SCHEMAS["meetings"] if c != "client"},
    "line": pl.Int64,
}
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.I | re.M)
HORIZON_YEARS = 2


class IcsImporter(Importer):
    """An iCalendar file: every event (and each occurrence of a recurring one)."""

    name = "ics"
    title = marked("Calendar: iCalendar .ics file (Google Calendar, Outlook, Apple)")
    kinds = ("meetings",)
    priority = 60

    def identify(self, path: Path) -> bool:
        """True for a file that starts with BEGIN:VCALENDAR."""
        return head_text(path, 512).lstrip().upper().startswith("BEGIN:VCALENDAR")

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Every event, in file order; recurring ones expanded up to the horizon.

        ``line`` is the event's BEGIN:VEVENT line. The horizon is the ``until`` option
        (an ISO date) or two years after today; a series keeps its most recent
        ``calendar.max_occurrences`` occurrences. An event without a readable DTSTART
        (or with two) is reported (file, line, DTSTART) and left out. Raises
        :class:`ImportFailed` when the file is not iCalendar, holds more than
        ``calendar.max_events`` events, or its rules expand past
        ``calendar.max_expansion`` occurrences.
        """
        try:
            text = decode(path.read_bytes())[0]
        except OSError as exc:
            raise ImportFailed(
                say("import.unreadable", "cannot be read ({reason}).", reason=str(exc.strerror)),
                str(path),
            ) from exc
        lines = _event_lines(text)
        most = limit("calendar.max_events")
        if len(lines) > most:
            # Refused before parsing: icalendar takes seconds per ten thousand events.
            raise ImportFailed(
                say(
                    "import.ics_too_many_events",
                    "the calendar holds {found} events, more than the {most} one import "
                    "reads (calendar.max_events); export a shorter period, or raise the limit.",
                    found=grouped(len(lines)),
                    most=grouped(most),
                ),
                str(path),
            )
        horizon = self._horizon(path)
        try:
            calendar = icalendar.Calendar.from_ical(text)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            # icalendar reports a malformed line or component as ValueError, but a broken
            # VTIMEZONE can surface as any of these while it is turned into a zone.
            raise ImportFailed(
                say(
                    "import.ics_unreadable",
                    "not a readable iCalendar file ({problem}).",
                    problem=str(exc),
                ),
                str(path),
            ) from exc
        reader = _Reader(str(path), self._zone(), horizon, lines)
        cancelled_file = str(calendar.get("METHOD", "")).upper() == "CANCEL"
        events = list(calendar.walk("VEVENT"))
        overridden = {
            (str(e.get("UID")), _utc_key(e.get("RECURRENCE-ID").dt, reader.zone))
            for e in events
            if e.get("RECURRENCE-ID") is not None
            and e.get("UID") is not None
            and _readable(e, "RECURRENCE-ID")
        }
        for index, event in enumerate(events):
            try:
                reader.event(event, index, cancelled_file, overridden)
            except TooManyOccurrences as exc:
                raise ImportFailed(
                    say(
                        "import.ics_too_many_occurrences",
                        "the calendar's repeating events expand to more than {most} "
                        "occurrences (calendar.max_expansion); expected rules that repeat at "
                        "most every few minutes, or raise the limit.",
                        most=grouped(exc.budget),
                    ),
                    str(path),
                    reader.line(index),
                ) from exc
            self.progress(index + 1, len(events))
        records = Records()
        records.add("meetings", frame(reader.columns, _SCHEMA))
        records.notes.extend(reader.notes)
        if not events:
            records.notes.append(
                say(
                    "import.ics_no_events",
                    "The calendar holds no events (VEVENT); tasks, journal "
                    "entries and free/busy data are not read.",
                )
            )
        return records, reader.errors

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def _horizon(self, path: Path) -> dt.datetime:
        until = self.options.get("until")
        if until:
            try:
                day = dt.date.fromisoformat(until)
            except ValueError:
                raise ImportFailed(
                    say(
                        "import.ics_until",
                        "the option until={value} is not a date; expected e.g. 2027-12-31.",
                        value=repr(until),
                    ),
                    str(path),
                ) from None
        else:
            today = dt.date.today()
            day = today.replace(year=today.year + HORIZON_YEARS, day=min(today.day, 28))
        return dt.datetime.combine(day, dt.time(23, 59, 59), ZoneInfo(self.time_zone))


class _Reader:
    """Collects meetings column by column, with errors and notes."""

    def __init__(self, path: str, zone: ZoneInfo, horizon: dt.datetime, lines: list[int]) -> None:
        self.path = path
        self.zone = zone
        self.horizon = horizon
        self.columns: dict[str, list[Any]] = {c: [] for c in _SCHEMA}
        self.errors: list[RowError] = []
        self.notes: list[Phrase] = []
        # The n-th VEVENT of the file starts on the n-th BEGIN:VEVENT line.
        self.lines = lines
        self.budget = Budget(limit("calendar.max_expansion"))
        self.most = limit("calendar.max_occurrences")

    def line(self, index: int) -> int | None:
        return self.lines[index] if index < len(self.lines) else None

    def event(
        self, event: Any, index: int, cancelled_file: bool, overridden: set[tuple[str, str]]
    ) -> None:
        line = self.line(index)
        start_prop = event.get("DTSTART")
        if isinstance(start_prop, list):
            self._error(
                line,
                "DTSTART",
                say(
                    "import.ics_many_starts",
                    "the event has {count} DTSTART lines; expected one start",
                    count=len(start_prop),
                ),
            )
            return
        if start_prop is None:
            self._error(
                line,
                "DTSTART",
                say(
                    "import.ics_no_start",
                    "the event has no DTSTART; expected its start, e.g. DTSTART:20260305T090000Z",
                ),
            )
            return
        if not _readable(event, "DTSTART") or not isinstance(start_prop.dt, dt.date):
            self._error(
                line,
                "DTSTART",
                say(
                    "import.ics_bad_start",
                    "{value} is not a date or time; expected e.g. 20260305T090000Z or 20260305",
                    value=repr(start_prop.to_ical().decode()),
                ),
            )
            return
        start = _aware(start_prop.dt, self.zone)
        title = str(event.get("SUMMARY")) if event.get("SUMMARY") is not None else None
        cancelled = cancelled_file or str(event.get("STATUS", "")).upper() == "CANCELLED"
        attendees = _attendees(event)
        uid = str(event.get("UID")) if event.get("UID") is not None else _made_uid(title, start)
        recurring = event.get("RRULE") is not None or event.get("RDATE") is not None
        if event.get("RECURRENCE-ID") is not None and _readable(event, "RECURRENCE-ID"):
            key = f"{uid}/{_utc_key(event.get('RECURRENCE-ID').dt, self.zone)}"
            self._add(key, title, start, cancelled, attendees, line)
            return
        if not recurring:
            self._add(uid, title, start, cancelled, attendees, line)
            return
        try:
            starts, cut = occurrences(start, event, self.horizon, self.most, self.budget)
        except (ValueError, TypeError, AttributeError):
            # (dateutil raises AttributeError for some unknown rule parts.)
            written = _as_written(event.get("RRULE"))
            self._error(
                line,
                "RRULE",
                say(
                    "import.ics_bad_rule",
                    "{value} is not a recurrence rule; expected e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=10",
                    value=repr(written),
                ),
            )
            return
        if cut:
            self.notes.append(
                say(
                    "import.ics_expanded",
                    "Line {line}: the recurring event {title} was expanded up to {until}, "
                    "keeping its {most} most recent occurrences at most.",
                    line=str(line),
                    title=repr(title),
                    until=self.horizon.date(),
                    most=grouped(self.most),
                )
            )
        for when in starts:
            key = f"{uid}/{_utc_key(when, self.zone)}"
            if (uid, _utc_key(when, self.zone)) in overridden:
                continue
            self._add(key, title, when, cancelled, attendees, line)

    def _add(
        self,
        uid: str,
        title: str | None,
        start: dt.datetime,
        cancelled: bool,
        attendees: list[str],
        line: int | None,
    ) -> None:
        self.columns["uid"].append(uid)
        self.columns["title"].append(title)
        self.columns["starts_at"].append(start.astimezone(dt.UTC))
        self.columns["status"].append("cancelled" if cancelled else "held")
        self.columns["attendees"].append(attendees)
        self.columns["line"].append(line)

    def _error(self, line: int | None, column: str, message: Phrase) -> None:
        self.errors.append(RowError(self.path, line, column, message))


def _as_written(rule: Any) -> str:
    """An RRULE (or several) as the file wrote it, for an error message."""
    if rule is None:
        return ""
    if isinstance(rule, list):
        return "; ".join(_as_written(r) for r in rule)
    if type(rule).__name__ == "vBroken":
        return str(rule)  # str() gives a broken value as written (to_ical would escape it)
    try:
        return str(rule.to_ical().decode())
    except (AttributeError, ValueError, TypeError):
        return str(rule)


def _event_lines(text: str) -> list[int]:
    """The 1-based line of every BEGIN:VEVENT, counted in one pass over ``text``."""
    lines = []
    line, position = 1, 0
    for match in _BEGIN_EVENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _readable(event: Any, name: str) -> bool:
    try:
        event.get(name).dt  # noqa: B018 - broken values raise on access
    except (AttributeError, ValueError, TypeError):
        return False
    return True


def _aware(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """An aware datetime: floating times and all-day dates are read in ``zone``."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return dt.datetime.combine(value, dt.time(), zone)


def _utc_key(value: dt.date | dt.datetime, zone: ZoneInfo) -> str:
    return _aware(value, zone).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _attendees(event: Any) -> list[str]:
    found: list[str] = []
    values: list[Any] = []
    for name in ("ORGANIZER", "ATTENDEE"):
        value = event.get(name)
        values.extend(value if isinstance(value, list) else [value] if value else [])
    for value in values:
        address = str(value).strip()
        if address.lower().startswith("mailto:"):
            address = address[len("mailto:") :]
        address = address.strip().lower()
        if "@" in address and address not in found:
            found.append(address)
    return found


def _made_uid(title: str | None, start: dt.datetime) -> str:
    """A stable stand-in for a missing UID (RFC 5545 requires one; some tools omit it)."""
    digest = hashlib.sha1(f"{title}|{start.astimezone(dt.UTC).isoformat()}".encode())
    return "no-uid:" + digest.hexdigest()[:16]
