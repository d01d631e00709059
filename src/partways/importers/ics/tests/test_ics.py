"""iCalendar: Google- and Outlook-style fixtures beside their expected meetings."""

from pathlib import Path
from typing import Any

import pytest
from tests.golden import check
from tests.shared_data import shared_files

from partways.importers import ImportFailed
from partways.importers.ics import IcsImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _importer(until: str = "2026-06-30") -> IcsImporter:
    importer = IcsImporter()
    importer.time_zone = "Europe/Zagreb"
    importer.options["until"] = until
    return importer


@pytest.mark.parametrize("name", ["google_calendar.ics", "outlook.ics", "malformed.ics"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


def _meetings(name: str) -> list[dict[str, Any]]:
    records, _ = _importer().extract(FIXTURES / name)
    return records.frames["meetings"].to_dicts()


def test_a_weekly_series_skips_exdates_and_follows_daylight_saving() -> None:
    weekly = [m for m in _meetings("google_calendar.ics") if m["uid"].startswith("weekly")]
    starts = [m["starts_at"].isoformat() for m in weekly]
    # Mondays 10:00 in Zagreb: 16 March (CET), 30 March excluded, 6 April (CEST); the
    # 23 March occurrence was moved to Tuesday 24 March 15:00.
    assert starts == [
        "2026-03-16T09:00:00+00:00",
        "2026-04-06T08:00:00+00:00",
        "2026-03-24T14:00:00+00:00",
    ]
    assert weekly[2]["uid"] == "weekly-7c1d@google.com/20260323T090000Z"


def test_an_all_day_event_starts_at_midnight_in_the_import_zone() -> None:
    (workshop,) = [m for m in _meetings("google_calendar.ics") if m["uid"].startswith("work")]
    assert workshop["starts_at"].isoformat() == "2026-03-31T22:00:00+00:00"


def test_cancelled_events_and_cancelled_occurrences_say_so() -> None:
    statuses = {m["uid"]: m["status"] for m in _meetings("outlook.ics")}
    assert statuses["040000008200E00074C5B7101A82E00800000000AABBCCDD/20260402T020000Z"] == (
        "cancelled"
    )
    google = {m["uid"]: m["status"] for m in _meetings("google_calendar.ics")}
    assert google["review-cancelled@google.com"] == "cancelled"
    assert google["kickoff-4f2a@google.com"] == "held"


def test_windows_time_zone_names_from_outlook_are_understood() -> None:
    first = _meetings("outlook.ics")[0]
    assert first["starts_at"].isoformat() == "2026-02-12T07:00:00+00:00"  # 14:00 in Jakarta


def test_attendees_are_the_organizer_and_attendee_addresses_lower_cased() -> None:
    kickoff = _meetings("google_calendar.ics")[0]
    assert kickoff["attendees"] == [
        "ana.kovac@studio-primjer.hr",
        "budi.santoso@maju-jaya.co.id",
    ]


def test_bad_events_are_reported_with_their_begin_line() -> None:
    _, errors = _importer().extract(FIXTURES / "malformed.ics")
    assert [(e.line, e.column) for e in errors] == [(4, "DTSTART"), (9, "DTSTART"), (13, "RRULE")]


def test_an_endless_series_stops_at_the_horizon_with_a_note() -> None:
    records, _ = _importer("2026-05-31").extract(FIXTURES / "malformed.ics")
    endless = records.frames["meetings"].filter(records.frames["meetings"]["line"] == 23)
    assert endless.height == 3  # 9 March, 9 April, 9 May
    assert "expanded up to 2026-05-31" in records.notes[0].english()


def test_a_long_series_keeps_its_most_recent_occurrences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTWAYS_LIMIT_CALENDAR_MAX_OCCURRENCES", "2")
    records, _ = _importer("2030-01-01").extract(FIXTURES / "malformed.ics")
    series = records.frames["meetings"].filter(records.frames["meetings"]["line"] == 23)
    # Monthly on the 9th from March 2026: the last two before the horizon, not the first.
    assert [str(d.date()) for d in series["starts_at"]] == ["2029-11-09", "2029-12-09"]


def test_a_file_that_is_not_icalendar_fails_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nthis is not a property line\n")
    assert IcsImporter().identify(path)
    with pytest.raises(ImportFailed, match="not a readable iCalendar file"):
        IcsImporter().extract(path)


def test_a_calendar_without_events_gives_a_note_and_no_records(tmp_path: Path) -> None:
    path = tmp_path / "tasks.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VTODO\nUID:t1\nSUMMARY:Call\n"
        "END:VTODO\nEND:VCALENDAR\n"
    )
    records, errors = IcsImporter().extract(path)
    assert (records.count(), errors) == (0, [])
    assert "holds no events" in records.notes[0].english()


@pytest.mark.parametrize(
    "path",
    shared_files("exports") + shared_files("email") + shared_files("chat"),
    ids=str,
)
def test_no_shared_export_mail_or_chat_file_is_claimed(path: Path) -> None:
    assert not IcsImporter().identify(path)
