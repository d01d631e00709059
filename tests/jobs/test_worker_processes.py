"""Jobs across real processes: two ``partways serve`` and the ``partways worker`` processes.

An upload made through one web process is queued in the database; the other web
process shows its progress; a worker runs it. A worker killed (SIGKILL) in the middle
of the import leaves nothing half-applied: the next worker starts the job again and
it ends with every row once; a job whose workers keep dying ends failed, with the
reason on its page, and its files removed.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from partways.bench.imports import write_toggl_csv
from partways.bench.processes import serving, start, stop
from partways.bench.uploads import Upload, Uploader
from tests.cli.conftest import CLI, cli  # noqa: F401  (the fixture, re-exported)

ROWS = 60_000


def _serving(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], Uploader]:
    """``partways serve`` without workers of its own, with the owner logged in."""
    proc, port = serving(env)
    browser = Uploader(port, timeout=60)
    browser.log_in()
    return proc, browser


@contextmanager
def _worker(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """``partways worker`` for as long as the block runs."""
    proc = start(["worker"], env)
    try:
        yield proc
    finally:
        stop([proc])


@pytest.fixture(scope="module")
def web(cli: CLI) -> Iterator[tuple[Uploader, Uploader]]:  # noqa: F811
    """Two web processes on one database: the upload goes to the first, the second
    is asked how it goes."""
    first, a = _serving(cli.env)
    second, b = _serving(cli.env)
    try:
        yield a, b
    finally:
        stop([first, second])


def _export(folder: Path, seed: int) -> Upload:
    path = folder / f"toggl-{seed}.csv"
    write_toggl_csv(path, ROWS, seed=seed)

    def chunks() -> Iterator[bytes]:
        yield path.read_bytes()

    return Upload("Toggl export", path.name, path.stat().st_size, chunks(), "imported", False)


def _entries(cli: CLI) -> tuple[int, str]:  # noqa: F811
    """Time entries in the database, and SQLite's integrity verdict."""
    return cli.scalar("SELECT COUNT(*) FROM partways_timeentry"), cli.integrity()


def _attempts(cli: CLI, job_page: str) -> int:  # noqa: F811
    """How many times the import job at ``job_page`` was started."""
    job_id = job_page.strip("/").rsplit("/", 1)[1]
    if not cli.env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        job_id = job_id.replace("-", "")  # SQLite keeps a UUID as 32 hex digits
    return cli.scalar(f"SELECT attempts FROM partways_job WHERE id = '{job_id}'")


def _until(browser: Uploader, path: str, pattern: str, seconds: float = 120) -> str:
    """The job's page (as HTMX asks for it) once it matches ``pattern``."""
    deadline = time.monotonic() + seconds
    while True:
        status, page = browser.get(path, {"HX-Request": "true"})
        if re.search(pattern, page):
            return page
        assert time.monotonic() < deadline, f"{path} never showed {pattern!r}:\n{page[:3000]}"
        time.sleep(0.1)


def _queued(a: Uploader, b: Uploader, item: Upload) -> str:
    outcome = a.upload(item, wait=0)
    assert outcome.status == 302 and outcome.job, outcome.text[:2000]
    page = _until(b, outcome.job, "Waiting to start")
    assert "File 1" not in page
    return outcome.job


def _new_entries(page: str) -> int:
    found = re.search(r"time entries: ([\d,]+)", page)
    assert found, page[:3000]
    return int(found.group(1).replace(",", ""))


def test_a_worker_runs_an_upload_and_the_other_web_process_shows_its_progress(
    cli: CLI,  # noqa: F811
    web: tuple[Uploader, Uploader],
    tmp_path: Path,
) -> None:
    a, b = web
    before, _ = _entries(cli)
    job = _queued(a, b, _export(tmp_path, seed=1))
    with _worker(cli.env):
        _until(b, job, r"File 1 of 1: toggl-1\.csv")
        report = _until(b, job, "import-files")
    assert _entries(cli) == (before + _new_entries(report), "ok")
    # The same page, from the first process, reads the same report.
    assert _new_entries(a.get(job)[1]) == _new_entries(report)


def test_a_worker_killed_mid_import_leaves_the_job_to_the_next_worker_never_half_applied(
    cli: CLI,  # noqa: F811
    web: tuple[Uploader, Uploader],
    tmp_path: Path,
) -> None:
    a, b = web
    before, _ = _entries(cli)
    job = _queued(a, b, _export(tmp_path, seed=2))
    worker = start(["worker"], cli.env)
    # Read whole: the import is writing its rows, in one transaction.
    _until(b, job, r"60,?000 rows read")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    killed, check = _entries(cli)
    assert check == "ok"
    with _worker(cli.env):
        report = _until(b, job, "import-files")
    after, check = _entries(cli)
    assert check == "ok" and after > before
    # All of the file or none of it when the worker died; every row once at the end.
    assert killed in (before, after), f"{killed - before} of {after - before} rows were left"
    assert _attempts(cli, job) == 2  # the kill landed while the job ran
    if killed == before:
        assert _new_entries(report) == after - before
    # Uploaded again, the file adds nothing.
    job = a.upload(_export(tmp_path, seed=2), wait=0).job
    with _worker(cli.env):
        _until(b, job, "import-files")
    assert _entries(cli) == (after, "ok")


def test_a_job_whose_workers_keep_dying_fails_with_the_reason_and_its_files_go(
    cli: CLI,  # noqa: F811
    web: tuple[Uploader, Uploader],
    tmp_path: Path,
) -> None:
    a, b = web
    before, _ = _entries(cli)
    job = _queued(a, b, _export(tmp_path, seed=3))
    env = {**cli.env, "PARTWAYS_LIMIT_JOBS_MAX_ATTEMPTS": "1"}
    worker = start(["worker"], env)
    _until(b, job, r"File 1 of 1: toggl-3\.csv")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    # The next worker, started later, finds the dead one's job and fails it.
    with _worker(env):
        page = _until(b, job, "stopped before it ended")
    assert "The worker running this job stopped before it ended, 1 time" in page
    assert _entries(cli) == (before, "ok")
    jobs = Path(cli.env["PARTWAYS_HOME"]) / "jobs"
    assert not jobs.exists() or list(jobs.iterdir()) == []


def test_a_worker_told_to_stop_finishes_the_job_in_hand_first(
    cli: CLI,  # noqa: F811
    web: tuple[Uploader, Uploader],
    tmp_path: Path,
) -> None:
    a, b = web
    before, _ = _entries(cli)
    job = _queued(a, b, _export(tmp_path, seed=4))
    worker = start(["worker"], cli.env)
    _until(b, job, r"File 1 of 1: toggl-4\.csv")
    worker.send_signal(signal.SIGTERM)  # as a service manager stops it
    assert worker.wait(timeout=120) == 0
    report = _until(b, job, "import-files", seconds=5)
    assert _attempts(cli, job) == 1
    assert _entries(cli) == (before + _new_entries(report), "ok")
