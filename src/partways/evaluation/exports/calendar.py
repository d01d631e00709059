"""Meetings as one .ics file, the way Google Calendar exports a calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from ..model import Agency, Meeting, Person
from .common import as_utc, digest


def _person(prop: str, p: Person, organizer: bool = False) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{p.email}")
    address.params["CN"] = p.name
    if not organizer:
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "ACCEPTED"
        address.params["X-NUM-GUESTS"] = "0"
    return address


def write_ics(agency: Agency, folder: Path) -> Path:
    """The owner's calendar: every meeting with its attendees, cancelled ones marked."""
    owner = agency.owner
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Google Inc//Google Calendar 70.9054//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", owner.email)
    cal.add("x-wr-timezone", agency.time_zone)
    team = {p.email.lower() for p in agency.team}
    stamp = dt.datetime.combine(agency.as_of, dt.time(), dt.UTC)
    meetings: list[tuple[str, Meeting]] = [(c.name, m) for c in agency.clients for m in c.meetings]
    meetings.sort(key=lambda cm: as_utc(cm[1].starts_at))
    for n, (client, m) in enumerate(meetings):
        start = as_utc(m.starts_at)
        event = icalendar.Event()
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=m.minutes))
        event.add("dtstamp", stamp)
        organizer = next((p for p in m.attendees if p.email.lower() in team), owner)
        event["organizer"] = _person("organizer", organizer, organizer=True)
        event.add("uid", f"{digest(agency.slug, client, n, start.isoformat(), size=13)}@google.com")
        for p in m.attendees:
            event.add("attendee", _person("attendee", p), encode=False)
        created = start - dt.timedelta(days=7)
        event.add("created", created)
        event.add("description", "")
        event.add("last-modified", created)
        event.add("location", "")
        event.add("sequence", 1 if m.cancelled else 0)
        event.add("status", "CANCELLED" if m.cancelled else "CONFIRMED")
        event.add("summary", m.title)
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    path = folder / "calendar.ics"
    path.write_bytes(cal.to_ical())
    return path
