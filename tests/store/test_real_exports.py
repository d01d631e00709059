"""Every real sample export, mailbox and chat archive in ../shared/data imports cleanly.

The files come from the tools' own exports and test suites (see the SOURCES.md files
there); they are not shipped with partways, so these tests skip when the folder is
absent. Each is imported through the registry exactly as ``partways import`` does,
into a fresh database, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partways.store import models as m
from partways.store.imports.apply import skipped_english
from partways.store.imports.run import ImportOptions, Source, import_source, sources
from tests.shared_data import SHARED

pytestmark = pytest.mark.django_db(transaction=True)

# Files that really are malformed, and the error each must give.
CLOCKIFY = "exports/clockify/solidtime_fixtures"
MALFORMED = {
    # A test file of solidtime's with an impossible date (month 13).
    f"{CLOCKIFY}/clockify_time_entries_import_test_3.csv": "'13/15/2024' is not a date",
}
# Notes written beside the samples, not exports.
NOT_EXPORTS = {".md", ".corpora"}


def _sources() -> list[object]:
    if not SHARED.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{SHARED} is not here"))]
    found: list[object] = []
    for folder in ("exports", "email", "chat"):
        for source in sources([str(SHARED / folder)], None):
            path = Path(source.location)
            if path.suffix in NOT_EXPORTS or path.name.startswith("README"):
                continue
            found.append(pytest.param(source, id=str(path.relative_to(SHARED))))
    return found


@pytest.mark.parametrize("source", _sources())
def test_real_sample_imports_without_error(source: Source) -> None:
    relative = str(Path(source.location).relative_to(SHARED))
    assert source.importer is not None, f"no importer recognises {relative}"
    report = import_source(source, ImportOptions(time_zone="UTC"))
    if relative in MALFORMED:
        assert report.refused
        assert any(MALFORMED[relative] in e.message.english() for e in report.errors), report.errors
        assert all(e.line is not None for e in report.errors)
        return
    assert report.errors == [], [str(e) for e in report.errors[:5]]
    assert report.written
    # Something was taken, or the importer said why the file holds nothing for us.
    assert sum(report.new.values()) or report.notes or report.skipped, report
    # Importing it again changes nothing.
    again = import_source(source, ImportOptions(time_zone="UTC"))
    assert sum(again.new.values()) == 0 and sum(again.updated.values()) == 0


def test_the_lkml_maildir_gives_each_of_its_messages_once() -> None:
    maildir = SHARED / "email" / "notmuch_test_corpora" / "maildir" / "lkml"
    if not maildir.is_dir():
        pytest.skip(f"{maildir} is not here")
    (source,) = sources([str(maildir)], None)
    # 210 files; 34 are second copies of a message (the same Message-ID, same text).
    report = import_source(source, ImportOptions())
    assert report.new["messages"] == 176
    assert skipped_english(report.skipped)["copies of a message already in this file"] == 34
    # The same messages as an mbox are the same records: nothing new.
    (mbox,) = sources([str(maildir.parents[1] / "lkml.mbox")], None)
    report = import_source(mbox, ImportOptions())
    assert report.new["messages"] == 0 and report.unchanged["messages"] == 176
    assert m.Message.objects.count() == 176
    # Every reply whose parent is in the set is linked to it.
    records, _ = source.importer.extract(maildir)
    frame = records.frames["messages"].unique("message_id", keep="first")
    answered = frame.filter(frame["in_reply_to"].is_in(frame["message_id"].implode())).height
    assert answered > 100
    assert m.Message.objects.exclude(in_reply_to=None).count() == answered
