"""One time entry exported by two tools: imported once, and left as first imported.

A Clockify workspace that imported its Toggl history (or the other way round) holds
the same entries as the other tool's export: same client, project, person, start,
duration and description, hence one record key. Each tool words the money its own
way (Clockify a USD rate per hour, Toggl an EUR amount), and before this each
re-import swapped the entry's rate and currency for the last file's.
"""

from pathlib import Path

import pytest

from partways.store import models as m
from partways.store.imports.apply import skipped_english
from partways.store.imports.run import ImportOptions, import_source, sources

pytestmark = pytest.mark.django_db(transaction=True)

CLOCKIFY = (
    '"Project","Client","Description","Task","User","Group","Email","Tags","Type","Billable",'
    '"Invoiced","Invoice ID","Start Date","Start Time","End Date","End Time","Duration (h)",'
    '"Duration (decimal)","Billable Rate (USD)","Billable Amount (USD)","Date of creation"\n'
    '"Web shop","Dubrovnik Tours","Checkout flow","","Marko","Team A","marko@studio.example",'
    '"","Regular","Yes","No","","03/04/2024","10:00 AM","03/04/2024","11:30 AM","01:30:00",'
    '"1.50","{rate}","127.50","03/04/2024"\n'
)
TOGGL = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount (EUR)\n"
    "Marko,marko@studio.example,Dubrovnik Tours,Web shop,,Checkout flow,Yes,2024-03-04,"
    "10:00:00,2024-03-04,11:30:00,01:30:00,,120.00\n"
)


def _import(path: Path):
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone="UTC"))
    assert report.written, report.errors
    return report


def _entries() -> list[tuple[int | None, str]]:
    return list(m.TimeEntry.objects.values_list("bill_rate_minor", "currency"))


def test_the_other_tools_export_of_an_entry_leaves_it_as_first_imported(tmp_path):
    clockify = tmp_path / "clockify.csv"
    clockify.write_text(CLOCKIFY.format(rate="85.00"), encoding="utf-8")
    toggl = tmp_path / "toggl.csv"
    toggl.write_text(TOGGL, encoding="utf-8")
    assert _import(clockify).new["time_entries"] == 1
    for path in (toggl, clockify, toggl):
        _import(path)
        # One entry, with Clockify's rate and currency, whichever file came last.
        assert _entries() == [(8500, "USD")]
    report = _import(toggl)
    assert skipped_english(report.skipped) == {
        "time entries already imported from clockify (kept as they are)": 1
    }
    assert report.updated["time_entries"] == 0 and report.new["time_entries"] == 0


def test_the_same_tools_later_export_still_updates_the_entry(tmp_path):
    clockify = tmp_path / "clockify.csv"
    clockify.write_text(CLOCKIFY.format(rate="85.00"), encoding="utf-8")
    toggl = tmp_path / "toggl.csv"
    toggl.write_text(TOGGL, encoding="utf-8")
    _import(clockify)
    _import(toggl)
    clockify.write_text(CLOCKIFY.format(rate="95.00"), encoding="utf-8")
    assert _import(clockify).updated["time_entries"] == 1
    assert _entries() == [(9500, "USD")]


def test_a_workspace_whose_entry_flipped_before_keeps_its_last_state_and_imports_nothing_twice(
    tmp_path,
):
    # A database written by the earlier release: Toggl's import updated the entry last,
    # so its key belongs to Toggl's batch. Nothing is re-imported, nothing flips again.
    clockify = tmp_path / "clockify.csv"
    clockify.write_text(CLOCKIFY.format(rate="85.00"), encoding="utf-8")
    toggl = tmp_path / "toggl.csv"
    toggl.write_text(TOGGL, encoding="utf-8")
    _import(toggl)
    key = m.ImportedKey.objects.get(kind="time_entries")
    # Clockify's values written over it, as the earlier release did, under its own batch.
    batch = m.ImportBatch.objects.create(importer="clockify", source=str(clockify))
    m.TimeEntry.objects.update(bill_rate_minor=8500, currency="USD")
    m.ImportedKey.objects.filter(pk=key.pk).update(batch=batch, digest=key.digest + 1)
    for path in (toggl, clockify, toggl, clockify):
        report = _import(path)
        assert report.new["time_entries"] == 0
    assert m.TimeEntry.objects.count() == 1 and m.ImportedKey.objects.count() == 1
    assert _entries() == [(8500, "USD")]
