"""The import page: upload exports, follow the progress, read every file's report.

The uploads are small files written for these tests (``fixtures/``), in the formats
the importers' own tests use. Uploads this small are imported within the request,
as in production; two tests queue the import for a worker (the real one, run here in
a thread) and poll its page.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser

from partways.i18n.render import FSI, PDI
from partways.jobs.files import job_files
from partways.jobs.worker import Worker
from partways.store.models import Client, ImportBatch, Job, Message, MessageLabel, TimeEntry
from partways.web import import_jobs

from .conftest import PASSWORD, Team

FIXTURES = Path(__file__).parent / "fixtures"


def _file(name: str, as_name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(as_name or name, (FIXTURES / name).read_bytes())


def _upload(browser: Browser, *names: str, **fields: str) -> tuple[str, str]:
    """Upload the fixtures ``names``; the job page's URL and its HTML once done."""
    response = browser.post("/import/", {"uploads": [_file(n) for n in names], **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = browser.get(response.url)
    assert page.status_code == 200
    return response.url, page.content.decode()


def _row(html: str, name: str) -> str:
    """The report table's row for the file ``name``."""
    table = html.split('<table id="import-files">', 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr>")
    assert any(f'<th scope="row">{name}</th>' in r for r in rows), html[-6000:]
    row = next(r for r in rows if f'<th scope="row">{name}</th>' in r)
    return re.sub(r"\s+", " ", row)


class JobsFolder:
    """Where uploads are kept while they are imported: what a test leaves there."""

    def __init__(self) -> None:
        self.path = job_files("x").parent
        self.path.mkdir(parents=True, exist_ok=True)
        self.before = set(self.path.iterdir())

    def left(self) -> set[Path]:
        return set(self.path.iterdir()) - self.before


@pytest.fixture
def jobs_folder() -> JobsFolder:
    return JobsFolder()


def _worker_in_a_thread() -> threading.Thread:
    """The real worker, running every queued job and then stopping, beside the test."""
    worker = Worker(batch=True, startup_delay=False, scheduler=False)
    thread = threading.Thread(target=worker.run)
    thread.start()
    return thread


def test_the_form_has_a_labelled_multiple_file_input_and_the_formats(as_alice: Browser) -> None:
    html = as_alice.get("/import/").content.decode()
    assert re.search(r'<label for="id_uploads">Export files</label>', html)
    assert re.search(r'<input type="file" name="uploads"[^>]* multiple[^>]*id="id_uploads"', html)
    assert 'enctype="multipart/form-data"' in html
    assert '<option value="" selected>Recognise each file</option>' in html
    assert '<option value="toggl">' in html
    assert 'value="imap"' not in html  # a mailbox URL cannot be uploaded


def test_an_uploaded_export_is_imported_and_reported(
    portfolio: Team, as_alice: Browser, jobs_folder: JobsFolder
) -> None:
    _, html = _upload(as_alice, "toggl_hours.csv")
    row = _row(html, "toggl_hours.csv")
    assert "toggl" in row and "Toggl Track detailed report (CSV)" in row
    assert "time entries: 3" in row and "Imported" in row
    client = Client.objects.get(name="Webtest Harbour Ltd")
    assert TimeEntry.objects.filter(client=client).count() == 3
    assert "Webtest Harbour Ltd" in html  # named as a new client
    # The batch names the file as uploaded; the temporary copy is gone.
    assert ImportBatch.objects.filter(source="toggl_hours.csv").count() == 1
    assert jobs_folder.left() == set()


def test_the_same_file_uploaded_again_adds_nothing(portfolio: Team, as_alice: Browser) -> None:
    _upload(as_alice, "toggl_hours.csv")
    before = TimeEntry.objects.count()
    _, html = _upload(as_alice, "toggl_hours.csv")
    row = _row(html, "toggl_hours.csv")
    assert TimeEntry.objects.count() == before
    new, updated, unchanged = re.findall(r"<td>([^<]*)</td>", row)[:3]
    assert (new, updated, unchanged) == ("–", "–", "time entries: 3")


def test_a_file_with_errors_writes_nothing_and_lists_each_error_where_it_is(
    portfolio: Team, as_alice: Browser, jobs_folder: JobsFolder
) -> None:
    entries, batches = TimeEntry.objects.count(), ImportBatch.objects.count()
    _, html = _upload(as_alice, "toggl_broken.csv")
    assert "Not imported" in _row(html, "toggl_broken.csv")
    assert TimeEntry.objects.count() == entries and ImportBatch.objects.count() == batches
    assert not Client.objects.filter(name="Webtest Broken Co").exists()
    errors = html.split('<table class="import-errors">', 1)[1].split("</table>", 1)[0]
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", r) for r in errors.split("<tr>") if "<td" in r]
    assert [(c[0], c[1], c[2].split(" ")[0]) for c in cells] == [
        ("toggl_broken.csv", "3", "&quot;Start"),
        ("toggl_broken.csv", "4", "&quot;Billable&quot;"),
        ("toggl_broken.csv", "4", "&quot;Duration&quot;"),
        ("toggl_broken.csv", "4", "&quot;Amount"),
    ]
    # The cell's value is the user's data: isolated from the sentence around it.
    assert f"{FSI}&#x27;2026-13-45&#x27;{PDI} is not a date" in cells[0][3]
    assert "is not a duration, e.g. 1:30:00" in cells[2][3]  # what was expected
    assert "4 errors" in html and "nothing of this file was written" in html
    assert "or import its good rows" in html
    assert jobs_folder.left() == set()


def test_the_good_rows_of_a_file_with_errors_are_imported_on_request(
    portfolio: Team, as_alice: Browser
) -> None:
    _, html = _upload(as_alice, "toggl_broken.csv", skip_bad_rows="on")
    row = _row(html, "toggl_broken.csv")
    assert "time entries: 1" in row and "rows with errors skipped" in row
    assert TimeEntry.objects.filter(client__name="Webtest Broken Co").count() == 1
    assert "these rows were skipped" in html


def test_each_file_of_one_upload_is_reported_and_a_mapping_goes_with_its_csv(
    portfolio: Team, as_alice: Browser
) -> None:
    _, html = _upload(as_alice, "hours.csv", "hours.csv.mapping.toml", "notes.txt")
    assert "mapped-csv" in _row(html, "hours.csv") and "time entries: 2" in _row(html, "hours.csv")
    assert "Column mapping for hours.csv" in _row(html, "hours.csv.mapping.toml")
    assert "not recognised" in _row(html, "notes.txt") and "Not imported" in _row(html, "notes.txt")
    assert "No importer recognises this file; choose its format" in html
    assert "--format" not in html  # the CLI's advice is not the page's
    assert "import its good rows" not in html  # no row of notes.txt was wrong
    assert TimeEntry.objects.filter(client__name="Webtest Mapped Inc").count() == 2


def test_two_files_of_the_same_name_are_both_imported(portfolio: Team, as_alice: Browser) -> None:
    march = _file("toggl_hours.csv", as_name="report.csv")
    april = SimpleUploadedFile(
        "report.csv",
        (FIXTURES / "toggl_hours.csv").read_bytes().replace(b"2026-09-0", b"2026-04-0"),
    )
    response = as_alice.post("/import/", {"uploads": [march, april]})
    page = as_alice.get(response.url).content.decode()
    rows = re.findall(r'<th scope="row">report.csv</th>.*?</tr>', page, re.S)
    assert len(rows) == 2 and all("time entries: 3" in r for r in rows)
    assert TimeEntry.objects.filter(client__name="Webtest Harbour Ltd").count() == 6


def test_a_chosen_format_reads_a_file_whatever_its_name(portfolio: Team, as_alice: Browser) -> None:
    upload = _file("toggl_hours.csv", as_name="september.txt")
    response = as_alice.post("/import/", {"uploads": [upload], "format": "toggl"})
    html = as_alice.get(response.url).content.decode()
    assert "time entries: 3" in _row(html, "september.txt")


def test_new_messages_are_labelled_after_the_import(portfolio: Team, as_alice: Browser) -> None:
    _, html = _upload(as_alice, "inbox.mbox")
    assert "messages: 2" in _row(html, "inbox.mbox")
    rude = Message.objects.get(text__startswith="This is useless garbage")
    assert rude.analyzer  # read by the analyzer, as `partways import` does
    assert MessageLabel.objects.filter(message=rude).exists()
    assert "2 new messages were read" in html
    assert "2 messages matched no client" in html and "Most from:" in html


def test_a_file_that_breaks_its_importer_stops_only_itself(
    portfolio: Team, as_alice: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = import_jobs.import_source

    def breaks_on_mbox(source: Any, *args: Any) -> Any:
        if source.location.endswith(".mbox"):
            raise RuntimeError("the parser fell over")
        return real(source, *args)

    monkeypatch.setattr(import_jobs, "import_source", breaks_on_mbox)
    _, html = _upload(as_alice, "inbox.mbox", "toggl_hours.csv")
    assert "Not imported" in _row(html, "inbox.mbox")
    assert "this file could not be read: the parser fell over" in html
    assert "time entries: 3" in _row(html, "toggl_hours.csv")


def test_the_form_asks_for_a_file(as_alice: Browser) -> None:
    response = as_alice.post("/import/", {"format": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_polling_a_finished_import_stops_the_polling(portfolio: Team, as_alice: Browser) -> None:
    url, html = _upload(as_alice, "toggl_hours.csv")
    assert 'hx-trigger="every 1s"' not in html
    fragment = as_alice.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 286  # htmx cancels polling on this status
    assert '<table id="import-files">' in fragment.content.decode()
    assert "<html" not in fragment.content.decode()


def test_an_unknown_import_is_not_found(as_alice: Browser) -> None:
    response = as_alice.get("/import/0123456789abcdef0123456789abcdef/")
    assert response.status_code == 404
    assert "No such import" in response.content.decode()


def test_only_the_owner_imports(portfolio: Team, as_bob: Browser, as_charlie: Browser) -> None:
    for browser in (as_bob, as_charlie):
        assert browser.get("/import/").status_code == 403
        assert browser.post("/import/", {"uploads": [_file("toggl_hours.csv")]}).status_code == 403
        assert browser.get("/import/0123456789abcdef0123456789abcdef/").status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team, db: None) -> None:
    for url in ("/import/", "/import/0123456789abcdef0123456789abcdef/"):
        response = Browser().get(url)
        assert response.status_code == 302 and response.url.startswith("/login/")


@pytest.mark.django_db(transaction=True)
def test_a_large_upload_is_queued_for_a_worker_and_the_page_follows_it(
    monkeypatch: pytest.MonkeyPatch, jobs_folder: JobsFolder
) -> None:
    # The worker has its own database connection: it sees only committed rows, hence
    # a transactional test with its own owner (the module's demo is not needed).
    from partways.web.accounts import create_login

    owner = create_login(email="olga@example.com", password=PASSWORD, name="Olga", role="owner")
    browser = Browser()
    assert browser.login(username=owner.email, password=PASSWORD)
    monkeypatch.setattr(import_jobs, "INLINE_BYTES", 0)
    # The first file waits until the page has been seen in the middle of the import.
    release = threading.Event()
    real_import_one = import_jobs._import_one

    def held(*args: Any) -> Any:
        release.wait(timeout=30)
        return real_import_one(*args)

    monkeypatch.setattr(import_jobs, "_import_one", held)
    response = browser.post(
        "/import/", {"uploads": [_file("toggl_hours.csv"), _file("inbox.mbox")]}
    )
    url = response.url
    page = browser.get(url).content.decode()
    assert "Waiting to start" in page  # queued: no worker has taken it yet
    worker = _worker_in_a_thread()
    try:
        deadline = time.monotonic() + 30
        while "File 1 of 2: toggl_hours.csv" not in page:
            assert time.monotonic() < deadline, page
            time.sleep(0.05)
            page = browser.get(url).content.decode()
        assert f'hx-get="{url}" hx-trigger="every 1s"' in page
        assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
        assert f'<a href="{url}">Refresh</a>' in page
        fragment = browser.get(url, headers={"HX-Request": "true"})
        assert fragment.status_code == 200 and "File 1 of 2" in fragment.content.decode()
    finally:
        release.set()
        worker.join(timeout=60)
    assert browser.get(url, headers={"HX-Request": "true"}).status_code == 286
    html = browser.get(url).content.decode()
    assert "hx-trigger" not in html and "http-equiv" not in html
    assert "time entries: 3" in _row(html, "toggl_hours.csv")
    assert "messages: 2" in _row(html, "inbox.mbox")
    assert TimeEntry.objects.filter(client__name="Webtest Harbour Ltd").count() == 3
    assert jobs_folder.left() == set()
    job = Job.objects.get(kind=Job.Kind.IMPORT)
    assert (job.state, job.attempts, job.started_by) == ("done", 1, owner.user)


@pytest.mark.django_db(transaction=True)
def test_a_small_upload_waits_in_the_queue_while_another_import_runs(
    jobs_folder: JobsFolder,
) -> None:
    from partways.web.accounts import create_login

    owner = create_login(email="olga@example.com", password=PASSWORD, name="Olga", role="owner")
    browser = Browser()
    assert browser.login(username=owner.email, password=PASSWORD)
    # Another import is running (in another process, say).
    other = Job.objects.create(kind=Job.Kind.IMPORT, state=Job.State.RUNNING)
    response = browser.post("/import/", {"uploads": [_file("toggl_hours.csv")]})
    assert response.status_code == 302  # answered at once, not after the other
    job = import_jobs.get(response.url.rstrip("/").rsplit("/", 1)[1])
    assert job is not None and job.state == "waiting"
    assert not TimeEntry.objects.filter(client__name="Webtest Harbour Ltd").exists()
    other.delete()
    _worker_in_a_thread().join(timeout=60)
    job = import_jobs.get(job.id)
    assert job is not None and job.done and not job.problem
    assert TimeEntry.objects.filter(client__name="Webtest Harbour Ltd").count() == 3
    assert jobs_folder.left() == set()


def _slack_zip() -> SimpleUploadedFile:
    """The Slack importer's sample export, zipped as Slack delivers it (3 kB unpacked)."""
    import io
    import zipfile

    export = Path(__file__).parents[2] / "src/partways/importers/slack/fixtures/export"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(export.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(export).as_posix())
    return SimpleUploadedFile("slack-export.zip", buffer.getvalue())


def test_an_uploaded_archive_is_held_to_the_upload_s_own_unpacked_limit(
    portfolio: Team, as_alice: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server imports an upload under upload.max_unpacked_bytes: an archive that
    `partways import` would read (archive.max_unpacked_bytes) is refused on the web."""
    from partways.core.limits import limit

    monkeypatch.setenv("PARTWAYS_LIMIT_UPLOAD_MAX_UNPACKED_BYTES", "1000")
    assert limit("archive.max_unpacked_bytes") > 3_000
    messages = Message.objects.count()

    response = as_alice.post("/import/", {"uploads": [_slack_zip()], "skip_bad_rows": "on"})
    assert response.status_code == 302
    page = " ".join(as_alice.get(response["Location"]).content.decode().split())
    assert "upload.max_unpacked_bytes" in page, page[page.find("errors") :][:3000]
    assert Message.objects.count() == messages

    # The sample export has two bad rows on purpose: its good ones are imported.
    monkeypatch.delenv("PARTWAYS_LIMIT_UPLOAD_MAX_UNPACKED_BYTES")
    response = as_alice.post("/import/", {"uploads": [_slack_zip()], "skip_bad_rows": "on"})
    as_alice.get(response["Location"])
    assert Message.objects.count() > messages
