"""Toggl workspace data export (JSON): the folder, the ZIP, each member file alone."""

import zipfile
from pathlib import Path

import pytest
from tests.golden import check
from tests.shared_data import SHARED, shared_files

from partways.importers.base import ImportFailed
from partways.importers.toggl import TogglCsvImporter, TogglJsonImporter

FIXTURES = Path(__file__).parent.parent / "fixtures"
EXPORT = FIXTURES / "data_export"


@pytest.mark.parametrize("name", ["data_export", "data_export_bad", "projects_alone/projects.json"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(TogglJsonImporter(), FIXTURES / name)


def _zip(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for file in sorted(folder.rglob("*.json")):
            archive.write(file, prefix + file.relative_to(folder).as_posix())
    return target


def test_the_zip_gives_the_same_records_as_the_unpacked_folder(tmp_path: Path) -> None:
    archive = _zip(EXPORT, tmp_path / "toggl_export.zip", prefix="Toggl_export_5/")
    importer = TogglJsonImporter()
    assert importer.identify(archive)
    from_zip, zip_errors = importer.extract(archive)
    from_folder, _ = TogglJsonImporter().extract(EXPORT)
    assert zip_errors == []
    for kind in ("clients", "projects"):
        assert from_zip.frames[kind].equals(from_folder.frames[kind])


def test_projects_name_their_client_through_clients_json_beside_them() -> None:
    records, errors = TogglJsonImporter().extract(EXPORT / "projects.json")
    pairs = records.frames["projects"].select("client", "project").rows()
    assert errors == []
    assert pairs[0] == ("Brodogradnja Jadran d.o.o.", "Katalog")
    assert pairs[-1] == (None, "Interno")


def test_each_member_file_is_identified_alone() -> None:
    importer = TogglJsonImporter()
    members = [p for p in EXPORT.rglob("*.json")]
    assert len(members) == 8
    assert all(importer.identify(p) for p in members)


@pytest.mark.parametrize(
    "member", ["tasks/104.json", "projects_users/101.json", "workspace_users.json"]
)
def test_a_member_partways_does_not_use_gives_a_note_and_no_records(member: str) -> None:
    records, errors = TogglJsonImporter().extract(EXPORT / member)
    assert (records.count(), errors) == (0, [])
    assert "which partways does not use" in records.notes[0].english()


def test_invalid_json_fails_with_its_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "clients.json"
    broken.write_text('[\n  {"id": 1, "name": "Acme", "wid": 5},\n  {"id": 2 "wid": 5}\n]\n')
    with pytest.raises(ImportFailed, match=r"line 3, column 12: not valid JSON"):
        TogglJsonImporter().extract(broken)


def test_a_folder_without_projects_json_is_not_a_toggl_export(tmp_path: Path) -> None:
    (tmp_path / "clients.json").write_text((EXPORT / "clients.json").read_text())
    assert not TogglJsonImporter().identify(tmp_path)


def test_json_from_other_tools_is_not_claimed(tmp_path: Path) -> None:
    other = tmp_path / "clients.json"
    other.write_text('[{"id": 1, "name": "Acme"}]')
    assert not TogglJsonImporter().identify(other)
    assert not TogglJsonImporter().identify(FIXTURES / "detailed_no_bom.csv")
    assert not TogglCsvImporter().identify(EXPORT / "clients.json")


def test_the_real_export_folder_imports_without_errors() -> None:
    folder = SHARED / "exports/toggl/solidtime_fixtures/toggl_data_import_test_1"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    importer = TogglJsonImporter()
    assert importer.identify(folder)
    records, errors = importer.extract(folder)
    assert errors == []
    assert records.frames["clients"]["client"].to_list() == [
        "Big Company",
        "Other Company (Archived)",
    ]
    assert records.frames["projects"].select("client", "project").rows()[1] == (
        "Big Company",
        "Project for Big Company",
    )


@pytest.mark.parametrize("path", shared_files("exports/toggl", "*.json"), ids=str)
def test_every_real_member_file_imports_alone(path: Path) -> None:
    importer = TogglJsonImporter()
    assert importer.identify(path)
    records, errors = importer.extract(path)
    assert errors == []
    if path.name in ("clients.json", "projects.json"):
        assert records.count() > 0
    else:
        assert records.notes


def _others() -> list[object]:
    files = [*shared_files("exports", "*"), *shared_files("email", "*"), *shared_files("chat", "*")]
    toggl = SHARED / "exports" / "toggl"
    folders = [
        SHARED / "chat" / "slack" / "slackdump_fixture_export",
        SHARED / "chat" / "slack" / "slack_export_viewer_testarchive" / "extracted",
    ]
    outside = [p for p in files if not (isinstance(p, Path) and p.is_relative_to(toggl))]
    return outside + [f for f in folders if f.is_dir()]


@pytest.mark.parametrize("path", _others(), ids=str)
def test_no_other_tools_file_or_folder_is_taken_for_a_toggl_export(path: Path) -> None:
    assert not TogglJsonImporter().identify(path)
    assert path.is_dir() or not TogglCsvImporter().identify(path)
