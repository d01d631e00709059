"""Clockify, synced from a local server that answers as Clockify's API v1 does.

The fixture account has two workspaces. "Studio Mreža" (USD; Marko administers it,
Dewi and Layla are members) holds ten entries: one from March (outside the trailing
window), one running timer, one with no client, one at 03:05 UTC that is the evening
before in New York (the business's time zone here), one across midnight UTC, one in
the hour New York repeats when summer time ends, one with seconds in its start, one
with neither task nor description. "Atelier Lumière" (EUR) holds a break and two
entries. The studio's detailed report export (``fixtures/detailed_report_studio.csv``)
holds the same finished entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import partways.connectors.clockify as clockify_package
from partways.connectors import Fetched, SyncFailed
from partways.connectors.clockify import api as clockify_api
from partways.connectors.clockify.connector import ClockifyConnector
from partways.connectors.fake_api import FakeApi, Reply, Request
from partways.importers.clockify import ClockifyTimeImporter
from partways.store import models as m
from partways.store.imports.apply import FileReport
from partways.store.imports.keys import with_keys
from partways.store.imports.run import ImportOptions, Source, import_source
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import unseal

from .fake_clockify import (
    ATELIER,
    DEWI,
    DEWI_KEY,
    FIXTURES,
    MARKO,
    MARKO_KEY,
    UNAUTHORIZED,
    FakeClockify,
    entry_id,
)

Clockify = tuple[FakeClockify, FakeApi]
ZONE = "America/New_York"
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)
EXPORT = FIXTURES / "detailed_report_studio.csv"
# The window read again on every sync starts 90 days before NOW.
WINDOW_START = dt.date(2026, 9, 8)
# What the export and the sync must agree on (invoiced: the API does not say).
COMPARED = [
    "client",
    "project",
    "person",
    "started_at",
    "duration_seconds",
    "billable",
    "bill_rate_minor",
    "currency",
    "description",
]


@pytest.fixture
def clockify(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clockify]:
    # Two items a page, so every list (Marko's five studio entries above all) is read
    # over several pages.
    monkeypatch.setattr(clockify_api, "PAGE", 2)
    account = FakeClockify()
    with FakeApi(account.route) as api:
        yield account, api


def _connector(api: FakeApi, key: str = MARKO_KEY, **more: str) -> ClockifyConnector:
    return ClockifyConnector({"api_key": key, **more}, base_url=api.url, time_zone=ZONE, now=NOW)


def _export_frame() -> pl.DataFrame:
    importer = ClockifyTimeImporter()
    importer.time_zone = ZONE
    records, errors = importer.extract(EXPORT)
    assert not errors
    return records.frames["time_entries"]


def _rows(frame: pl.DataFrame) -> list[tuple[Any, ...]]:
    return sorted(frame.select(COMPARED).rows(), key=lambda r: r[3])


def _skipped(fetched: Fetched) -> dict[str, int]:
    return {s.english(): n for s, n in fetched.records.skipped.items()}


# -- the connector alone --------------------------------------------------------------


def test_the_first_sync_fills_every_entry_as_the_export_does_so_the_keys_match(
    clockify: Clockify,
) -> None:
    _account, api = clockify
    fetched = _connector(api).fetch({})
    synced = fetched.records.frames["time_entries"]
    exported = _export_frame()
    assert _rows(synced) == _rows(exported)
    # The identity the store keys on: the same nine keys whichever way they came.
    assert set(with_keys("time_entries", synced)["_key"]) == set(
        with_keys("time_entries", exported)["_key"]
    )
    assert _skipped(fetched) == {"Clockify timers still running (synced once stopped)": 1}
    assert fetched.records.frames["projects"].select("client", "project").rows() == [
        ("Dubrovnik Tours d.o.o.", "Web shop"),
        ("PT Sinar Jaya", "Aplikasi"),
        (None, "Internal"),
        ("مؤسسة الريادة", "الموقع"),
    ]
    # Marko's five entries came over three pages; the last one short, so no fourth.
    pages = [r.arg("page") for r in api.requests if r.path.endswith(f"/user/{MARKO}/time-entries")]
    assert pages == ["1", "2", "3"]


def test_local_days_differ_from_utc_days_and_the_repeated_autumn_hour_is_kept(
    clockify: Clockify,
) -> None:
    _account, api = clockify
    fetched = _connector(api).fetch({})
    frame = fetched.records.frames["time_entries"]
    by_id = dict(zip(fetched.ids["time_entries"], range(frame.height), strict=True))

    def row(number: int) -> tuple[dict[str, Any], dt.date | None]:
        line = by_id[entry_id(number)]
        return frame.row(line, named=True), fetched.dates["time_entries"][line]

    bookkeeping, day = row(3)  # 03:05 UTC on the 14th is 22:05 on the 13th in New York
    assert bookkeeping["started_at"] == dt.datetime(2026, 11, 14, 3, 5, tzinfo=dt.UTC)
    assert day == dt.date(2026, 11, 13)
    design, day = row(4)  # 23:30 UTC to 00:30 UTC: one hour, on the 30th in New York
    assert (design["duration_seconds"], day) == (3600, dt.date(2026, 11, 30))
    planning, _ = row(7)  # 01:30 EDT, the first of the two 01:30s that night
    assert planning["started_at"] == dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC)
    shop, _ = row(5)
    assert shop["started_at"].second == 7 and shop["duration_seconds"] == 2 * 3600 + 165
    # A non-billable entry has no rate (the export writes 0.00), the others their cents.
    assert (bookkeeping["billable"], bookkeeping["bill_rate_minor"]) == (False, 0)
    assert (design["bill_rate_minor"], design["currency"]) == (7000, "USD")
    assert fetched.complete_since == {"time_entries": dt.date(2023, 12, 8)}


def test_a_named_workspace_in_euros_is_read_and_its_break_skipped(clockify: Clockify) -> None:
    _account, api = clockify
    fetched = _connector(api, workspace_id=ATELIER).fetch({})
    frame = fetched.records.frames["time_entries"].sort("started_at")
    assert frame.select("client", "description", "bill_rate_minor", "currency").rows() == [
        ("Maison Lumière", "Photography: Studio shoot", 9000, "EUR"),
        ("Maison Lumière", "Retouching", 9000, "EUR"),
    ]
    assert _skipped(fetched) == {"Clockify break entries (not client work)": 1}
    assert fetched.cursor["workspace_id"] == ATELIER


def test_later_syncs_read_the_trailing_window_again_in_full(clockify: Clockify) -> None:
    _account, api = clockify
    first = _connector(api).fetch({})
    api.requests.clear()
    later = _connector(api).fetch(first.cursor)
    starts = {r.arg("start") for r in api.requests if r.path.endswith("/time-entries")}
    # Two days' margin before the window, for a server that reads the Z as local time.
    assert starts == {"2026-09-06T00:00:00Z"}
    assert later.complete_since == {"time_entries": WINDOW_START}
    assert entry_id(1) not in later.ids["time_entries"]  # March: outside the window
    assert entry_id(9) in later.ids["time_entries"]
    # Left unsynced for longer than the window: read from the last sync on.
    old = {**first.cursor, "synced_until": "2026-06-01T08:00:00+00:00"}
    assert _connector(api).fetch(old).complete_since == {"time_entries": dt.date(2026, 6, 1)}


def test_tasks_are_read_per_project_when_entries_come_without_them(clockify: Clockify) -> None:
    account, api = clockify
    account.hydrate_tasks = False
    fetched = _connector(api).fetch({})
    assert _rows(fetched.records.frames["time_entries"]) == _rows(_export_frame())
    assert any(r.path.endswith("/tasks") for r in api.requests)


def test_a_members_key_reads_its_own_entries_and_says_so(clockify: Clockify) -> None:
    _account, api = clockify
    fetched = _connector(api, key=DEWI_KEY).fetch({})
    assert set(fetched.records.frames["time_entries"]["person"]) == {"Dewi Lestari"}
    assert [n.code for n in fetched.records.notes] == ["sync.clockify_own_entries_only"]
    assert fetched.cursor["members"] == "own"
    assert not any(r.path.endswith(f"/user/{MARKO}/time-entries") for r in api.requests)
    assert all(f"/user/{DEWI}/" in r.path for r in api.requests if "time-entries" in r.path)
    # A connection that synced everyone's entries refuses to go on with one person's:
    # the others' entries in the window would look deleted.
    with pytest.raises(SyncFailed) as lost:
        _connector(api, key=DEWI_KEY).fetch({**fetched.cursor, "members": "all"})
    assert lost.value.phrase.code == "sync.clockify_not_admin_any_more"


def test_an_entry_added_while_the_pages_are_read_doubles_nothing(clockify: Clockify) -> None:
    account, api = clockify
    answer = account.route

    def route(request: Request) -> Reply:
        reply = answer(request)
        if request.path.endswith(f"/user/{MARKO}/time-entries") and request.arg("page") == "1":
            # Newest first: the new entry pushes the others down a place.
            account.entries[entry_id(99)] = {
                **account.entries[entry_id(5)],
                "id": entry_id(99),
                "description": "Hotfix",
                "timeInterval": {
                    "start": "2026-12-06T10:00:00Z",
                    "end": "2026-12-06T11:00:00Z",
                    "duration": "PT1H",
                },
            }
        return reply

    api.route = route
    fetched = _connector(api).fetch({})
    ids = fetched.ids["time_entries"]
    assert len(ids) == len(set(ids)) == 9


def test_a_server_that_ignores_the_page_asked_for_is_not_read_for_ever(
    clockify: Clockify, monkeypatch: pytest.MonkeyPatch
) -> None:
    account, api = clockify
    first_page = account._page
    monkeypatch.setattr(
        account, "_page", lambda request, items: first_page(_page_one(request), items)
    )
    with pytest.raises(SyncFailed) as stuck:
        _connector(api).fetch({})
    assert stuck.value.phrase.code == "sync.clockify_unexpected"


def _page_one(request: Request) -> Request:
    return Request(request.method, request.path, {**request.query, "page": ["1"]}, request.headers)


def test_a_rate_limit_is_waited_out(clockify: Clockify) -> None:
    _account, api = clockify
    api.interrupt(
        Reply(429, {"message": "Too many requests", "code": 429}, {"Retry-After": "0"}), 3
    )
    fetched = _connector(api).fetch({})
    assert fetched.records.frames["time_entries"].height == 9


def test_a_refused_key_and_an_unreachable_server_are_said_plainly(clockify: Clockify) -> None:
    _account, api = clockify
    with pytest.raises(SyncFailed) as refused:
        _connector(api, key="revoked-key-0000").fetch({})
    assert refused.value.phrase.code == "sync.refused"
    assert "revoked-key-0000" not in str(refused.value)
    closed = ClockifyConnector({"api_key": MARKO_KEY}, base_url="http://127.0.0.1:9", now=NOW)
    with pytest.raises(SyncFailed) as unreachable:
        closed.fetch({})
    assert unreachable.value.phrase.code == "sync.network"


def test_the_key_travels_in_its_header_only(clockify: Clockify) -> None:
    _account, api = clockify
    _connector(api).fetch({})
    assert api.requests
    for request in api.requests:
        assert request.header("X-Api-Key") == MARKO_KEY
        assert MARKO_KEY not in request.path and MARKO_KEY not in str(request.query)


def test_an_address_given_with_its_api_path_is_not_doubled(clockify: Clockify) -> None:
    _account, api = clockify
    connector = ClockifyConnector(
        {"api_key": MARKO_KEY}, base_url=f"{api.url}/api/v1/", time_zone=ZONE, now=NOW
    )
    assert connector.check().startswith("Marko Babić")
    assert all(r.path.startswith("/api/v1/") and "/api/v1/api" not in r.path for r in api.requests)


def test_check_names_the_owner_and_workspace_and_a_wrong_workspace_is_refused(
    clockify: Clockify,
) -> None:
    _account, api = clockify
    assert _connector(api).check() == "Marko Babić (marko@studio.example), workspace Studio Mreža"
    with pytest.raises(SyncFailed) as missing:
        _connector(api, workspace_id="0" * 24).check()
    assert missing.value.phrase.code == "sync.clockify_no_workspace"
    assert "Atelier Lumière" in str(missing.value)
    synced = _connector(api).fetch({}).cursor
    with pytest.raises(SyncFailed) as other:
        _connector(api, workspace_id=ATELIER).fetch(synced)
    assert other.value.phrase.code == "sync.clockify_other_workspace"


# -- through the store ----------------------------------------------------------------


class _AtNow(ClockifyConnector):
    """The connector the store builds, at the fixture's moment (its window is dated)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, now=NOW, **kwargs)


@pytest.fixture
def business(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clockify_package, "CONNECTOR", _AtNow)
    settings = m.BusinessSettings.load()
    settings.time_zone = ZONE
    settings.save()


def _entries() -> dict[str, tuple[int, str | None, bool, int]]:
    """Each time entry by (person, start) → (database id, description, billable, rate)."""
    rows = m.TimeEntry.objects.values_list(
        "person", "started_at", "id", "description", "billable", "bill_rate_minor"
    )
    return {f"{p} {s.isoformat()}": (pk, d, b, r) for p, s, pk, d, b, r in rows}


def _import_export(path: Path = EXPORT) -> FileReport:
    report = import_source(Source(str(path), ClockifyTimeImporter(), True), ImportOptions())
    assert report.written, report.errors
    return report


# The no-client entry is read but not written (the store keeps no time without a client).
WRITTEN = 8
PLANNING = "Dewi Lestari 2026-11-13T17:15:00+00:00"
COPYWRITING = "ليلى حداد 2026-11-20T16:00:00+00:00"
PAYMENT = "Marko Babić 2026-12-02T14:10:07+00:00"
CHECKOUT = "Marko Babić 2026-03-04T15:23:00+00:00"


@pytest.mark.django_db(transaction=True)
def test_a_member_removed_from_the_workspace_keeps_their_synced_entries(
    clockify: Clockify, business: None
) -> None:
    account, api = clockify
    connection = connect("clockify", {"api_key": MARKO_KEY}, base_url=api.url)
    assert sync(connection).new["time_entries"] == WRITTEN
    before = _entries()
    # Layla leaves the studio: /users no longer lists her, nor her entries.
    studio = account.workspaces[0]
    studio["memberships"] = [
        m for m in studio["memberships"] if m["userId"] != "6571c0de5a1b2c3d4e5fa003"
    ]
    account.delete(5)  # while Marko's own entry inside the window is deleted
    after_sync = sync(connection)
    assert after_sync.removed == {"time_entries": 1}
    after = _entries()
    assert after[COPYWRITING] == before[COPYWRITING]  # hers, in the window: kept
    assert PAYMENT not in after


@pytest.mark.django_db(transaction=True)
def test_sync_again_then_after_edits_and_deletions(clockify: Clockify, business: None) -> None:
    account, api = clockify
    connection = connect("clockify", {"api_key": MARKO_KEY}, base_url=api.url)
    assert MARKO_KEY not in connection.secret
    assert unseal(connection.secret) == {"api_key": MARKO_KEY}
    assert connection.account == "Marko Babić (marko@studio.example), workspace Studio Mreža"

    first = sync(connection)
    assert first.written and first.new["time_entries"] == WRITTEN
    before = _entries()

    again = sync(connection)
    assert not again.new and not again.updated and not again.removed

    account.edit(2, description="Sprint review and retro")  # part of the key
    account.edit(10, billable=False)  # not part of the key
    account.delete(5)  # inside the window: seen to be gone
    account.delete(1)  # March, outside the window: not seen (the README says so)

    edited = sync(connection)
    assert edited.written
    assert edited.updated == {"time_entries": 2}
    assert edited.removed == {"time_entries": 1}
    assert not edited.new
    after = _entries()
    assert after[PLANNING] == (before[PLANNING][0], "Meetings: Sprint review and retro", True, 6000)
    # No longer billable: no rate, as the export writes it (0.00).
    assert after[COPYWRITING] == (before[COPYWRITING][0], "Copywriting", False, 0)
    assert PAYMENT not in after
    assert after[CHECKOUT] == before[CHECKOUT]
    assert len(after) == WRITTEN - 1
    assert not sync(connection).updated


@pytest.mark.django_db(transaction=True)
def test_the_export_first_then_the_sync_adopts_its_entries(
    clockify: Clockify, business: None
) -> None:
    account, api = clockify
    assert _import_export().new["time_entries"] == WRITTEN
    imported = _entries()
    connection = connect("clockify", {"api_key": MARKO_KEY}, base_url=api.url)
    report = sync(connection)
    assert report.new.get("time_entries", 0) == 0
    assert report.unchanged["time_entries"] == WRITTEN
    assert _entries() == imported
    # Adopted: the sync now follows them, so a deletion in Clockify removes one.
    account.delete(5)
    assert sync(connection).removed == {"time_entries": 1}
    assert PAYMENT not in _entries()


@pytest.mark.django_db(transaction=True)
def test_the_sync_first_then_the_export_adds_nothing(clockify: Clockify, business: None) -> None:
    _account, api = clockify
    sync(connect("clockify", {"api_key": MARKO_KEY}, base_url=api.url))
    synced = _entries()
    report = _import_export()
    assert not report.new and not report.updated
    assert report.unchanged["time_entries"] == WRITTEN
    assert _entries() == synced


@pytest.mark.django_db(transaction=True)
def test_a_failed_sync_changes_nothing(clockify: Clockify, business: None) -> None:
    account, api = clockify
    connection = connect("clockify", {"api_key": MARKO_KEY}, base_url=api.url)
    sync(connection)
    cursor, before = connection.cursor, _entries()
    account.delete(5)
    account.edit(2, description="Sprint review and retro")

    api.interrupt(Reply(401, UNAUTHORIZED))
    with pytest.raises(SyncFailed):
        sync(connection)
    connection.refresh_from_db()
    assert connection.last_ok is False and "refused" in connection.last_result["error"]
    assert connection.cursor == cursor and _entries() == before

    # A limit that lifts in an hour is not waited for; one that keeps coming back is
    # given up on. Either way it is said, and nothing changes.
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "3600"}))
    with pytest.raises(SyncFailed) as limited:
        sync(connection)
    assert limited.value.phrase.code == "sync.rate_limited"
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "0"}), 5)
    with pytest.raises(SyncFailed) as persistent:
        sync(connection)
    assert persistent.value.phrase.code == "sync.rate_limited"
    connection.refresh_from_db()
    assert connection.cursor == cursor and _entries() == before

    done = sync(connection)
    assert done.removed == {"time_entries": 1} and done.updated == {"time_entries": 1}
    connection.refresh_from_db()
    assert connection.last_ok is True


@pytest.mark.django_db(transaction=True)
def test_a_refused_key_is_not_stored(clockify: Clockify, business: None) -> None:
    _account, api = clockify
    with pytest.raises(SyncFailed):
        connect("clockify", {"api_key": "not-a-key"}, base_url=api.url)
    assert not m.Connection.objects.exists()
