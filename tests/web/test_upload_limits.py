"""Uploads over ``upload.max_bytes`` are refused with a page that says so; nothing is kept.

The limit is set low through its environment variable. A body that declares its size
is refused before it is parsed; one that declares less than it holds is stopped while
it is parsed. Either way the answer is a page (413), never a reset connection (the
real server is tried in test_upload_limits_server.py).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client as Browser

from partways.cli.common import UserError
from partways.cli.serve_cmd import largest_body
from partways.store.models import ImportBatch, TimeEntry
from partways.web import import_jobs
from partways.web.uploads import FORM_ALLOWANCE

from .conftest import Team

FIXTURES = Path(__file__).parent / "fixtures"
TOGGL = (FIXTURES / "toggl_hours.csv").read_bytes()


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where Django writes uploads and the import unpacks them (empty again afterwards)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _limit(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setenv("PARTWAYS_LIMIT_UPLOAD_MAX_BYTES", str(size))


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(response.content.decode().split()).replace("\xa0", " ")


def test_an_upload_declared_over_the_limit_is_refused_before_it_is_read(
    portfolio: Team, as_alice: Browser, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limit(monkeypatch, 1000)
    batches = ImportBatch.objects.count()
    big = SimpleUploadedFile("hours.csv", TOGGL + b"\n" * (FORM_ALLOWANCE + 2000))

    response = as_alice.post("/import/", {"uploads": [big]})

    assert response.status_code == 413
    page = _text(response)
    assert "This upload is too large" in page
    assert "this installation accepts at most 1000 bytes at once" in page
    assert "Nothing of it was imported" in page
    assert ImportBatch.objects.count() == batches
    assert list(temp_folder.iterdir()) == []


def test_files_over_the_limit_together_are_stopped_while_they_are_read(
    portfolio: Team, as_alice: Browser, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each file is under the limit, the two are over it; the request says it is small
    # enough for the first guard, so the counting one stops it.
    _limit(monkeypatch, len(TOGGL) + 100)
    entries = TimeEntry.objects.count()
    files = [SimpleUploadedFile("a.csv", TOGGL), SimpleUploadedFile("b.csv", TOGGL)]

    response = as_alice.post("/import/", {"uploads": files})

    assert response.status_code == 413
    assert "This upload is too large" in _text(response)
    assert TimeEntry.objects.count() == entries
    # The file Django had started to write is gone with the one it finished.
    assert list(temp_folder.iterdir()) == []


def test_an_upload_at_the_limit_is_imported(
    portfolio: Team, as_alice: Browser, temp_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _limit(monkeypatch, len(TOGGL))

    response = as_alice.post("/import/", {"uploads": [SimpleUploadedFile("hours.csv", TOGGL)]})

    assert response.status_code == 302, _text(response)[:2000]
    page = as_alice.get(response.url).content.decode()
    assert "time entries" in page
    assert list(temp_folder.iterdir()) == []


def test_an_uploaded_file_is_moved_into_the_import_not_copied(temp_folder: Path) -> None:
    upload = TemporaryUploadedFile("hours.csv", "text/csv", len(TOGGL), None)
    upload.write(TOGGL)
    upload.flush()
    written = Path(upload.temporary_file_path())
    folder = temp_folder / "job"

    saved, size = import_jobs._save([upload], folder)

    assert (saved[0].name, size) == ("hours.csv", len(TOGGL))
    assert saved[0].path.read_bytes() == TOGGL
    assert not written.exists()
    upload.close()  # as Django does when the request ends: the file is gone, no error


def test_the_server_takes_in_any_body_it_can_answer_with_the_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Waitress closes the connection on a body over its own maximum (a reset, not a
    # page), so that maximum follows the limit: an installation that allows 2 GiB
    # uploads must not have them cut off at Waitress's default of 1 GiB.
    _limit(monkeypatch, 2 * 1024**3)
    assert largest_body() > 4 * 2 * 1024**3
    _limit(monkeypatch, 1000)
    assert largest_body() == 1024**3
    monkeypatch.setenv("PARTWAYS_LIMIT_UPLOAD_MAX_BYTES", "lots")
    with pytest.raises(UserError, match="PARTWAYS_LIMIT_UPLOAD_MAX_BYTES='lots': expected"):
        largest_body()


def test_too_many_files_at_once_get_a_page_that_says_so(
    portfolio: Team, as_alice: Browser, temp_folder: Path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    entries = TimeEntry.objects.count()
    files = [SimpleUploadedFile(f"hours-{i}.csv", TOGGL) for i in range(4)]

    response = as_alice.post("/import/", {"uploads": files})

    assert response.status_code == 400
    page = _text(response)
    assert "Too many files at once" in page and "at most 3 files" in page
    assert TimeEntry.objects.count() == entries
    assert list(temp_folder.iterdir()) == []
