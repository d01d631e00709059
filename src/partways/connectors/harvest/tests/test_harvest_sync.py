"""Harvest, synced from a local server that answers as Harvest's API v2 does.

The fixture account (see fake_harvest.py and ../README.md) has three clients billing
in EUR, USD and AED, two people, ten time entries: two in June (before the 90-day
window of a sync on 7 December 2026), two identical ones on one day, one with notes
on two lines, one on 1 December, which starts on 30 November in UTC for a business
in Auckland (09:00 NZDT is 20:00 UTC the day before), and a timer still running.
Its detailed time report (``fixtures/detailed_time.csv``) holds the same entries,
but for the running timer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import polars as pl
import pytest

from partways.connectors import SyncFailed
from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.harvest import CONNECTOR
from partways.connectors.harvest.connector import HarvestConnector
from partways.connectors.registry import connector_class
from partways.importers.harvest import HarvestTimeImporter
from partways.importers.records import KEY_FIELDS
from partways.store import models as m
from partways.store.imports.apply import FileReport
from partways.store.imports.keys import with_keys
from partways.store.imports.run import ImportOptions, import_source, sources
from partways.store.sync import run as sync_run
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import unseal

from .fake_harvest import ACCOUNT_ID, FIXTURES, TOKEN, HarvestAccount

ZONE = "Pacific/Auckland"
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
WINDOW_START = "2026-09-08"  # 90 days before NOW
EXPORT = FIXTURES / "detailed_time.csv"
CREDENTIALS = {"token": TOKEN, "account_id": ACCOUNT_ID}

OLD = 636708001  # 15 June: before the window
REVIEW, REVIEW_TWIN = 636708006, 636708007  # identical entries on 3 November
MEETING = 636708008  # 30 November, notes on two lines
HOTFIX = 636708009  # 1 December in Auckland, 30 November in UTC
TIMER = 636708010  # running


class AtFixtureDay(HarvestConnector):
    """The connector on the day the fixture was taken, whatever today is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "now": NOW})


Harvest = tuple[HarvestAccount, FakeApi]


@pytest.fixture
def harvest(monkeypatch: pytest.MonkeyPatch) -> Iterator[Harvest]:
    # Three records a page, so every list is read over several pages.
    monkeypatch.setattr(HarvestConnector, "per_page", 3)
    monkeypatch.setattr(sync_run, "connector_class", lambda service: AtFixtureDay)
    account = HarvestAccount()
    with FakeApi(account.route) as api:
        account.base = api.url
        yield account, api


def _connector(api: FakeApi, **credentials: str) -> HarvestConnector:
    return AtFixtureDay({**CREDENTIALS, **credentials}, base_url=api.url, time_zone=ZONE)


def _export_records() -> pl.DataFrame:
    importer = HarvestTimeImporter()
    importer.time_zone = ZONE
    records, errors = importer.extract(EXPORT)
    assert not errors
    return records.frames["time_entries"]


def _keyed(frame: pl.DataFrame) -> pl.DataFrame:
    columns = [c for c in frame.columns if c != "line"]
    return with_keys("time_entries", frame.sort(*KEY_FIELDS["time_entries"])).select(
        "_key", *columns
    )


# -- the connector alone --------------------------------------------------------------


def test_the_first_sync_fills_every_entry_as_the_export_does(harvest: Harvest) -> None:
    _account, api = harvest
    fetched = _connector(api).fetch({})
    synced = fetched.records.frames["time_entries"]
    # Same keys and same other fields, row for row: the CSV and the sync are one.
    assert _keyed(synced).sort("_key").equals(_keyed(_export_records()).sort("_key"))
    assert synced.height == 9
    assert {s.english(): n for s, n in fetched.records.skipped.items()} == {
        "timers still running (synced once stopped)": 1
    }
    assert fetched.complete_since == {"time_entries": None}
    assert fetched.cursor == {"updated_since": "2026-12-06T19:00:00Z"}
    assert sorted(fetched.records.frames["clients"]["client"].to_list()) == [
        "Brodogradnja Jadran d.o.o.",
        "PT Maju Bersama",
        "مؤسسة الريادة",
    ]
    assert ("مؤسسة الريادة", "الموقع") in fetched.records.frames["projects"].select(
        "client", "project"
    ).rows()


def test_every_list_is_read_page_by_page_with_harvests_links(harvest: Harvest) -> None:
    _account, api = harvest
    _connector(api).fetch({})
    pages = [r for r in api.requests if r.path == "/v2/time_entries"]
    # Ten entries, three a page: page 1 asked for, then links.next with page=2…4.
    assert [r.arg("page") for r in pages] == [None, "2", "3", "4"]
    assert all(r.arg("per_page") == "3" for r in pages)
    clients = [r for r in api.requests if r.path == "/v2/clients"]
    assert len(clients) == 1  # three clients fit one page of three
    projects = [r for r in api.requests if r.path == "/v2/projects"]
    assert len(projects) == 1


def test_clients_are_followed_by_cursor(harvest: Harvest, monkeypatch: pytest.MonkeyPatch) -> None:
    _account, api = harvest
    monkeypatch.setattr(HarvestConnector, "per_page", 2)
    fetched = _connector(api).fetch({})
    clients = [r for r in api.requests if r.path == "/v2/clients"]
    assert [r.arg("ref") for r in clients] == [None, "next_cursor"]
    assert clients[1].arg("cursor")
    assert fetched.records.frames["clients"].height == 3


def test_time_zones_and_currencies_come_out_as_in_the_export(harvest: Harvest) -> None:
    _account, api = harvest
    fetched = _connector(api).fetch({})
    frame = fetched.records.frames["time_entries"]
    rows = dict(zip(fetched.ids["time_entries"], frame.iter_rows(named=True), strict=True))
    hotfix = rows[str(HOTFIX)]
    # 1 December at 09:00 in Auckland (NZDT, +13) is 20:00 UTC on 30 November.
    assert hotfix["started_at"] == dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)
    assert hotfix["duration_seconds"] == 7596  # 2.11 h
    assert fetched.dates["time_entries"][fetched.ids["time_entries"].index(str(HOTFIX))] == (
        dt.date(2026, 12, 1)
    )
    assert (hotfix["currency"], hotfix["bill_rate_minor"]) == ("USD", 125000)
    design = rows["636708005"]
    assert (design["currency"], design["bill_rate_minor"], design["cost_rate_minor"]) == (
        "AED",
        110050,
        0,
    )
    assert rows[str(OLD)]["currency"] == "EUR" and rows[str(OLD)]["invoiced"] is True
    assert rows[str(MEETING)]["description"] == "Prijevod: Sastanak s klijentom\nDogovor o rokovima"
    assert rows["636708004"]["description"] == "Meetings"  # no notes: the task alone


def test_a_later_sync_reads_the_window_and_what_was_edited_before_it(harvest: Harvest) -> None:
    account, api = harvest
    connector = _connector(api)
    cursor = connector.fetch({}).cursor
    account.edit(OLD, hours=1.75)
    api.requests.clear()
    fetched = connector.fetch(cursor)
    asked = [r.query for r in api.requests if r.path == "/v2/time_entries"]
    assert {"from": [WINDOW_START], "per_page": ["3"]} in asked
    edited = next(q for q in asked if "updated_since" in q)
    assert edited["to"] == ["2026-09-07"]
    # From a little before the newest change seen, so none made in that second is lost.
    assert edited["updated_since"] == ["2026-12-06T18:55:00Z"]
    assert fetched.complete_since == {"time_entries": dt.date(2026, 9, 8)}
    ids = fetched.ids["time_entries"]
    assert str(OLD) in ids and "636708002" not in ids  # June: only the edited one
    old = fetched.records.frames["time_entries"].row(ids.index(str(OLD)), named=True)
    assert old["duration_seconds"] == 6300
    assert fetched.cursor == {"updated_since": "2026-12-07T09:01:00Z"}


def test_a_restarted_timer_keeps_its_entry_as_it_was(harvest: Harvest) -> None:
    account, api = harvest
    # Restarted on 2 November's entry: 2 h before the timer, 2.5 h so far.
    account.edit(636708005, is_running=True, hours=2.5)
    account.entries[636708005]["hours_without_timer"] = 2.0
    fetched = _connector(api).fetch({})
    ids = fetched.ids["time_entries"]
    row = fetched.records.frames["time_entries"].row(ids.index("636708005"), named=True)
    assert row["duration_seconds"] == 7200
    assert str(TIMER) not in ids  # a new timer has nothing to count yet


def test_a_rate_limit_is_waited_out(harvest: Harvest) -> None:
    _account, api = harvest
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "0"}), 2)
    fetched = _connector(api).fetch({})
    assert fetched.records.frames["time_entries"].height == 9


def test_credentials_go_in_headers_only(harvest: Harvest) -> None:
    _account, api = harvest
    _connector(api).fetch({})
    for request in api.requests:
        assert request.header("Authorization") == f"Bearer {TOKEN}"
        assert request.header("Harvest-Account-Id") == ACCOUNT_ID
        assert request.header("User-Agent")
        assert TOKEN not in request.path and TOKEN not in str(request.query)


def test_a_refused_token_a_wrong_account_and_no_server_are_said_plainly(
    harvest: Harvest,
) -> None:
    _account, api = harvest
    with pytest.raises(SyncFailed) as refused:
        _connector(api, token="2150.pt.withdrawn-x9").fetch({})
    assert refused.value.phrase.code == "sync.refused"
    assert refused.value.phrase.params["status"] == 401
    assert "withdrawn-x9" not in str(refused.value)
    with pytest.raises(SyncFailed) as other:
        _connector(api, account_id="7654321").check()
    assert other.value.phrase.code == "sync.refused"
    with pytest.raises(SyncFailed) as not_a_number:
        _connector(api, account_id="studio").fetch({})
    assert not_a_number.value.phrase.code == "sync.harvest_account_id"
    closed = AtFixtureDay(CREDENTIALS, base_url="http://127.0.0.1:9", time_zone=ZONE)
    with pytest.raises(SyncFailed) as unreachable:
        closed.fetch({})
    assert unreachable.value.phrase.code == "sync.network"


def test_a_next_page_elsewhere_is_not_followed(harvest: Harvest) -> None:
    account, api = harvest
    account.base = "https://elsewhere.example"
    with pytest.raises(SyncFailed) as foreign:
        _connector(api).fetch({})
    assert foreign.value.phrase.code == "sync.harvest_foreign_link"
    assert all(r.path.startswith("/v2/") for r in api.requests)


def test_a_member_without_the_lists_syncs_its_entries(harvest: Harvest) -> None:
    account, api = harvest
    account.forbidden = {"/v2/clients", "/v2/projects", "/v2/company"}
    connector = _connector(api)
    assert connector.check() == "Ivana Horvat (ivana@studio-horvat.example)"
    fetched = connector.fetch({})
    assert fetched.records.frames["time_entries"].height == 9
    assert fetched.records.frames["clients"].height == 3
    assert ("Brodogradnja Jadran d.o.o.", "Katalog") in fetched.records.frames["projects"].select(
        "client", "project"
    ).rows()
    assert [n.code for n in fetched.records.notes] == ["sync.harvest_lists_refused"]


def test_check_names_the_user_and_the_company(harvest: Harvest) -> None:
    _account, api = harvest
    assert connector_class("harvest") is CONNECTOR is HarvestConnector
    assert _connector(api).check() == "Ivana Horvat (ivana@studio-horvat.example), Studio Horvat"


# -- through the store ----------------------------------------------------------------


@pytest.fixture
def business(db: None) -> None:
    settings = m.BusinessSettings.load()
    settings.time_zone = ZONE
    settings.save()


def _entries() -> dict[tuple[str, str, int], tuple[int, str]]:
    """Each entry's (person, UTC start, seconds) → (database id, description); the twin
    entries share a key here, so they are counted apart in :func:`_count`."""
    rows = m.TimeEntry.objects.values_list(
        "person", "started_at", "duration_seconds", "id", "description"
    )
    return {(p, s.isoformat(), d): (pk, desc) for p, s, d, pk, desc in rows}


def _import_export() -> FileReport:
    (source,) = sources([str(EXPORT)], None)
    report = import_source(source, ImportOptions(time_zone=ZONE))
    assert report.written, report.errors
    return report


@pytest.mark.django_db(transaction=True)
def test_sync_again_then_after_edits_and_deletions(harvest: Harvest, business: None) -> None:
    account, api = harvest
    connection = connect("harvest", CREDENTIALS, base_url=api.url)
    assert connection.account == "Ivana Horvat (ivana@studio-horvat.example), Studio Horvat"
    assert TOKEN not in connection.secret and unseal(connection.secret) == CREDENTIALS

    first = sync(connection)
    assert first.written
    assert first.new["time_entries"] == 9
    assert m.TimeEntry.objects.count() == 9
    assert set(m.TimeEntry.objects.values_list("currency", flat=True)) == {"EUR", "USD", "AED"}
    before = {e.pk: e for e in m.TimeEntry.objects.all()}
    hotfix = m.TimeEntry.objects.get(description="Development: Hotfix blagajne")
    assert hotfix.started_at == dt.datetime(2026, 11, 30, 20, 0, tzinfo=dt.UTC)

    again = sync(connection)
    assert not again.new and not again.updated and not again.removed

    account.edit(636708003, notes="Perbaikan laporan harian")  # part of the key
    account.edit(636708004, is_billed=True, billable_rate=900.0)  # not part of it
    account.edit(OLD, hours=1.75)  # before the window: read as edited
    account.delete(MEETING)  # inside the window: gone from the listing
    account.delete(REVIEW_TWIN)  # one of two identical entries

    edited = sync(connection)
    assert edited.written
    assert edited.updated == {"time_entries": 3}
    assert edited.removed == {"time_entries": 2}
    assert not edited.new.get("time_entries")
    after = {e.pk: e for e in m.TimeEntry.objects.all()}
    assert len(after) == 7
    report = after[_pk_of(before, "Development: Perbaikan laporan")]
    assert report.description == "Development: Perbaikan laporan harian"  # in place
    meeting = after[_pk_of(before, "Meetings", seconds=2700)]
    assert meeting.invoiced is True and meeting.bill_rate_minor == 90000
    assert after[_pk_of(before, "Prijevod: Prijevod kataloga, 1. dio")].duration_seconds == 6300
    assert not m.TimeEntry.objects.filter(description__startswith="Prijevod: Sastanak").exists()
    assert m.TimeEntry.objects.filter(description="Meetings: Sprint review").count() == 1
    assert sync(connection).updated == {}


def _pk_of(entries: dict[int, m.TimeEntry], description: str, seconds: int | None = None) -> int:
    (pk,) = [
        pk
        for pk, e in entries.items()
        if e.description == description and seconds in (None, e.duration_seconds)
    ]
    return pk


@pytest.mark.django_db(transaction=True)
def test_the_export_first_then_the_sync_adopts_its_entries(
    harvest: Harvest, business: None
) -> None:
    account, api = harvest
    assert _import_export().new["time_entries"] == 9
    imported = _entries()
    connection = connect("harvest", CREDENTIALS, base_url=api.url)
    report = sync(connection)
    assert report.new.get("time_entries", 0) == 0 and report.unchanged["time_entries"] == 9
    assert _entries() == imported and m.TimeEntry.objects.count() == 9
    # Adopted: the sync follows them now, so a deletion at Harvest removes one…
    account.delete(MEETING)
    assert sync(connection).removed == {"time_entries": 1}
    # …and an edit updates the imported record in place.
    pk = m.TimeEntry.objects.get(description="Development: Hotfix blagajne").pk
    account.edit(HOTFIX, notes="Hotfix blagajne i ispisa")
    assert sync(connection).updated == {"time_entries": 1}
    assert m.TimeEntry.objects.get(pk=pk).description == "Development: Hotfix blagajne i ispisa"


@pytest.mark.django_db(transaction=True)
def test_the_sync_first_then_the_export_adds_nothing(harvest: Harvest, business: None) -> None:
    _account, api = harvest
    sync(connect("harvest", CREDENTIALS, base_url=api.url))
    synced = _entries()
    report = _import_export()
    assert not report.new and not report.updated and report.unchanged["time_entries"] == 9
    assert _entries() == synced and m.TimeEntry.objects.count() == 9


@pytest.mark.django_db(transaction=True)
def test_a_failed_sync_changes_nothing(harvest: Harvest, business: None) -> None:
    account, api = harvest
    connection = connect("harvest", CREDENTIALS, base_url=api.url)
    sync(connection)
    cursor, before = connection.cursor, _entries()
    account.delete(MEETING)
    account.edit(HOTFIX, notes="changed")

    api.interrupt(Reply(401, {"error": "invalid_token", "error_description": "revoked"}))
    with pytest.raises(SyncFailed):
        sync(connection)
    connection.refresh_from_db()
    assert connection.last_ok is False and "refused" in connection.last_result["error"]
    assert connection.cursor == cursor and _entries() == before

    # A failure after some lists were read (the edited entries last) changes nothing.
    api.interrupt(Reply(200, {}), 3)  # clients, projects, the window's entries
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "3600"}))
    with pytest.raises(SyncFailed) as limited:
        sync(connection)
    assert limited.value.phrase.code == "sync.rate_limited"
    connection.refresh_from_db()
    assert connection.cursor == cursor and _entries() == before

    recovered = sync(connection)
    assert recovered.removed == {"time_entries": 1} and recovered.updated == {"time_entries": 1}
    connection.refresh_from_db()
    assert connection.last_ok is True


@pytest.mark.django_db(transaction=True)
def test_a_refused_token_is_not_stored(harvest: Harvest, business: None) -> None:
    _account, api = harvest
    with pytest.raises(SyncFailed):
        connect("harvest", {**CREDENTIALS, "token": "2150.pt.wrong"}, base_url=api.url)
    assert not m.Connection.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_deleting_the_first_of_two_identical_entries_keeps_the_other(
    harvest: Harvest, business: None
) -> None:
    account, api = harvest
    connection = connect("harvest", CREDENTIALS, base_url=api.url)
    sync(connection)
    account.delete(REVIEW)  # the twin ranked first: the other one's key changes
    assert sync(connection).removed == {"time_entries": 1}
    assert m.TimeEntry.objects.filter(description="Meetings: Sprint review").count() == 1
