"""docs/importing.md is the importer folders' READMEs under one introduction."""

from pathlib import Path

from partways.connectors.registry import SERVICES
from partways.importers import registry
from partways.importers.docs import (
    CONNECTOR_FOLDERS,
    CONNECTORS_HERE,
    FOLDERS,
    HERE,
    importing_markdown,
)

DOC = Path(__file__).resolve().parents[1] / "docs" / "importing.md"


def test_the_page_is_up_to_date_with_the_folders():
    assert DOC.read_text(encoding="utf-8") == importing_markdown(), "run `make docs`"


def test_every_importer_folder_is_on_the_page():
    folders = {p.parent.name for p in HERE.glob("*/__init__.py")}
    assert folders == set(FOLDERS)


def test_every_format_name_is_documented():
    page = DOC.read_text(encoding="utf-8")
    missing = [name for name in registry.importer_classes() if f"`{name}`" not in page]
    assert missing == []


def test_every_connector_has_its_section():
    folders = {p.parent.name for p in CONNECTORS_HERE.glob("*/__init__.py")}
    assert folders == set(CONNECTOR_FOLDERS) == set(SERVICES)
    page = DOC.read_text(encoding="utf-8")
    for folder in CONNECTOR_FOLDERS:
        title = (CONNECTORS_HERE / folder / "README.md").read_text("utf-8").splitlines()[0]
        assert f"#{title}\n" in page, title
