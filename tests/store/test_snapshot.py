"""The columnar copies of the largest tables (store/snapshot.py): a full read through
them is the same as a read of the database itself, whatever was written in between and
however it was written.

SQLite only (PostgreSQL keeps no copy). ``transaction=True``: the loader reads in a
child process, which sees only committed rows.
"""

import datetime as dt
import shutil
from decimal import Decimal

import polars as pl
import pytest
from django.db import connection

from partways.store import models as m
from partways.store import snapshot
from partways.store.analysis import analyze_messages
from partways.store.business import load_business
from partways.store.loader import load_dataset

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "connection.vendor != 'sqlite'", reason="copies are kept of SQLite databases only"
    ),
]
UTC = dt.UTC


@pytest.fixture
def acme():
    client = m.Client.objects.create(name="Acme d.o.o.")
    for day in range(1, 4):
        _entry(client, day)
        m.Message.objects.create(
            client=client,
            direction="in",
            sent_at=dt.datetime(2026, 5, day, 9, tzinfo=UTC),
            text=f"message {day}",
        )
    m.Invoice.objects.create(
        client=client,
        number="2026-001",
        issued_on=dt.date(2026, 5, 5),
        due_on=dt.date(2026, 6, 4),
        amount_minor=20000,
        currency="EUR",
    )
    return client


def _entry(client, day, **fields):
    return m.TimeEntry.objects.create(
        client=client,
        person="Omar",
        started_at=dt.datetime(2026, 5, day, 8, tzinfo=UTC),
        duration_seconds=3600 * day,
        **fields,
    )


def _through_copies():
    business, _ = load_business()
    return load_dataset(business)


def _from_the_database(monkeypatch):
    business, _ = load_business()
    with monkeypatch.context() as patched:
        patched.setattr(snapshot, "versions", lambda cursor: None)
        return load_dataset(business)


def _assert_same(monkeypatch):
    copies, database = _through_copies(), _from_the_database(monkeypatch)
    for name, frame in copies.tables().items():
        other = database.tables()[name]
        assert frame.sort(frame.columns).equals(other.sort(other.columns)), name
    return copies


def test_a_full_read_makes_the_copies_and_the_next_one_reads_them(acme, monkeypatch):
    ds = _assert_same(monkeypatch)
    folder = snapshot.Path(connection.settings_dict["NAME"]).resolve().parent / snapshot.FOLDER
    assert {p.name for p in folder.glob("*.arrow")} >= {"time_entries.arrow", "messages.arrow"}
    assert ds.time_entries.height == 3
    # The copy answers the next read: what it holds is what is read.
    again = _through_copies()
    assert again.time_entries.equals(ds.time_entries)


def test_rows_added_since_are_read_and_appended(acme, monkeypatch):
    _through_copies()
    _entry(acme, 9)
    m.Message.objects.create(
        client=acme, direction="out", sent_at=dt.datetime(2026, 5, 9, tzinfo=UTC), text="hi"
    )
    ds = _assert_same(monkeypatch)
    assert sorted(ds.time_entries["seconds"].to_list()) == [3600, 7200, 10800, 32400]
    assert ds.messages.height == 4


def test_an_update_or_delete_by_any_means_is_seen(acme, monkeypatch):
    _through_copies()
    # A queryset update and a raw statement: no model signal is sent for either.
    m.Invoice.objects.filter(client=acme).update(amount_minor=99)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM partways_timeentry WHERE duration_seconds = 3600")
    ds = _assert_same(monkeypatch)
    assert ds.invoices["amount_minor"].to_list() == [99]
    assert sorted(ds.time_entries["seconds"].to_list()) == [7200, 10800]


def test_a_row_inserted_below_the_highest_id_is_seen(acme, monkeypatch):
    high = _entry(acme, 5)
    m.TimeEntry.objects.filter(pk=high.pk).update(id=high.pk + 100)
    _through_copies()
    # An explicit id below the highest (a restore, a fixture): no new highest id.
    _entry(acme, 6, id=high.pk + 50)
    ds = _assert_same(monkeypatch)
    assert 21600 in ds.time_entries["seconds"].to_list()


def test_labelling_messages_leaves_the_message_copy_valid(acme):
    _through_copies()
    before = dict(m.TableChange.objects.values_list("name", "changes"))
    analyze_messages()
    after = dict(m.TableChange.objects.values_list("name", "changes"))
    assert before.get("partways_message") == after.get("partways_message")


def test_without_its_triggers_no_copy_is_trusted(acme, monkeypatch):
    _through_copies()
    with connection.cursor() as cursor:
        # What rebuilding the table in a migration does to its triggers.
        cursor.execute("DROP TRIGGER partways_snapshot_partways_invoice_update")
        assert snapshot.versions(cursor) is None
        cursor.execute("UPDATE partways_invoice SET amount_minor = 7")
    ds = _through_copies()
    assert ds.invoices["amount_minor"].to_list() == [7]
    snapshot.ensure_triggers(connection)  # as every migration does
    with connection.cursor() as cursor:
        assert snapshot.versions(cursor) is not None
    m.Invoice.objects.update(amount_minor=8)
    assert _assert_same(monkeypatch).invoices["amount_minor"].to_list() == [8]


def test_a_copy_of_another_database_is_not_used(acme, monkeypatch, tmp_path):
    _through_copies()
    folder = snapshot.Path(connection.settings_dict["NAME"]).resolve().parent / snapshot.FOLDER
    path = folder / "invoices.arrow"
    copy = snapshot._open_copy(path)
    assert copy is not None and (rows := copy.frame()) is not None
    # Made from another file (or another query): the key does not match.
    snapshot._write_copy(path, "another", copy.version, rows.with_columns(pl.lit(1)))
    m.Invoice.objects.create(
        client=acme,
        number="2026-002",
        issued_on=dt.date(2026, 6, 5),
        due_on=dt.date(2026, 7, 4),
        amount_minor=Decimal(500),
        currency="EUR",
    )
    assert _assert_same(monkeypatch).invoices.height == 2


def test_with_nothing_written_since_no_reading_process_is_started(acme, monkeypatch):
    from partways.store import loader

    first = _through_copies()

    def no_child(*args, **kwargs):
        raise AssertionError("a reading process was started")

    monkeypatch.setattr(loader, "read_tables", no_child)
    again = _through_copies()
    for name, frame in first.tables().items():
        assert frame.equals(again.tables()[name]), name


def test_a_copy_that_cannot_be_written_only_costs_time(acme, monkeypatch):
    folder = snapshot.Path(connection.settings_dict["NAME"]).resolve().parent / snapshot.FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.write_text("not a folder")  # so no copy can be made in it
    try:
        ds = _assert_same(monkeypatch)
        assert ds.time_entries.height == 3
    finally:
        folder.unlink()
