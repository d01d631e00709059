"""Toggl Track, synced from a local server that answers as Toggl's API does.

The fixture workspace (Studio Novak, EUR) has two people: Ana, the token's owner, in
Zagreb, and Marko, whose report times come in New York time. Its twelve entries: one
running, one in another workspace, one in a project billed in USD, one of a minute
(whose rate, as the CSV export gives it, is 85.20 and not 85.00), one without a
description, two older than the 90-day window (one in an archived client's project),
and one at 00:30 in Zagreb, which is the day before in UTC. Its detailed report
export (``fixtures/detailed_report.csv``, Ana's, in Zagreb time) holds the same entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from partways.connectors import Connector, SyncFailed
from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.toggl import CONNECTOR
from partways.importers.records import KEY_FIELDS
from partways.importers.toggl import TogglCsvImporter
from partways.store import models as m
from partways.store.imports.apply import FileReport
from partways.store.imports.run import ImportOptions, import_source, sources
from partways.store.sync import run as sync_run
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import unseal

from .fake_toggl import FIXTURES, TOKEN, WORKSPACE, FakeToggl, fixture

ZONE = "Europe/Zagreb"
EXPORT = FIXTURES / "detailed_report.csv"
UTC = dt.UTC
# Entry ids of the fixture.
PAYMENT, HERO, TRIAGE, CALL, PLANNING, LOGO, SPRINT, DEPLOY, RUNNING, NAMELESS = (
    4100000001 + i for i in range(10)
)
SIDE = 4100000012  # the owner's entry in another workspace
STOPPED = 10  # entries of the workspace that have stopped
USD_ENTRIES = 2  # Hero banner and Deploy, in the Charter site project
# The store leaves out an entry without a client (Planning, in "Internal"), from the
# sync as from the CSV export.
STORED = STOPPED - 1

Toggl = tuple[FakeToggl, FakeApi]


@pytest.fixture
def toggl() -> Iterator[Toggl]:
    account = FakeToggl()
    with FakeApi(account.route) as api:
        yield account, api


def _connector(account: FakeToggl, api: FakeApi, token: str = TOKEN, **creds: str) -> Any:
    connector = CONNECTOR({"token": token, **creds}, base_url=api.url, time_zone=ZONE)
    connector.now = account.now
    # Two projects and two report rows a page: every list is read over several pages.
    connector.projects_per_page = 2
    connector.report_page_size = 2
    return connector


def _entries(frame: pl.DataFrame, ids: list[str]) -> dict[int, dict[str, Any]]:
    return {int(sid): row for sid, row in zip(ids, frame.iter_rows(named=True), strict=True)}


# -- the connector alone --------------------------------------------------------------


def test_the_first_sync_reads_every_page_of_the_history(toggl: Toggl) -> None:
    account, api = toggl
    fetched = _connector(account, api).fetch({})
    ids = fetched.ids["time_entries"]
    assert sorted(int(i) for i in ids) == sorted(
        [PAYMENT, HERO, TRIAGE, CALL, PLANNING, LOGO, SPRINT, DEPLOY, NAMELESS, PAYMENT + 10]
    )
    assert {s.english(): n for s, n in fetched.records.skipped.items()} == {
        "running time entries (synced once stopped)": 1
    }
    projects = [r for r in api.requests if r.path.endswith("/projects")]
    assert [r.arg("page") for r in projects] == ["1", "2", "3"]
    reports = [r.body for r in api.requests if r.path.endswith("/search/time_entries")]
    # Three spans of at most 366 days from three years back; one of them on two pages.
    spans = [(b["start_date"], b["end_date"]) for b in reports if "first_row_number" not in b]
    assert spans == [
        ("2023-12-07", "2024-12-06"),
        ("2024-12-07", "2025-12-07"),
        ("2025-12-08", "2026-12-08"),
    ]
    assert [b["first_row_number"] for b in reports if "first_row_number" in b] == [3, 5, 7]
    assert all("first_id" not in b for b in reports)
    # The first sync reads from the history's start; nothing older is "complete".
    assert fetched.complete_since == {"time_entries": dt.date(2023, 12, 8)}
    assert fetched.cursor == {
        "since": int(dt.datetime(2026, 12, 7, 10, 55, tzinfo=UTC).timestamp()),
        "workspace_id": WORKSPACE,
    }
    # The token travels in the Authorization header only.
    for request in api.requests:
        assert TOKEN not in request.path and TOKEN not in str(request.query)


def test_time_zones_currencies_and_names_come_out_as_the_csv_gives_them(toggl: Toggl) -> None:
    account, api = toggl
    fetched = _connector(account, api).fetch({})
    ids = fetched.ids["time_entries"]
    rows = _entries(fetched.records.frames["time_entries"], ids)
    dated = dict(zip((int(i) for i in ids), fetched.dates["time_entries"], strict=True))
    # 00:30 in Zagreb on the 30th is the 29th in UTC; filed under Zagreb's day.
    assert rows[PAYMENT]["started_at"] == dt.datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    assert dated[PAYMENT] == dt.date(2026, 11, 30)
    assert rows[PAYMENT]["description"] == "Checkout: Payment page"
    assert (rows[PAYMENT]["bill_rate_minor"], rows[PAYMENT]["currency"]) == (8500, "EUR")
    # Marko's report time is New York's (20:30 on the 1st); the instant is the same.
    assert rows[PLANNING]["started_at"] == dt.datetime(2026, 12, 2, 1, 30, tzinfo=UTC)
    assert rows[PLANNING]["person"] == "Marko Horvat" and rows[PLANNING]["client"] is None
    assert rows[PLANNING]["billable"] is False and rows[PLANNING]["bill_rate_minor"] is None
    # The USD project keeps its currency; 120.00 an hour over 3,601 s is 120.03.
    assert (rows[HERO]["currency"], rows[HERO]["bill_rate_minor"]) == ("USD", 12000)
    assert rows[HERO]["duration_seconds"] == 3601
    # A minute at 85.00 is 1.42 in the export, which the importer reads as 85.20 an hour.
    assert rows[CALL]["bill_rate_minor"] == 8520
    # The archived client's (inactive) project is named; no description stays empty.
    assert (rows[LOGO]["client"], rows[LOGO]["project"]) == ("Kopi Nusantara PT", "Brand refresh")
    assert rows[NAMELESS]["description"] is None


def test_the_same_entries_as_the_csv_export_key_for_key(toggl: Toggl) -> None:
    account, api = toggl
    synced = _connector(account, api).fetch({}).records.frames["time_entries"]
    importer = TogglCsvImporter()
    importer.time_zone = ZONE
    records, errors = importer.extract(EXPORT)
    assert errors == []
    exported = records.frames["time_entries"]
    columns = [c for c in synced.columns if c != "line"]
    order = list(KEY_FIELDS["time_entries"])
    # Identity and every other field, but the currency the one-currency CSV header
    # cannot give the USD project's entries.
    assert (
        synced.select(columns)
        .drop("currency")
        .sort(order)
        .equals(exported.select(columns).drop("currency").sort(order))
    )
    assert synced.filter(pl.col("currency") == "USD").height == USD_ENTRIES
    assert set(exported["currency"]) == {"EUR"}


def test_a_later_sync_reads_the_window_and_the_owners_older_changes(toggl: Toggl) -> None:
    account, api = toggl
    cursor = _connector(account, api).fetch({}).cursor
    account.edit(LOGO, description="Logo files, final")  # June: older than the window
    account.delete(SPRINT)  # 2025
    account.edit(SIDE, description="Side idea")  # another workspace: not read
    account.now += dt.timedelta(hours=1)
    api.requests.clear()
    fetched = _connector(account, api).fetch(cursor)
    assert fetched.deleted == {"time_entries": {str(SPRINT)}}
    rows = _entries(fetched.records.frames["time_entries"], fetched.ids["time_entries"])
    # The window (90 days back, a day's margin) plus the edited June entry, read again
    # from the report over its days, with its rate.
    window = {PAYMENT, HERO, TRIAGE, CALL, PLANNING, DEPLOY, NAMELESS, PAYMENT + 10}
    assert set(rows) == window | {LOGO}
    assert rows[LOGO]["description"] == "Logo files, final"
    assert rows[LOGO]["bill_rate_minor"] == 7000
    assert fetched.complete_since == {"time_entries": dt.date(2026, 9, 8)}
    since = [r for r in api.requests if r.path == "/api/v9/me/time_entries"]
    assert [r.arg("since") for r in since] == [str(cursor["since"])]
    spans = [
        (r.body["start_date"], r.body["end_date"])
        for r in api.requests
        if r.path.endswith("/search/time_entries") and "first_row_number" not in r.body
    ]
    assert spans == [("2026-09-07", "2026-12-08"), ("2026-06-14", "2026-06-16")]


def test_a_rate_limit_and_a_spent_quota_are_waited_out(toggl: Toggl) -> None:
    account, api = toggl
    api.interrupt(Reply(429, "Too Many Requests", {"Retry-After": "0"}))
    api.interrupt(Reply(402, "quota exceeded", {"X-Toggl-Quota-Resets-In": "0"}))
    fetched = _connector(account, api).fetch({})
    assert len(fetched.ids["time_entries"]) == STOPPED
    assert [r.path for r in api.requests[:3]] == ["/api/v9/me"] * 3


def test_a_quota_that_resets_later_fails_the_sync_and_says_when(toggl: Toggl) -> None:
    account, api = toggl
    api.interrupt(Reply(402, "quota exceeded", {"X-Toggl-Quota-Resets-In": "1800"}))
    with pytest.raises(SyncFailed) as limited:
        _connector(account, api).fetch({})
    assert limited.value.phrase.code == "sync.rate_limited"
    assert "HTTP 402" in str(limited.value) and "30 minute" in str(limited.value)


def test_a_refused_token_and_an_unreachable_server_are_said_plainly(toggl: Toggl) -> None:
    account, api = toggl
    with pytest.raises(SyncFailed) as refused:
        _connector(account, api, token="0000revoked0000").fetch({})
    assert refused.value.phrase.code == "sync.refused" and "403" in str(refused.value)
    assert "0000revoked0000" not in str(refused.value)
    closed = CONNECTOR({"token": TOKEN}, base_url="http://127.0.0.1:9", time_zone=ZONE)
    with pytest.raises(SyncFailed) as unreachable:
        closed.fetch({})
    assert unreachable.value.phrase.code == "sync.network"


def test_check_names_the_account_and_a_foreign_workspace_is_refused(toggl: Toggl) -> None:
    account, api = toggl
    assert _connector(account, api).check() == (
        "Ana Novak (ana@studio.example), workspace Studio Novak"
    )
    with pytest.raises(SyncFailed) as missing:
        _connector(account, api, workspace_id="123").fetch({})
    assert missing.value.phrase.code == "sync.toggl_no_workspace"


def test_the_fake_report_rows_are_shaped_as_the_reference_page(toggl: Toggl) -> None:
    # The fake builds its rows; they must carry exactly the fields of the stored page.
    account, api = toggl
    sample = fixture("search_time_entries.json")[0]
    rows = account._rows(dt.date(2026, 11, 29), dt.date(2026, 12, 4))
    assert rows and all(set(r) == set(sample) for r in rows)
    inner = set(sample["time_entries"][0])
    assert all(set(t) == inner for r in rows for t in r["time_entries"])
    grouped = next(r for r in rows if r["description"] == "Payment page")
    assert grouped == {**sample, "row_number": grouped["row_number"]}


# -- through the store ----------------------------------------------------------------


@pytest.fixture
def business(db: None, toggl: Toggl, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = m.BusinessSettings.load()
    settings.time_zone = ZONE
    settings.save()
    account, _api = toggl
    build = sync_run.build

    def on_the_accounts_clock(*args: Any, **kwargs: Any) -> Connector:
        # The fixtures' "today", and small pages, for every sync the store runs.
        connector = build(*args, **kwargs)
        assert isinstance(connector, CONNECTOR)
        connector.now = account.now
        connector.projects_per_page = 2
        connector.report_page_size = 2
        return connector

    monkeypatch.setattr(sync_run, "build", on_the_accounts_clock)


def _stored() -> dict[tuple[str, str], tuple[int, str | None, int]]:
    """Each entry's (person, UTC start) → (database id, description, rate): one each."""
    rows = m.TimeEntry.objects.values_list(
        "person", "started_at", "id", "description", "bill_rate_minor"
    )
    found = {(p, s.isoformat()): (pk, d or None, r) for p, s, pk, d, r in rows}
    assert len(found) == m.TimeEntry.objects.count()
    return found


def _import_export(path: Path = EXPORT) -> FileReport:
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone=ZONE))
    assert report.written, report.errors
    return report


def _connect(api: FakeApi) -> m.Connection:
    return connect("toggl", {"token": TOKEN, "workspace_id": ""}, base_url=api.url)


TRIAGE_AT = ("Marko Horvat", "2026-12-01T07:15:00+00:00")
DEPLOY_AT = ("Marko Horvat", "2026-10-20T14:00:00+00:00")
LOGO_AT = ("Ana Novak", "2026-06-15T07:00:00+00:00")
SPRINT_AT = ("Ana Novak", "2025-03-10T13:00:00+00:00")
NAMELESS_AT = ("Ana Novak", "2026-11-03T06:00:00+00:00")


@pytest.mark.django_db(transaction=True)
def test_sync_again_then_after_edits_and_deletions(toggl: Toggl, business: None) -> None:
    account, api = toggl
    connection = _connect(api)
    assert connection.account == "Ana Novak (ana@studio.example), workspace Studio Novak"
    assert TOKEN not in connection.secret and unseal(connection.secret)["token"] == TOKEN

    first = sync(connection)
    assert first.written and first.new["time_entries"] == STORED
    before = _stored()

    account.now += dt.timedelta(hours=1)
    again = sync(connection)
    assert not again.new.get("time_entries") and not again.updated and not again.removed
    assert again.unchanged == {"time_entries": 7}  # the window's entries, read again

    account.edit(TRIAGE, description="Bug triage and fixes")  # part of the key
    account.edit(DEPLOY, billable=False)  # not part of it
    account.edit(LOGO, description="Logo files, final")  # older than the window
    account.delete(NAMELESS)  # in the window: gone from the report
    account.delete(SPRINT)  # older: said by /me/time_entries
    account.now += dt.timedelta(hours=1)

    edited = sync(connection)
    assert edited.written
    assert edited.updated == {"time_entries": 3}
    assert edited.removed == {"time_entries": 2}
    assert not edited.new.get("time_entries")
    after = _stored()
    assert after[TRIAGE_AT] == (before[TRIAGE_AT][0], "Bug triage and fixes", 8500)
    # Not billable any more: no rate (stored as 0, as from a CSV row without amount).
    assert after[DEPLOY_AT] == (before[DEPLOY_AT][0], "Deploy", 0)
    assert not m.TimeEntry.objects.get(pk=after[DEPLOY_AT][0]).billable
    assert after[LOGO_AT] == (before[LOGO_AT][0], "Logo files, final", 7000)
    assert SPRINT_AT not in after and NAMELESS_AT not in after
    assert len(after) == STORED - 2
    account.now += dt.timedelta(hours=1)
    assert sync(connection).updated == {}


@pytest.mark.django_db(transaction=True)
def test_the_export_first_then_the_sync_adopts_its_entries(toggl: Toggl, business: None) -> None:
    account, api = toggl
    assert _import_export().new["time_entries"] == STORED
    imported = _stored()
    connection = _connect(api)
    report = sync(connection)
    assert not report.new.get("time_entries")
    # The sync knows the USD project's currency, which the CSV header could not say.
    assert report.updated == {"time_entries": USD_ENTRIES}
    assert report.unchanged == {"time_entries": STORED - USD_ENTRIES}
    assert _stored() == imported
    assert m.TimeEntry.objects.filter(currency="USD").count() == USD_ENTRIES
    # Adopted: the sync follows them now, so a deletion at Toggl removes one.
    account.delete(SPRINT)
    account.now += dt.timedelta(hours=1)
    assert sync(connection).removed == {"time_entries": 1}
    assert m.TimeEntry.objects.count() == STORED - 1


@pytest.mark.django_db(transaction=True)
def test_the_sync_first_then_the_export_adds_nothing(toggl: Toggl, business: None) -> None:
    _account, api = toggl
    sync(_connect(api))
    synced = _stored()
    report = _import_export()
    assert not report.new.get("time_entries")
    # Only the currency of the USD project's entries differs: the export's single
    # "Amount (EUR)" header names one currency for every row.
    assert report.unchanged == {"time_entries": STORED - USD_ENTRIES}
    assert report.updated == {"time_entries": USD_ENTRIES}
    assert _stored() == synced


@pytest.mark.django_db(transaction=True)
def test_a_failed_sync_changes_nothing(toggl: Toggl, business: None) -> None:
    account, api = toggl
    connection = _connect(api)
    sync(connection)
    cursor, before = connection.cursor, _stored()
    account.delete(NAMELESS)
    account.now += dt.timedelta(hours=1)

    account.token = "rotated-token-0000"  # the token was reset at Toggl
    with pytest.raises(SyncFailed):
        sync(connection)
    connection.refresh_from_db()
    assert connection.last_ok is False and "refused" in connection.last_result["error"]
    assert connection.cursor == cursor and _stored() == before
    account.token = TOKEN

    # The hourly quota, spent for half an hour, is not waited for: said, nothing changes.
    api.interrupt(Reply(402, "quota exceeded", {"X-Toggl-Quota-Resets-In": "1800"}))
    with pytest.raises(SyncFailed) as limited:
        sync(connection)
    assert limited.value.phrase.code == "sync.rate_limited"
    connection.refresh_from_db()
    assert connection.cursor == cursor and _stored() == before

    assert sync(connection).removed == {"time_entries": 1}
    connection.refresh_from_db()
    assert connection.last_ok is True and connection.cursor != cursor


@pytest.mark.django_db(transaction=True)
def test_a_refused_token_is_not_stored(toggl: Toggl, business: None) -> None:
    _account, api = toggl
    with pytest.raises(SyncFailed):
        connect("toggl", {"token": "wrong"}, base_url=api.url)
    assert not m.Connection.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_history_longer_than_the_hourly_quota_is_read_over_several_syncs(
    toggl: Toggl, business: None
) -> None:
    account, api = toggl
    connection = _connect(api)
    # Toggl's free plan: the quota runs out after two report requests (two spans).
    account.report_quota = 2
    first = sync(connection)
    assert first.written
    assert [n.code for n in first.notes] == ["sync.toggl_history_paused"]
    assert "Sync again in 30 minute(s)" in first.notes[0].english()
    connection.refresh_from_db()
    resume = dt.date.fromisoformat(connection.cursor["history_from"])
    assert "since" not in connection.cursor
    read = [at for at in _stored() if dt.datetime.fromisoformat(at[1]).date() < resume]
    assert len(_stored()) == len(read) == first.new.get("time_entries", 0)

    account.report_quota = None  # an hour later
    account.now += dt.timedelta(hours=1)
    rest = sync(connection)
    assert rest.new["time_entries"] == STORED - len(read)
    assert len(_stored()) == STORED and not rest.removed
    connection.refresh_from_db()
    assert "since" in connection.cursor and "history_from" not in connection.cursor
    account.now += dt.timedelta(hours=1)
    assert not sync(connection).new


@pytest.mark.django_db(transaction=True)
def test_a_span_longer_than_an_hours_quota_is_read_page_by_page_over_the_hours(
    toggl: Toggl, business: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    account, api = toggl
    connection = _connect(api)
    build = sync_run.build

    def one_row_a_page(*args: Any, **kwargs: Any) -> Connector:
        connector = build(*args, **kwargs)
        assert isinstance(connector, CONNECTOR)
        connector.report_page_size = 1  # a year of entries needs more pages than an hour has
        return connector

    monkeypatch.setattr(sync_run, "build", one_row_a_page)
    hours = 0
    while "since" not in connection.cursor:
        hours += 1
        assert hours < 20, "the history is never read to its end"
        account.report_quota = 3  # a new hour: three report pages
        account.now += dt.timedelta(hours=1)
        report = sync(connection)
        assert report.written
        connection.refresh_from_db()
        assert not report.removed  # what the hours before read is not taken for deleted
    assert hours > 2 and len(_stored()) == STORED


def test_another_workspace_behind_the_token_is_refused(toggl: Toggl) -> None:
    account, api = toggl
    with pytest.raises(SyncFailed) as refused:
        _connector(account, api).fetch({"since": 1, "workspace_id": 1})
    assert refused.value.phrase.code == "sync.toggl_other_workspace"
