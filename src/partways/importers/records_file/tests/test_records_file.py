"""The records file: examples and fixtures beside their golden records, and strict checking."""

from pathlib import Path
from typing import Any

import pytest
from tests.golden import as_plain, check
from tests.shared_data import shared_files

from partways.importers.base import ImportFailed
from partways.importers.records_file import RecordsFileImporter

FOLDER = Path(__file__).parent.parent
FIXTURES = FOLDER / "fixtures"


def _importer() -> RecordsFileImporter:
    importer = RecordsFileImporter()
    importer.time_zone = "Europe/Zagreb"
    return importer


@pytest.mark.parametrize("name", ["malformed.yaml", "malformed.toml", "empty.toml"])
def test_fixture_gives_its_golden_records(name: str) -> None:
    check(_importer(), FIXTURES / name)


def test_the_documented_example_gives_its_golden_records() -> None:
    check(_importer(), FOLDER / "example.yaml")


def test_the_toml_example_says_the_same_as_the_yaml_one_but_for_lines() -> None:
    def without_lines(result: dict[str, Any]) -> dict[str, Any]:
        return {
            kind: [{k: v for k, v in row.items() if k != "line"} for row in rows]
            if isinstance(rows, list) and rows and isinstance(rows[0], dict)
            else rows
            for kind, rows in result.items()
        }

    yaml_result = as_plain(*_importer().extract(FOLDER / "example.yaml"), FOLDER)
    toml_result = as_plain(*_importer().extract(FOLDER / "example.toml"), FOLDER)
    assert without_lines(yaml_result) == without_lines(toml_result)
    assert toml_result["contracts"][1]["line"] == 65  # the second [[contracts]] header


def test_a_bad_value_is_reported_with_line_column_and_what_was_expected() -> None:
    _, errors = _importer().extract(FIXTURES / "malformed.yaml")
    error = next(e for e in errors if (e.column or "").startswith("contracts.start"))
    assert (error.line, error.column) == (13, "contracts.start (12)")
    assert (
        error.message.english() == "'2025-13-01' is not a date written YYYY-MM-DD, e.g. 2025-03-31"
    )


def test_a_record_with_any_error_is_left_out_and_the_others_still_import() -> None:
    records, _ = _importer().extract(FIXTURES / "malformed.yaml")
    # Of three contracts only the one without errors would remain, but it gives its
    # start date twice, so none is left.
    assert "contracts" not in records.kinds()
    assert records.frames["incidents"]["kind"].to_list() == ["other"]


def test_yaml_reading_an_unquoted_no_as_false_is_caught() -> None:
    _, errors = _importer().extract(FIXTURES / "malformed.yaml")
    assert any("false (a yes/no value; put text in quotes)" in e.message.english() for e in errors)


def test_toml_errors_point_at_the_key_inside_its_array_table() -> None:
    _, errors = _importer().extract(FIXTURES / "malformed.toml")
    assert [(e.line, e.column) for e in errors][:2] == [
        (5, "clients.country (11)"),
        (9, "clients.contacts.mail (8)"),
    ]


def test_local_times_are_read_in_the_business_time_zone() -> None:
    records, _ = _importer().extract(FOLDER / "example.yaml")
    moment = records.frames["incidents"]["occurred_at"][0]
    assert moment.isoformat() == "2025-03-06T21:40:00+00:00"  # 22:40 in Zagreb


def test_defaults_are_the_store_models_defaults() -> None:
    records, _ = _importer().extract(FOLDER / "example.yaml")
    second = records.frames["contracts"].row(1, named=True)
    assert (
        second["auto_renew"],
        second["renewal_months"],
        second["notice_days"],
        second["currency"],
    ) == (False, 12, 30, "IDR")
    assert records.frames["proposals"]["outcome"].to_list() == ["revision", "accepted", "rejected"]


def test_every_contact_and_alias_becomes_a_record() -> None:
    records, _ = _importer().extract(FOLDER / "example.yaml")
    assert records.frames["client_aliases"].height == 2
    assert records.frames["contacts"]["email"].to_list() == [
        "ana@acme.example",
        "ivan@acme.example",
        "siti@maju.example",
    ]
    acme = records.frames["clients"].row(0, named=True)
    assert (acme["contact_name"], acme["email"]) == ("Ana Kovačić", "ana@acme.example")


def test_invalid_yaml_cannot_be_read_and_says_where() -> None:
    with pytest.raises(ImportFailed, match=r"bad_syntax.yaml, line 4, column 1: not valid YAML"):
        _importer().extract(FIXTURES / "bad_syntax.yaml")


def test_an_unknown_format_version_cannot_be_read() -> None:
    with pytest.raises(ImportFailed, match="reads records files of version 1"):
        _importer().extract(FIXTURES / "future_version.yaml")


def test_invalid_toml_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "records.toml"
    path.write_text('[[contracts]]\nclient = "Acme"\nstart = 2025-13-01\n')
    with pytest.raises(ImportFailed, match=r"not valid TOML: .*line 3"):
        _importer().extract(path)


@pytest.mark.parametrize("name", ["example.yaml", "example.toml"])
def test_the_examples_are_identified(name: str) -> None:
    assert _importer().identify(FOLDER / name)


def test_a_file_with_only_known_sections_and_no_version_is_identified(tmp_path: Path) -> None:
    path = tmp_path / "notes.yml"
    path.write_text("flags:\n  - client: Acme\n")
    assert _importer().identify(path)


@pytest.mark.parametrize("text", ["name: build\non: push\n", "kind: time_entries\n"])
def test_other_yaml_files_are_not_identified(tmp_path: Path, text: str) -> None:
    path = tmp_path / "other.yaml"
    path.write_text(text)
    assert not _importer().identify(path)


def test_a_column_mapping_file_is_not_identified(tmp_path: Path) -> None:
    path = tmp_path / "hours.csv.mapping.yaml"
    path.write_text("partways: 1\nkind: time_entries\n")
    assert not _importer().identify(path)


@pytest.mark.parametrize(
    "path", [*shared_files("exports"), *shared_files("email"), *shared_files("chat")], ids=str
)
def test_no_shared_export_is_taken_for_a_records_file(path: Path) -> None:
    assert not _importer().identify(path)
