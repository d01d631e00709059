"""Slack export: the fixture folder, the same as a ZIP, and the real samples."""

import shutil
import zipfile
from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import SHARED, shared_files

from partways.importers import ImportFailed
from partways.importers.slack import SlackExportImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPORT = FIXTURES / "export"


def _zip(folder: Path, target: Path, top: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, top + file.relative_to(folder).as_posix())
    return target


def test_fixture_gives_its_golden_records() -> None:
    check(SlackExportImporter(), EXPORT)


def test_a_zip_gives_the_same_records_as_the_folder(tmp_path: Path) -> None:
    folder, folder_errors = SlackExportImporter().extract(EXPORT)
    for top in ("", "My Workspace Slack export/"):
        archive = _zip(EXPORT, tmp_path / f"export{len(top)}.zip", top)
        assert SlackExportImporter().identify(archive)
        records, errors = SlackExportImporter().extract(archive)
        assert records.frames["messages"].equals(folder.frames["messages"])
        assert [(e.line, e.column) for e in errors] == [(e.line, e.column) for e in folder_errors]
        assert errors[0].path == f"{archive}!proyek-maju-jaya/2026-03-06.json"


def test_bots_joins_and_leaves_are_skipped_and_counted() -> None:
    records, _ = SlackExportImporter().extract(EXPORT)
    assert skipped_in_english(records) == {
        "Slack channel_join messages": 1,
        "Slack bot_message messages": 2,
        "Slack channel_leave messages": 1,
    }
    assert "GitHub" not in records.frames["messages"]["author"].to_list()


def test_thread_replies_point_to_the_first_message_of_their_thread() -> None:
    records, _ = SlackExportImporter().extract(EXPORT)
    frame = records.frames["messages"].filter(subject="#proyek-maju-jaya")
    parent = "slack:C0MAJU:1772694000.000200"
    assert frame["thread_key"].to_list()[:3] == [parent, parent, parent]
    assert frame["in_reply_to"].to_list()[:3] == [None, parent, parent]


def test_a_broken_day_file_and_a_bad_ts_are_reported_and_the_rest_is_read() -> None:
    records, errors = SlackExportImporter().extract(EXPORT)
    assert [(Path(e.path).name, e.line, e.column) for e in errors] == [
        ("2026-03-06.json", None, "ts"),
        ("2026-03-06.json", 3, None),
    ]
    assert errors[0].message.english().startswith("message 2: 'yesterday' is not a Slack timestamp")
    assert "not valid JSON" in errors[1].message.english()
    assert records.frames["messages"].height == 9


def test_an_export_without_users_json_cannot_be_read(tmp_path: Path) -> None:
    shutil.copytree(EXPORT, tmp_path / "export")
    (tmp_path / "export" / "users.json").unlink()
    assert not SlackExportImporter().identify(tmp_path / "export")
    with pytest.raises(ImportFailed, match="users.json is missing"):
        SlackExportImporter().extract(tmp_path / "export")


def test_an_export_of_only_bot_messages_gives_a_note(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export, ignore=shutil.ignore_patterns("20*.json"))
    (export / "kvarner-web" / "2026-03-05.json").write_text(
        '[{"type": "message", "subtype": "bot_message", "text": "x", "ts": "1772690000.1"}]'
    )
    records, errors = SlackExportImporter().extract(export)
    assert (records.count(), errors) == (0, [])
    assert skipped_in_english(records) == {"Slack bot_message messages": 1}
    assert "no messages written by people" in records.notes[0].english()


def test_other_zips_and_folders_are_not_claimed(tmp_path: Path) -> None:
    archive = tmp_path / "other.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("report.csv", "a,b\n")
    assert not SlackExportImporter().identify(archive)
    assert not SlackExportImporter().identify(FIXTURES)
    assert not SlackExportImporter().identify(EXPORT / "users.json")


@pytest.mark.skipif(not (SHARED / "chat").is_dir(), reason="shared data is not here")
@pytest.mark.parametrize(
    ("export", "humans"),
    [
        ("slack_export_viewer_testarchive/testarchive.zip", 52),
        ("slack_export_viewer_testarchive/extracted", 52),
        ("slackdump_fixture_export", 13),
    ],
)
def test_real_exports_import_without_errors(export: str, humans: int) -> None:
    path = SHARED / "chat" / "slack" / export
    importer = SlackExportImporter()
    assert importer.identify(path)
    records, errors = importer.extract(path)
    assert errors == []
    assert records.frames["messages"].height == humans  # 49 plain messages + 3 file shares


@pytest.mark.parametrize("path", shared_files("exports") + shared_files("email", "*.mbox"), ids=str)
def test_no_other_shared_file_is_claimed(path: Path) -> None:
    assert not SlackExportImporter().identify(path)
